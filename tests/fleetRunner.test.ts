import { expect } from "chai";
import { runFleet, type FleetProgress } from "../fleet/runner";
import { formatChanges, type ChangeCounts, type Operation } from "../fleet/operations";
import { progressLine, resultTable, summaryLine } from "../fleet/report";
import { parseCommandLine } from "../fleet/cli";

const orgs = (...names: string[]) => names.map((name) => ({ name }));

/** An operation whose calls wait until the test releases them, recording how many run at once. */
function gatedOperation() {
    const waiting = new Map<string, { resolve: (c: ChangeCounts) => void; reject: (e: Error) => void }>();
    let running = 0;
    let maxRunning = 0;
    const calls: string[] = [];
    const operate = (org: { name: string }, _operation: Operation) =>
        new Promise<ChangeCounts>((resolve, reject) => {
            calls.push(org.name);
            running++;
            maxRunning = Math.max(maxRunning, running);
            const done =
                <T>(f: (v: T) => void) =>
                (v: T) => {
                    running--;
                    f(v);
                };
            waiting.set(org.name, { resolve: done(resolve), reject: done(reject) });
        });
    return {
        operate,
        calls,
        maxRunning: () => maxRunning,
        running: () => running,
        /** Waits until `name` has started, then settles it. */
        async settle(name: string, outcome: ChangeCounts | Error) {
            for (let i = 0; i < 200 && !waiting.has(name); i++) await new Promise((r) => setTimeout(r, 1));
            const call = waiting.get(name);
            if (!call) throw new Error(`${name} never started; started: ${calls.join(", ")}`);
            waiting.delete(name);
            if (outcome instanceof Error) call.reject(outcome);
            else call.resolve(outcome);
        },
    };
}

describe("fleet runner", () => {
    it("runs at most `parallel` organizations at once and every one of them", async () => {
        const gate = gatedOperation();
        const run = runFleet({
            organizations: orgs("a", "b", "c", "d", "e"),
            operation: "up",
            operate: gate.operate,
            parallel: 2,
        });
        for (const name of ["a", "b", "c", "d", "e"]) {
            await gate.settle(name, { create: 1 });
            expect(gate.running()).to.be.at.most(2);
        }
        const results = await run;
        expect(gate.maxRunning()).to.equal(2);
        expect(results.map((r) => [r.organization, r.result])).to.deep.equal([
            ["a", "succeeded"],
            ["b", "succeeded"],
            ["c", "succeeded"],
            ["d", "succeeded"],
            ["e", "succeeded"],
        ]);
    });

    it("keeps one organization's failure to itself: the others start, run and succeed", async () => {
        const gate = gatedOperation();
        const run = runFleet({
            organizations: orgs("a", "b", "c", "d"),
            operation: "up",
            operate: gate.operate,
            parallel: 2,
        });
        await gate.settle(
            "a",
            new Error("JumpCloud POST /api/v2/identity-providers failed: 401: unauthorized\nmore detail"),
        );
        await gate.settle("b", { create: 11 });
        await gate.settle("c", { create: 11 });
        await gate.settle("d", { create: 11, same: 1 });
        const results = await run;
        expect(results[0]).to.include({
            organization: "a",
            result: "failed",
            error: "JumpCloud POST /api/v2/identity-providers failed: 401: unauthorized",
        });
        expect(results.slice(1).map((r) => r.result)).to.deep.equal(["succeeded", "succeeded", "succeeded"]);
        expect(results[3].changes).to.deep.equal({ create: 11, same: 1 });
        expect(gate.calls).to.deep.equal(["a", "b", "c", "d"]);
    });

    it("reports a start and an end line for each organization while it runs", async () => {
        const seen: FleetProgress[] = [];
        const results = await runFleet({
            organizations: orgs("a", "b"),
            operation: "preview",
            parallel: 1,
            operate: async (org) => {
                if (org.name === "b") throw new Error("boom");
                return { create: 2 };
            },
            onProgress: (p) => seen.push(p),
        });
        expect(seen.map(progressLine).map((l) => l.replace(/\d+\.\d s/, "T"))).to.deep.equal([
            "[1/2] a: preview started",
            "[1/2] a: preview succeeded in T (changes: +2)",
            "[2/2] b: preview started",
            "[2/2] b: preview failed in T: boom",
        ]);
        expect(results.map((r) => r.result)).to.deep.equal(["succeeded", "failed"]);
    });

    it("runs only the named organizations, in inventory order, and refuses unknown names", async () => {
        const ran: string[] = [];
        const operate = async (org: { name: string }) => {
            ran.push(org.name);
            return {};
        };
        const results = await runFleet({
            organizations: orgs("a", "b", "c"),
            operation: "refresh",
            operate,
            only: ["C", "a"],
            parallel: 1,
        });
        expect(results.map((r) => r.organization)).to.deep.equal(["a", "c"]);
        expect(ran).to.deep.equal(["a", "c"]);
        let error: Error | undefined;
        await runFleet({ organizations: orgs("a", "b"), operation: "up", operate, only: ["a", "zed"] }).catch(
            (e) => (error = e),
        );
        expect(error?.message).to.equal("--only names no organization in the inventory: zed; known: a, b");
    });

    it("refuses a parallelism outside 1 to 64", async () => {
        for (const parallel of [0, 65, 1.5]) {
            let error: Error | undefined;
            await runFleet({
                organizations: orgs("a"),
                operation: "up",
                operate: async () => ({}),
                parallel,
            }).catch((e) => (error = e));
            expect(error?.message).to.equal(`parallel must be a whole number from 1 to 64, got ${parallel}`);
        }
    });

    it("starts nothing more once aborted, lets running ones finish, and marks the rest skipped", async () => {
        const gate = gatedOperation();
        const abort = new AbortController();
        const run = runFleet({
            organizations: orgs("a", "b", "c"),
            operation: "destroy",
            operate: gate.operate,
            parallel: 1,
            signal: abort.signal,
        });
        await new Promise((r) => setTimeout(r, 5));
        abort.abort();
        await gate.settle("a", { delete: 3 });
        const results = await run;
        expect(results.map((r) => r.result)).to.deep.equal(["succeeded", "skipped", "skipped"]);
        expect(gate.calls).to.deep.equal(["a"]);
    });

    it("prints the final table with organization, operation, result, changes, duration and the error's first line", () => {
        const table = resultTable([
            {
                organization: "contoso",
                operation: "up",
                result: "succeeded",
                changes: { create: 11 },
                durationMs: 8123,
            },
            {
                organization: "fabrikam",
                operation: "up",
                result: "failed",
                durationMs: 1500,
                error: "401: bad key",
            },
            {
                organization: "tailspin",
                operation: "up",
                result: "succeeded",
                changes: { same: 11 },
                durationMs: 2000,
            },
        ]);
        expect(table.split("\n")).to.deep.equal([
            "organization  operation  result     changes  duration  error",
            "------------  ---------  ---------  -------  --------  ------------",
            "contoso       up         succeeded  +11      8.1 s",
            "fabrikam      up         failed              1.5 s     401: bad key",
            "tailspin      up         succeeded  none     2.0 s",
        ]);
        const long = resultTable([
            { organization: "a", operation: "up", result: "failed", durationMs: 1, error: "x".repeat(150) },
        ]);
        expect(long.split("\n")[2]).to.match(new RegExp(`  ${"x".repeat(97)}\\.\\.\\.$`));
        expect(
            summaryLine(
                [
                    { organization: "a", operation: "up", result: "succeeded", durationMs: 1 },
                    { organization: "b", operation: "up", result: "failed", durationMs: 1 },
                ],
                12_345,
            ),
        ).to.equal("2 organizations: 1 succeeded, 1 failed in 12.3 s");
        expect(
            formatChanges({ create: 1, update: 2, delete: 3, replace: 4, same: 5, "create-replacement": 1 }),
        ).to.equal("+1 ~2 -3 +-4 create-replacement 1");
    });

    it("parses the command line and refuses what it does not know", () => {
        expect(parseCommandLine(["up", "--only", "a", "b", "--parallel", "4"])).to.deep.equal({
            operation: "up",
            inventoryFile: "fleet.yaml",
            only: ["a", "b"],
            parallel: 4,
        });
        expect(
            parseCommandLine([
                "preview",
                "--inventory",
                "x.yaml",
                "--policy-pack",
                "policy",
                "--work-dir",
                "w",
            ]),
        ).to.deep.equal({
            operation: "preview",
            inventoryFile: "x.yaml",
            workDir: "w",
            policyPacks: ["policy"],
        });
        expect(() => parseCommandLine(["deploy"])).to.throw(
            "the first argument must be one of preview, up, refresh, destroy, verify, got deploy",
        );
        expect(() => parseCommandLine(["up", "--parallel", "two"])).to.throw(
            "--parallel must be a whole number of at least 1, got two",
        );
        expect(() => parseCommandLine(["up", "--only"])).to.throw(
            "--only needs at least one organization name",
        );
        expect(() => parseCommandLine(["up", "--fast"])).to.throw("unknown argument --fast");
    });
});
