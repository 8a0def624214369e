/**
 * Interrupted and failed runs as users meet them, typed in this repository's folder:
 * - `pulumi up` killed (SIGKILL to the CLI and everything it started) while JumpCloud has made the
 *   identity provider but Pulumi has not heard back; then what the CLI itself advises for the stale
 *   lock, `pulumi cancel`, and `pulumi up` again: one IdP, the one state points at.
 * - A JumpCloud outage (every write answered 503) during an update: `up` fails within its retry
 *   budget naming JumpCloud and the status, the live IdP is untouched, and the next `up` after the
 *   outage applies the change.
 */
import { expect } from "chai";
import { REPO_ROOT } from "../../simulation/engine/pulumiCli";
import { DEFAULT_RETRY_POLICY } from "../../providers/retryPolicy";
import { exampleStackConfig, expectSucceeded, useStackFolder } from "./support/engineFixtures";

const IDP_PATH = "/api/v2/identity-providers";

/** Resolves once `condition` holds, polling; fails after `ms`. */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

describe("e2e, typed CLI: interrupted and failed runs", function () {
    this.timeout(300_000);
    const folder = useStackFolder({
        stackName: `e2e-interrupted-${process.pid}`,
        projectDir: REPO_ROOT,
        config: (jumpcloud) => ({
            ...exampleStackConfig(),
            "jumpcloud-entra-idp:users": [],
            "jumpcloud-entra-idp:jumpCloudApiUrl": jumpcloud.url,
        }),
    });

    it("`pulumi up` killed while the IdP's POST is in flight, `pulumi cancel`, `pulumi up`: one IdP, the one in state", async () => {
        const { emulator, project } = folder();
        // JumpCloud makes the IdP at once but answers only after two minutes: the kill comes first.
        emulator.injectFault({ method: "POST", path: IDP_PATH, fault: { kind: "delay", ms: 120_000 } });
        const interrupted = project.start("up");
        await until(() => emulator.identityProviders().length === 1, 120_000, "JumpCloud to make the IdP");
        interrupted.kill("SIGKILL");
        const killed = await interrupted.result;
        expect(killed.ok).to.equal(false);

        // What a user sees next, and the command the CLI's own message tells them to type.
        const locked = await project.run("up");
        expect(locked.ok, "the next up meets the dead run's lock").to.equal(false);
        expect(locked.error).to.match(/locked/);
        expect(locked.error).to.include("pulumi cancel");
        await project.cli(["cancel", "--yes"], { check: true });

        const again = expectSucceeded(await project.run("up"), "pulumi up after pulumi cancel");
        expect(again.stdout + again.stderr).to.match(/pending/i);
        const idps = emulator.identityProviders();
        expect(idps, "exactly one IdP in JumpCloud").to.have.length(1);
        expect((await project.outputs()).identityProviderId, "state points at it").to.equal(idps[0].id);
        expectSucceeded(
            await project.run("preview", { expectNoChanges: true }),
            "pulumi preview --expect-no-changes after recovery",
        );
    });

    it("an outage (every write 503) fails `up` within its budget, naming JumpCloud and 503; the next `up` applies", async () => {
        const { emulator, project } = folder();
        const [live] = emulator.identityProviders();
        emulator.injectFault({
            method: "PUT",
            path: `${IDP_PATH}/${live.id}`,
            times: Infinity,
            fault: { kind: "status", status: 503 },
        });
        folder().config = {
            ...folder().config,
            "jumpcloud-entra-idp:identityProviderName": "Renamed during an outage",
        };
        project.writeStackConfig(folder().config);
        const started = Date.now();
        const failed = await project.run("up");
        const elapsed = Date.now() - started;
        expect(failed.ok).to.equal(false);
        expect(failed.error).to.match(/JumpCloud/);
        expect(failed.error).to.match(/503/);
        // The request's whole retry budget plus the engine's own start-up and shut-down.
        expect(elapsed).to.be.lessThan(DEFAULT_RETRY_POLICY.totalBudgetMs + 60_000);
        expect(emulator.identityProviders()).to.deep.equal([live]);

        emulator.clearFaults();
        expectSucceeded(await project.run("up"), "pulumi up after the outage");
        const after = emulator.identityProviders();
        expect(after.map((i) => [i.id, i.name])).to.deep.equal([[live.id, "Renamed during an outage"]]);
    });

    it("`pulumi destroy` leaves nothing", async () => {
        const { emulator, project } = folder();
        expectSucceeded(await project.run("destroy"), "pulumi destroy");
        expect(emulator.identityProviders()).to.deep.equal([]);
    });
});
