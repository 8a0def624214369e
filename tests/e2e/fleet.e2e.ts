/**
 * The fleet runner under the real Pulumi CLI and engine: five organizations, one stack each,
 * against the JumpCloud emulator (multi-tenant) and one simulated Azure tenant per organization.
 * The steps build on each other, in order.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { hasChanges } from "../../fleet/operations";
import { keyVariable, orgName, startFleetSandbox, type FleetSandbox } from "../../simulation/fleetSandbox";
import { plainValue } from "../../simulation/secretValues";
import { SIMULATED_TENANT_ID } from "../../simulation/azureSimulator";
import { simulatedAzureObjects, useEngine } from "./support/engineFixtures";
import { EntraLoginEmulator } from "../../emulator/entraLogin/entraLoginEmulator";
import { STATE_DIR_ENV, StateStore } from "../../simulation/azurePlugin/stateStore";

const ORGS = 5;
const IDP_TYPE = "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider";
const PASSWORD_TYPE = "azuread:index/applicationPassword:ApplicationPassword";

/** Every file under a folder, as text (state, stack files, logs). */
function allText(dir: string): string {
    if (!fs.existsSync(dir)) return "";
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
        .join("\n");
}

describe("e2e: the fleet runner, one stack per organization", function () {
    this.timeout(600_000);
    const engine = useEngine();
    let fleet: FleetSandbox;
    const names = Array.from({ length: ORGS }, (_, i) => orgName(i));
    const faulty = names[2];

    before(async () => {
        fleet = await startFleetSandbox(engine.cli(), ORGS);
    });
    after(async () => {
        await fleet?.dispose();
    });

    it("one organization whose API answers 401 fails alone; the others are created", async () => {
        const progress: string[] = [];
        const results = await fleet.run("up", {
            parallel: 3,
            env: { ...fleet.secretsEnv, [keyVariable(faulty)]: "a-revoked-key-0000" },
            onProgress: (p) => progress.push(`${p.organization} ${p.kind}`),
        });
        expect(results.map((r) => [r.organization, r.result])).to.deep.equal(
            names.map((name) => [name, name === faulty ? "failed" : "succeeded"]),
        );
        const failed = results.find((r) => r.organization === faulty);
        expect(failed?.error).to.match(/401/);
        expect(failed?.error).not.to.include("a-revoked-key-0000");
        for (const name of names) {
            expect(progress).to.include.members([`${name} started`, `${name} finished`]);
            const idps = fleet.emulator.identityProviders(fleet.orgIds[name]);
            expect(idps, name).to.have.length(name === faulty ? 0 : 1);
        }
        const created = results.find((r) => r.organization === names[0]);
        expect(created?.changes?.create).to.be.greaterThan(5);
    });

    it("with its key fixed, `up` creates the failed organization and changes nothing elsewhere", async () => {
        const results = await fleet.run("up", { parallel: 4 });
        expect(results.map((r) => r.result)).to.deep.equal(names.map(() => "succeeded"));
        for (const result of results) {
            expect(hasChanges(result.changes ?? {}), result.organization).to.equal(
                result.organization === faulty,
            );
        }
        for (const name of names) {
            const idps = fleet.emulator.identityProviders(fleet.orgIds[name]);
            expect(
                idps.map((idp) => idp.oidc.url),
                name,
            ).to.deep.equal([`https://login.microsoftonline.com/${SIMULATED_TENANT_ID}`]);
        }
    });

    it("a second `up` makes no changes in any stack", async () => {
        fleet.emulator.resetRequests();
        const results = await fleet.run("up", { parallel: 4 });
        expect(results.map((r) => [r.organization, r.result, hasChanges(r.changes ?? {})])).to.deep.equal(
            names.map((name) => [name, "succeeded", false]),
        );
        expect(fleet.emulator.requests.filter((r) => r.method !== "GET")).to.deep.equal([]);
    });

    it("`verify` passes for an organization; its client secret deleted in Entra fails that check alone", async () => {
        const name = names[0];
        const login = await EntraLoginEmulator.start(fleet.azureStateDir(name));
        const tenant = new StateStore("azuread", { [STATE_DIR_ENV]: fleet.azureStateDir(name) }).tenant(
            SIMULATED_TENANT_ID,
        );
        const [[passwordId, password]] = Object.entries(tenant.all()).filter(
            ([, o]) => o.type === PASSWORD_TYPE,
        );
        try {
            const verify = () => fleet.run("verify", { only: [name], verify: { loginUrl: login.url } });
            const passing = await verify();
            expect(passing.map((r) => [r.organization, r.result, r.error])).to.deep.equal([
                [name, "succeeded", undefined],
            ]);
            tenant.remove(passwordId);
            const [failing] = await verify();
            expect(failing.result).to.equal("failed");
            expect(failing.error).to.match(/^✗ the client secret JumpCloud holds: refused .*AADSTS7000215/);
            expect(failing.error?.match(/✗/g)).to.have.length(1);
        } finally {
            tenant.put(passwordId, password);
            await login.stop();
        }
    });

    it("each stack's state holds only its own tenant's secret, encrypted with its own passphrase", async () => {
        const open = (name: string, as: string) =>
            LocalWorkspace.selectStack(
                { stackName: name, workDir: path.join(fleet.workDir, name) },
                { envVars: fleet.stackEnvironment(as), pulumiCommand: fleet.pulumiCommand },
            );
        const secrets: string[] = [];
        for (const name of names) {
            const stack = await open(name, name);
            const outputs = await stack.outputs();
            expect(outputs.clientSecret.secret).to.equal(true);
            const value = String(outputs.clientSecret.value);
            // The one client secret in this stack is the one its own simulated tenant made.
            const own = Object.values(simulatedAzureObjects(fleet.azureStateDir(name))).filter(
                (o) => o.type === PASSWORD_TYPE,
            );
            expect(own.map((o) => plainValue(o.outputs.value))).to.deep.equal([value]);
            const state = (await stack.exportStack()).deployment as { resources: { type: string }[] };
            expect(state.resources.filter((r) => r.type === PASSWORD_TYPE)).to.have.length(1);
            secrets.push(value);
        }
        // Another organization's passphrase opens nothing.
        let refused: Error | undefined;
        await (await open(names[0], names[1])).outputs().catch((error: Error) => (refused = error));
        expect(refused?.message).to.match(/passphrase/i);
        const onDisk = allText(fleet.sandbox.backendDir) + allText(fleet.workDir);
        for (const secret of [...secrets, fleet.secretsEnv[keyVariable(names[0])]]) {
            expect(onDisk.includes(secret), "a secret in plain text on disk").to.equal(false);
        }
    });

    it("refresh succeeds everywhere, and `destroy` leaves nothing", async () => {
        expect((await fleet.run("refresh", { parallel: 4 })).map((r) => r.result)).to.deep.equal(
            names.map(() => "succeeded"),
        );
        const results = await fleet.run("destroy", { parallel: 4 });
        expect(results.map((r) => r.result)).to.deep.equal(names.map(() => "succeeded"));
        for (const name of names) {
            expect(fleet.emulator.identityProviders(fleet.orgIds[name]), name).to.deep.equal([]);
            expect(simulatedAzureObjects(fleet.azureStateDir(name)), name).to.deep.equal({});
        }
        const stateFiles = allText(path.join(fleet.sandbox.backendDir, ".pulumi", "stacks"));
        expect(stateFiles).not.to.include(IDP_TYPE);
    });
});
