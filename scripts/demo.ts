/**
 * `npm run demo`: watch the component do its whole job without Azure or JumpCloud accounts.
 *
 * 1. Starts the local JumpCloud emulator (emulator/).
 * 2. Runs the real stack program (index.ts) with Pulumi.example.yaml's configuration under
 *    Pulumi's mock runtime; the Azure side is simulated (values marked SIMULATED).
 * 3. Prints the resource tree with each resource's key settings, secrets masked.
 * 4. Drives the JumpCloud identity provider through Pulumi's own dynamic-provider host, exactly
 *    as `pulumi up` would: create, refresh, update (rename), delete, printing the emulator's state
 *    after each step.
 * Exits non-zero if any step fails.
 *
 * With a Pulumi CLI (on PATH, or built by scripts/install-pulumi-cli.sh) steps 2 to 4 are real
 * `pulumi up`, `refresh`, `up` after a rename, and `pulumi destroy` under the engine instead
 * (simulation/engine/engineDemo.ts). `--host` or `--engine` picks one path; the demo says which.
 */
import * as path from "path";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { readStackConfig, runStackProgram } from "../simulation/stackRun";
import { captureIdentityProvider } from "../simulation/capture";
import { DynamicProviderHost, dynamicUrn } from "../simulation/providerHost";
import { printTree, printEmulatorState, mask } from "../simulation/demoPrint";
import { execFileSync } from "child_process";
import { NO_CLI_MESSAGE, findPulumiCli } from "../simulation/engine/pulumiCli";
import { runEngineDemo } from "../simulation/engine/engineDemo";

const ROOT = path.resolve(__dirname, "..", "..");
const DEMO_KEY = "demo-api-key-not-secret";
const COMPONENT = "jumpcloud-entra";
const TYPE = "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider";

let stepNumber = 0;
export async function step<T>(title: string, work: () => Promise<T>): Promise<T> {
    stepNumber += 1;
    const started = Date.now();
    console.log(`\n[${stepNumber}] ${title}`);
    const result = await work();
    console.log(`    ok (${Date.now() - started} ms)`);
    return result;
}

async function main(): Promise<void> {
    const mode = process.argv.includes("--host")
        ? "host"
        : process.argv.includes("--engine")
          ? "engine"
          : "auto";
    const cli = mode === "host" ? undefined : findPulumiCli();
    if (mode === "engine" && !cli) throw new Error(NO_CLI_MESSAGE);
    if (cli) {
        const version = execFileSync(cli.command, ["version"], { encoding: "utf8" }).trim();
        console.log(`Running under the real Pulumi engine: pulumi ${version} (${cli.origin}).`);
        await runEngineDemo(cli, version, step);
        console.log("Demo finished: every step succeeded.");
        return;
    }
    console.log(
        mode === "host"
            ? "Driving Pulumi's dynamic-provider host directly (--host)."
            : `Driving Pulumi's dynamic-provider host directly: ${NO_CLI_MESSAGE}.`,
    );
    await runHostDemo();
}

async function runHostDemo(): Promise<void> {
    const emulator = await step("start the JumpCloud emulator", () =>
        JumpCloudEmulator.start({ apiKey: DEMO_KEY }),
    );
    let host: DynamicProviderHost | undefined;
    try {
        console.log(`    listening on ${emulator.url}, organization ${emulator.organizations[0]}`);
        // One of the example's two people already has a JumpCloud user; the other gets a warning.
        emulator.seedUser(emulator.organizations[0], "jane.doe@contoso.com");
        console.log("    seeded JumpCloud user jane.doe@contoso.com (sam.lee@contoso.com is left missing)");
        const config = {
            ...readStackConfig(path.join(ROOT, "Pulumi.example.yaml")),
            "jumpcloud-entra-idp:jumpCloudApiUrl": emulator.url,
            // As `pulumi config set --secret jumpcloud:apiKey` would provide it to the program.
            "jumpcloud:apiKey": DEMO_KEY,
        };
        const run = await step("run index.ts with Pulumi.example.yaml under the simulated Azure", () =>
            runStackProgram(path.join(ROOT, "dist", "index.js"), config),
        );
        console.log("\nResources (Azure values SIMULATED; secrets masked):");
        printTree(run.registrations);
        console.log("\nStack outputs:");
        for (const [name, value] of Object.entries(run.exports)) {
            const secret = name === "clientSecret" || name === "userPasswords";
            const note =
                name === "identityProviderId"
                    ? " (the mock run's placeholder; the real id comes from step 5)"
                    : "";
            console.log(`    ${name}: ${secret ? mask(value) : JSON.stringify(value)}${note}`);
        }

        const captured = captureIdentityProvider(run.registrations, COMPONENT);
        const urn = dynamicUrn(captured.name, TYPE, "demo", "jumpcloud-entra-idp");
        host = await step(
            "start Pulumi's dynamic-provider host and configure it (jumpcloud:apiKey)",
            async () => {
                const env = { ...process.env };
                delete env.JUMPCLOUD_API_KEY;
                const started = await DynamicProviderHost.start({ cwd: ROOT, env });
                await started.configure({ "jumpcloud:apiKey": DEMO_KEY });
                return started;
            },
        );
        const h = host;
        console.log(`    serialized provider: ${captured.provider.length} bytes`);

        const checked = await step("check the identity provider's inputs", () =>
            h.check(urn, {}, captured.inputs),
        );
        if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
        const created = await step("pulumi up: create the JumpCloud identity provider", () =>
            h.create(urn, checked.inputs),
        );
        printEmulatorState(emulator);

        const refreshed = await step("pulumi refresh: read it back", () =>
            h.read(created.id, urn, created.properties, checked.inputs),
        );
        console.log(
            `    read: name ${JSON.stringify(refreshed.properties.name)}, secret kept from state: ${refreshed.properties.clientSecret === checked.inputs.clientSecret}`,
        );

        const renamedConfig = {
            ...config,
            "jumpcloud-entra-idp:identityProviderName": "Entra OIDC (renamed)",
        };
        const rerun = await step("change identityProviderName and run index.ts again", () =>
            runStackProgram(path.join(ROOT, "dist", "index.js"), renamedConfig, run.registrations),
        );
        const renamed = captureIdentityProvider(rerun.registrations, COMPONENT);
        const diff = await step("pulumi up: diff", () =>
            h.diff(created.id, urn, refreshed.properties, renamed.inputs),
        );
        console.log(
            `    diff: changes ${diff.changes}, replaces [${diff.replaces.join(", ")}] -> update in place`,
        );
        const updated = await step("pulumi up: update in place (one PUT)", () =>
            h.update(created.id, urn, refreshed.properties, renamed.inputs),
        );
        printEmulatorState(emulator);

        await step("pulumi destroy: delete it", () => h.delete(created.id, urn, updated.properties));
        printEmulatorState(emulator);
        const idpCalls = emulator.requests.filter((r) => r.path.startsWith("/api/v2/identity-providers"));
        const calls = idpCalls.map((r) => `${r.method} ${r.status}`).join(", ");
        console.log(`\nJumpCloud identity provider calls made: ${idpCalls.length} (${calls})`);
        console.log(
            `JumpCloud user look-ups made: ${emulator.requests.length - idpCalls.length} (two per run of index.ts)`,
        );
        if (emulator.identityProviders().length !== 0)
            throw new Error("the identity provider is still there after delete");
        console.log("Demo finished: every step succeeded.");
    } finally {
        await host?.stop();
        await emulator.stop();
    }
}

main().catch((error: Error) => {
    console.error(`\nDemo FAILED: ${error.message}`);
    process.exit(1);
});
