/**
 * `npm run bench`: measures each figure, says what it is in one line, and compares it with its
 * target. Numbers, not a test: a missed target is reported, not failed. Figures:
 *   1. the dynamic providers next to a minimal provider measured in the same run: stored size per
 *      type (repo and installed), provider bytes in state per component, time to produce the
 *      stored text, host cold start, host create+read+update+delete (`benchProviders.ts`)
 *   2. resource-graph build time under mocks for N = 1, 10, 100 components, repeated; linearity
 *   3. HTTP calls per lifecycle operation against the emulator
 *   4. a 429 storm with Retry-After: total time / sum of Retry-After
 *   5. peak memory (max RSS) of the offline demo (host-driven path)
 *   6. wall time of real `pulumi up`, `preview` (no changes) and `destroy` for N = 1, 10, 50
 *      components under the Pulumi CLI and engine (when a CLI is found)
 *   7. wall time of `npm test`
 *   8. wall time of the fleet's `up` for 1, 5 and 20 organizations at parallelism 1 and 4
 *      (scripts/fleetBench.ts, when a CLI is found)
 *   9. wall time of `npm run check:package`
 *  10. the package tarball `npm publish` would upload: packed size and file count
 *  11. side by side under the typed CLI, installed layout: 10 organizations written by hand with
 *      @pulumi/azuread plus a minimal dynamic resource, against the same 10 through the component;
 *      medians of interleaved rounds of up, preview (no changes) and destroy, and their ratio
 *      (simulation/engine/sideBySideBench.ts, when a CLI is found)
 * Progress goes to stderr as each figure is measured; the figures go to stdout.
 *
 *   --repeats N   runs per graph size for figure 2 (default 5)
 *   --no-fleet    leaves out figure 8 (a quarter of an hour on 2 cores)
 *   --no-package-check  leaves out figure 9 (several minutes: it packs and installs the package)
 *   --only 7,9    measures only these figures (1 to 11)
 *   --tarball-only  measures figure 10 alone (a few seconds; the same as --only 10)
 *   --markdown    also rewrite the figures' table in docs/benchmark.md with this run's figures
 *   --rounds N    interleaved rounds of figure 11 (default 3)
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { installSimulatedAzure } from "../simulation/azureSimulator";
import { settled } from "../simulation/capture";
import { providerFigures } from "./benchProviders";
import { identityProviderProvider as provider } from "../providers/identityProviderProvider";
import { sampleIdentityProviderInputs } from "../simulation/sampleInputs";
import { NO_CLI_MESSAGE, findPulumiCli } from "../simulation/engine/pulumiCli";
import { timeEngine } from "../simulation/engine/engineBench";
import { TIMED_OPERATIONS, timeSideBySide } from "../simulation/engine/sideBySideBench";
import { type MarkedSection, replaceMarkedSection } from "./markdownSections";
import { checkTarballContents } from "./packageChecks/tarballContents";
import type { FleetFigure } from "./fleetBench";

const ROOT = path.resolve(__dirname, "..", "..");
const KEY = "bench-api-key";
/** The docs section this benchmark rewrites with `--markdown`. */
export const FIGURES: MarkedSection = { file: "docs/benchmark.md", name: "bench-figures" };

interface Figure {
    readonly name: string;
    readonly value: string;
    readonly target: string;
    /** undefined: reported only, no target. */
    readonly ok: boolean | undefined;
    /** What the figure is, in one line. */
    readonly what: string;
}

const figures: Figure[] = [];

function progress(message: string): void {
    process.stderr.write(`  ... ${message}\n`);
}

function report(figure: Figure): void {
    figures.push(figure);
    const verdict = figure.ok === undefined ? "" : figure.ok ? "  [within target]" : "  [MISSES target]";
    console.log(`${figure.name.padEnd(44)} ${figure.value.padStart(16)}   target ${figure.target}${verdict}`);
    console.log(`${" ".repeat(4)}${figure.what}`);
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Child mode: build N components under mocks and print the milliseconds it took. */
async function graphChild(n: number): Promise<void> {
    const { EntraIdentityProvider } = await import("../components");
    await installSimulatedAzure("bench", "bench");
    const started = process.hrtime.bigint();
    const components = Array.from(
        { length: n },
        (_, i) =>
            new EntraIdentityProvider(`c${i}`, {
                users: [{ userPrincipalName: `u${i}@contoso.com`, displayName: `U ${i}` }],
                jumpCloud: { apiUrl: "http://127.0.0.1:9", checkUsers: false },
            }),
    );
    await Promise.all(components.map((c) => settled(c)));
    console.log(String(Number(process.hrtime.bigint() - started) / 1e6));
}

/** One graph build of N components, in a fresh process (so no run warms the next). */
function graphTime(n: number): number {
    const out = execFileSync(process.execPath, [__filename, "--graph", String(n)], {
        cwd: ROOT,
        encoding: "utf8",
    });
    return Number(out.trim().split("\n").pop());
}

function graphBuild(repeats: number): void {
    const sizes = [1, 10, 100] as const;
    const runs = new Map<number, number[]>(sizes.map((n) => [n, []]));
    // Interleaved, so that a slow moment of a shared machine touches every size alike.
    for (let run = 1; run <= repeats; run += 1) {
        for (const n of sizes) {
            progress(`2: graph build under mocks, N=${n}, run ${run} of ${repeats}`);
            runs.get(n)!.push(graphTime(n));
        }
    }
    for (const n of sizes) {
        const times = runs.get(n)!;
        const ms = median(times);
        report({
            name: `2. graph build under mocks, N=${n}`,
            value: `${ms.toFixed(0)} ms`,
            target: "none (reported)",
            ok: undefined,
            what:
                `median of ${repeats} runs (spread ${Math.min(...times).toFixed(0)}-${Math.max(...times).toFixed(0)} ms), ` +
                `${(ms / n).toFixed(1)} ms per component` +
                (n === 1 ? "; includes the one-time cost of loading the component's modules" : ""),
        });
    }
    const ratios = runs.get(100)!.map((t, i) => t / runs.get(10)![i]);
    const ratio = median(ratios);
    report({
        name: "2. linearity t(100)/t(10)",
        value: ratio.toFixed(2),
        target: "<= 12",
        ok: ratio <= 12,
        what:
            `median of ${repeats} paired runs (spread ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}); ` +
            "10 is exactly linear, less means fixed costs amortize, more than 12 would mean each component costs more as N grows",
    });
}

async function callsPerOperation(emulator: JumpCloudEmulator): Promise<void> {
    progress("3: one create, read, update and delete against the emulator");
    const inputs = sampleIdentityProviderInputs(emulator.url, "bench-secret");
    const count = async (op: string, work: () => Promise<unknown>) => {
        emulator.resetRequests();
        await work();
        report({
            name: `3. HTTP calls: ${op}`,
            value: String(emulator.requests.length),
            target: "1",
            ok: emulator.requests.length === 1,
            what: `requests one ${op} of the identity provider sends to JumpCloud when nothing fails`,
        });
    };
    let id = "";
    let outs: Awaited<ReturnType<typeof provider.create>>["outs"];
    await count("create", async () => ({ id, outs } = await provider.create(inputs)));
    await count("read", () => provider.read!(id, outs));
    await count("update", () => provider.update!(id, outs!, { ...inputs, name: "Renamed" }));
    await count("delete", () => provider.delete!(id, outs!));
}

async function rateLimitStorm(emulator: JumpCloudEmulator): Promise<void> {
    const storm = [1, 1, 2];
    const sum = storm.reduce((a, b) => a + b, 0);
    progress(`4: a create that meets three 429s (Retry-After ${storm.join("+")} s), about ${sum} s`);
    for (const seconds of storm) {
        emulator.injectFault({
            method: "POST",
            fault: { kind: "status", status: 429, retryAfter: String(seconds) },
        });
    }
    const started = Date.now();
    const created = await provider.create(sampleIdentityProviderInputs(emulator.url, "bench-secret"));
    const ratio = (Date.now() - started) / (sum * 1000);
    report({
        name: `4. 429 storm, time / sum of Retry-After`,
        value: ratio.toFixed(3),
        target: "<= 1.25",
        ok: ratio <= 1.25,
        what: `the create's total time over the ${sum} s JumpCloud asked to wait: 1.000 waits exactly as asked, above 1.25 wastes time`,
    });
    await provider.delete!(created.id, created.outs!);
}

/** Max RSS of the demo's largest process (GNU time's %M: the demo, or its provider host). */
function demoPeakMemory(): void {
    progress("5: running the offline demo under /usr/bin/time");
    const what =
        "largest resident memory of one process of `npm run demo -- --host` (the demo or its provider host)";
    const file = path.join(os.tmpdir(), `jc-demo-rss-${process.pid}.txt`);
    const run = spawnSync(
        "/usr/bin/time",
        ["-f", "%M", "-o", file, process.execPath, path.join(ROOT, "dist", "scripts", "demo.js"), "--host"],
        { cwd: ROOT, stdio: "ignore" },
    );
    if (run.error || run.status !== 0) {
        const why = run.error ? run.error.message : `demo exited ${run.status}`;
        report({
            name: "5. demo peak memory (max RSS)",
            value: "n/a",
            target: "none (reported)",
            ok: undefined,
            what: `${what}; not measured: ${why}`,
        });
        return;
    }
    const kb = Number(fs.readFileSync(file, "utf8").trim().split("\n").pop());
    fs.rmSync(file, { force: true });
    report({
        name: "5. demo peak memory (max RSS)",
        value: `${(kb / 1024).toFixed(0)} MB`,
        target: "none (reported)",
        ok: undefined,
        what,
    });
}

/** 6. Real `pulumi up`, `preview` (no changes) and `destroy` under the engine, for N components. */
async function engineWallTimes(): Promise<void> {
    const cli = findPulumiCli();
    if (!cli) {
        report({
            name: "6. real engine: pulumi up/preview/destroy",
            value: "skipped",
            target: "none (reported)",
            ok: undefined,
            what: `wall times of the real CLI and engine; not measured: ${NO_CLI_MESSAGE}`,
        });
        return;
    }
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    for (const n of [1, 10, 50]) {
        progress(`6: pulumi up, preview and destroy of ${n} component(s) under the real engine`);
        const t = await timeEngine(cli, n);
        const per = `${n} component(s), ${t.resources} resources, one JumpCloud organization each, simulated Azure`;
        report({
            name: `6. pulumi up, N=${n}`,
            value: seconds(t.upMs),
            target: "none (reported)",
            ok: undefined,
            what: `a first \`pulumi up --yes\` of ${per}`,
        });
        report({
            name: `6. pulumi preview, no changes, N=${n}`,
            value: seconds(t.previewMs),
            target: "none (reported)",
            ok: undefined,
            what: "a `pulumi preview` right after, which must find nothing to change",
        });
        report({
            name: `6. pulumi destroy, N=${n}`,
            value: seconds(t.destroyMs),
            target: "none (reported)",
            ok: undefined,
            what: "`pulumi destroy --yes` of all of it",
        });
    }
}

/** The ratio target of figure 11: the component costs at most this much more than the hand-written program. */
const SIDE_BY_SIDE_TARGET = 1.15;
const SIDE_BY_SIDE_ORGANIZATIONS = 10;

/** 11. The component next to the same objects written by hand, measured in the same run. */
async function sideBySide(rounds: number): Promise<void> {
    const cli = findPulumiCli();
    const n = SIDE_BY_SIDE_ORGANIZATIONS;
    if (!cli) {
        report({
            name: "11. component / hand-written",
            value: "skipped",
            target: `<= ${SIDE_BY_SIDE_TARGET}x`,
            ok: undefined,
            what: `not measured: ${NO_CLI_MESSAGE}`,
        });
        return;
    }
    const runs = await timeSideBySide(cli, n, rounds, progress);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    for (const op of TIMED_OPERATIONS) {
        const hand = median(runs.handWritten[op]);
        const component = median(runs.component[op]);
        const ratio = component / hand;
        const spread = (times: number[]) => `${seconds(Math.min(...times))}-${seconds(Math.max(...times))}`;
        report({
            name: `11. ${op === "preview" ? "preview (no changes)" : op}, component / hand-written, N=${n}`,
            value: `${ratio.toFixed(2)}x`,
            target: `<= ${SIDE_BY_SIDE_TARGET}x`,
            ok: ratio <= SIDE_BY_SIDE_TARGET,
            what:
                `medians of ${rounds} interleaved rounds: component ${seconds(component)} (${spread(runs.component[op])}), ` +
                `hand-written ${seconds(hand)} (${spread(runs.handWritten[op])}); typed \`pulumi ${op}\` of ${n} ` +
                "organizations (app, service principal, consent, client secret, two users, the IdP) in an installed layout",
        });
    }
}

/** 8. The fleet: `up` of 1, 5 and 20 organizations at parallelism 1 and 4 (scripts/fleetBench.ts). */
function fleetWallTimes(): void {
    progress("8: the fleet runner under the real engine (about a quarter of an hour on 2 cores)");
    // A process of its own, without this benchmark's JUMPCLOUD_API_KEY: the fleet refuses a key in
    // the environment that would replace each organization's own.
    const run = spawnSync("node", [path.join(__dirname, "fleetBench.js"), "--json"], {
        cwd: ROOT,
        env: withoutJumpCloudVariables(),
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
    });
    if (run.status !== 0) {
        report({
            name: "8. fleet up",
            value: "failed",
            target: "none (reported)",
            ok: false,
            what: `fleetBench exited ${run.status}`,
        });
        return;
    }
    const figures = JSON.parse(run.stdout.trim().split("\n").pop() ?? "[]") as FleetFigure[];
    for (const f of figures) report({ ...f, target: "none (reported)", ok: undefined });
}

/** This process's environment without the JUMPCLOUD_* variables the benchmark set for itself. */
function withoutJumpCloudVariables(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("JUMPCLOUD_")));
}

interface TimedRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly seconds: number;
    /** user + sys of the command and every process under it, where /usr/bin/time can say. */
    readonly cpuSeconds?: number;
}

/**
 * Runs `npm <args>` as a user would, without this benchmark's JUMPCLOUD_API_KEY (tests of a
 * missing key and the fleet's refusal of a shared key would otherwise meet it), and times it. On a
 * shared machine the wall time depends on the load; the CPU time much less.
 */
function timeNpm(args: string[]): TimedRun {
    return timeCommand("npm", args);
}

/** Wall and CPU time (user + sys of the command and its children) of one command run from the repo. */
function timeCommand(program: string, args: string[]): TimedRun {
    const timeBin = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
    const cpuFile = path.join(os.tmpdir(), `jc-bench-cpu-${process.pid}`);
    const [command, commandArgs] = timeBin
        ? [timeBin, ["-f", "%U %S", "-o", cpuFile, program, ...args]]
        : [program, args];
    const started = Date.now();
    const run = spawnSync(command, commandArgs, {
        cwd: ROOT,
        env: withoutJumpCloudVariables(),
        encoding: "utf8",
    });
    const seconds = (Date.now() - started) / 1000;
    let cpuSeconds: number | undefined;
    if (timeBin && fs.existsSync(cpuFile)) {
        const [user, sys] = fs.readFileSync(cpuFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
        if (Number.isFinite(user) && Number.isFinite(sys)) cpuSeconds = user + sys;
        fs.rmSync(cpuFile, { force: true });
    }
    return { status: run.status, stdout: run.stdout ?? "", seconds, cpuSeconds };
}

function wallAndCpu(run: TimedRun): string {
    const cpu = run.cpuSeconds === undefined ? "" : ` (cpu ${run.cpuSeconds.toFixed(0)} s)`;
    return `${run.seconds.toFixed(0)} s${cpu}`;
}

/** The unit suite's target: layers 1 to 3 (mocks, emulator, provider host), no engine. */
const UNIT_SUITE_TARGET_S = 25;

/** 7. `npm test` as a user runs it (the build is incremental, so it is mostly mocha), and its unit suite alone. */
function testSuiteTime(): void {
    progress("7: running the unit suite (mocha, no engine)");
    // mocha itself, as `npm test` runs it (npm's own start-up is not the suite's).
    const unit = timeCommand(path.join(ROOT, "node_modules", ".bin", "mocha"), []);
    const unitPassing = /(\d+) passing/.exec(unit.stdout)?.[1] ?? "0";
    report({
        name: "7a. unit suite (mocha, no engine), wall time",
        value: wallAndCpu(unit),
        target: `passes, <= ${UNIT_SUITE_TARGET_S} s`,
        ok: unit.status === 0 && unit.seconds <= UNIT_SUITE_TARGET_S,
        what: `the ${unitPassing} tests of layers 1 to 3 in mocha's two workers (.mocharc.cjs), after an up-to-date build`,
    });
    progress("7: running npm test (a minute or more; longer with a CLI, which adds the e2e suite)");
    const run = timeNpm(["test", "--silent"]);
    // Two mocha runs (the unit suite, then the e2e suite): count both.
    const passing = [...run.stdout.matchAll(/(\d+) passing/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    report({
        name: "7. npm test, wall time",
        value: wallAndCpu(run),
        target: "passes",
        ok: run.status === 0,
        what: `every test (${passing} passing), with its emulators, provider hosts and, with a CLI, the real engine; after an up-to-date build`,
    });
}

/** 9. `npm run check:package`: the package packed, installed into fresh projects and probed. */
function packageCheckTime(): void {
    progress("9: running npm run check:package (several minutes: it packs and installs the package)");
    const run = timeNpm(["run", "check:package", "--silent"]);
    report({
        name: "9. npm run check:package, wall time",
        value: wallAndCpu(run),
        target: "passes",
        ok: run.status === 0,
        what: "the package as a user installs it: pack, install into scratch projects, build and run the component there",
    });
}

/** 10. What `npm publish` would upload, as check:package checks it. */
function tarballFigure(): void {
    progress("10: npm publish --dry-run (nothing is sent)");
    const tarball = checkTarballContents();
    report({
        name: "10. package tarball",
        value: `${(tarball.size / 1024).toFixed(1)} kB`,
        target: "none (reported)",
        ok: undefined,
        what:
            `${tarball.filename} as \`npm publish\` would upload it: ${tarball.files.length} files, ` +
            `${(tarball.unpackedSize / 1024).toFixed(1)} kB unpacked (LICENSE, README, CHANGELOG, dist/ of the component, providers and fleet)`,
    });
}

function markdown(repeats: number): string {
    const cpu = os.cpus();
    const rows = figures.map(
        (f) =>
            `| ${f.name} | ${f.value} | ${f.target} | ${f.ok === undefined ? "" : f.ok ? "within target" : "**misses target**"} | ${f.what} |`,
    );
    return [
        `Written by \`npm run bench -- --markdown\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ` +
            `${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ${repeats} runs per graph size.`,
        "",
        "| Figure | Value | Target | Verdict | What it is |",
        "| --- | --- | --- | --- | --- |",
        ...rows,
    ].join("\n");
}

function option(name: string): string | undefined {
    const at = process.argv.indexOf(name);
    return at < 0 ? undefined : process.argv[at + 1];
}

async function main(): Promise<void> {
    const graphFlag = option("--graph");
    if (graphFlag !== undefined) return graphChild(Number(graphFlag));
    const repeats = Number(option("--repeats") ?? 5);
    if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats must be a whole number >= 1`);
    const rounds = Number(option("--rounds") ?? 3);
    if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number >= 1`);
    const only = option("--only")?.split(",").map(Number);
    if (only?.some((n) => !Number.isInteger(n) || n < 1 || n > 11)) {
        throw new Error("--only takes figure numbers from 1 to 11, comma-separated (e.g. --only 7,9)");
    }
    const wanted = (figure: number) => !only || only.includes(figure);
    // The docs' table is the whole benchmark: a partial run does not replace it.
    if (only && process.argv.includes("--markdown"))
        throw new Error("--markdown needs every figure: drop --only");

    process.env.JUMPCLOUD_API_KEY = KEY;
    console.log(
        `jumpcloud-entra-idp benchmark (node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString()})`,
    );
    if (process.argv.includes("--tarball-only")) return tarballFigure();
    if ([1, 2, 3, 4].some(wanted)) {
        const emulator = await JumpCloudEmulator.start({ apiKey: KEY });
        try {
            if (wanted(1)) {
                progress(
                    "1: the dynamic providers and a minimal provider (packs and installs the package once)",
                );
                await providerFigures(emulator, KEY, (name, value, target, ok, what) =>
                    report({ name, value, target, ok, what: what ?? "" }),
                );
            }
            if (wanted(2)) graphBuild(repeats);
            if (wanted(3)) await callsPerOperation(emulator);
            if (wanted(4)) await rateLimitStorm(emulator);
        } finally {
            await emulator.stop();
        }
    }
    if (wanted(5)) demoPeakMemory();
    if (wanted(6)) await engineWallTimes();
    if (wanted(7)) testSuiteTime();
    if (wanted(8) && !process.argv.includes("--no-fleet")) fleetWallTimes();
    if (wanted(9) && !process.argv.includes("--no-package-check")) packageCheckTime();
    if (wanted(10)) tarballFigure();
    if (wanted(11)) await sideBySide(rounds);
    if (process.argv.includes("--markdown")) {
        replaceMarkedSection(path.join(ROOT, FIGURES.file), FIGURES.name, markdown(repeats));
        console.log(`\n${FIGURES.file}: section ${FIGURES.name} rewritten from this run.`);
    }
}

// Only when run as the command: tests import FIGURES without running the benchmark.
if (require.main === module) {
    main().catch((error: Error) => {
        console.error(`bench failed: ${error.message}`);
        process.exit(1);
    });
}
