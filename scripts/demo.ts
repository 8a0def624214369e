/**
 * `npm run demo`: watch the component do its whole job without Azure or JumpCloud accounts.
 *
 * 1. Drops every JumpCloud, Azure and Pulumi-config variable of the user's shell (the demo brings
 *    its own JumpCloud and Azure; see simulation/demoEnvironment.ts) and starts the local
 *    JumpCloud emulator.
 * 2. Runs the real stack program (index.ts) with Pulumi.example.yaml's configuration under
 *    Pulumi's mock runtime; the Azure side is simulated (values marked SIMULATED).
 * 3. Prints the resource tree with each resource's key settings, secrets masked.
 * 4. Drives the JumpCloud identity provider through Pulumi's own dynamic-provider host, exactly
 *    as `pulumi up` would: create, refresh, update (rename), delete, printing the emulator's state
 *    after each step.
 * Every step checks what it got (simulation/demoExpectations.ts): a step that fails, or succeeds
 * with a degraded result, stops the demo with a non-zero exit.
 *
 * With a Pulumi CLI (on PATH, or built by scripts/install-pulumi-cli.sh) steps 2 to 4 are real
 * `pulumi up`, `refresh`, `up` after a rename, and `pulumi destroy` under the engine instead
 * (simulation/engine/engineDemo.ts). The environment is cleaned before either path runs.
 *
 *   --host | --engine      pick one path (default: the engine when a CLI is found); the demo says which
 *   --stack-config <file>  another Pulumi.<stack>.yaml instead of Pulumi.example.yaml (host path)
 *   --markdown             run the demo and rewrite the transcript in docs/testing.md with its output
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { NO_CLI_MESSAGE, findPulumiCli } from "../simulation/engine/pulumiCli";
import { runEngineDemo } from "../simulation/engine/engineDemo";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { readStackConfig, runStackProgram } from "../simulation/stackRun";
import { captureIdentityProvider } from "../simulation/capture";
import { DynamicProviderHost, dynamicUrn } from "../simulation/providerHost";
import { printTree, printEmulatorState, mask } from "../simulation/demoPrint";
import { isolateEnvironment } from "../simulation/demoEnvironment";
import { capturingWarnings } from "../simulation/runtimeWarnings";
import { checkRunWarnings, checkUserStatuses, mustHold } from "../simulation/demoExpectations";
import type { JumpCloudUserStatus } from "../components/jumpCloudUserCheck";
import { type MarkedSection, replaceMarkedSection } from "./markdownSections";
import { RESOURCE_TYPES } from "../components/resourceTypes";

const ROOT = path.resolve(__dirname, "..", "..");
const DEMO_KEY = "demo-api-key-not-secret";
const COMPONENT = "jumpcloud-entra";
const TYPE = RESOURCE_TYPES.identityProvider;
const PROGRAM = path.join(ROOT, "dist", "index.js");
/** The docs section that holds a transcript of this demo (tests/demo.test.ts compares them). */
export const TRANSCRIPT: MarkedSection = { file: "docs/testing.md", name: "demo-transcript" };

let stepNumber = 0;
export async function step<T>(title: string, work: () => Promise<T>): Promise<T> {
    stepNumber += 1;
    const started = Date.now();
    console.log(`\n[${stepNumber}] ${title}`);
    try {
        const result = await work();
        console.log(`    ok (${Date.now() - started} ms)`);
        return result;
    } catch (error) {
        throw new Error(`step [${stepNumber}] ${title}: ${(error as Error).message}`);
    }
}

function option(name: string): string | undefined {
    const at = process.argv.indexOf(name);
    if (at < 0) return undefined;
    const value = process.argv[at + 1];
    if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value`);
    return value;
}

async function runHostDemo(stackConfigFile: string): Promise<void> {
    const emulator = await step("start the JumpCloud emulator", () =>
        JumpCloudEmulator.start({ apiKey: DEMO_KEY }),
    );
    let host: DynamicProviderHost | undefined;
    try {
        console.log(`    listening on ${emulator.url}, organization ${emulator.organizations[0]}`);
        const config: Record<string, string> = {
            ...readStackConfig(stackConfigFile),
            "jumpcloud-entra-idp:jumpCloudApiUrl": emulator.url,
            // As `pulumi config set --secret jumpcloud:apiKey` would provide it to the program.
            "jumpcloud:apiKey": DEMO_KEY,
        };
        // Every person but the last gets a JumpCloud user, so the check shows both outcomes.
        // A malformed list is left to the program, whose own check names the field.
        const listed: unknown = JSON.parse(config["jumpcloud-entra-idp:users"] ?? "[]");
        const emails = (Array.isArray(listed) ? (listed as { userPrincipalName?: unknown }[]) : [])
            .map((u) => u?.userPrincipalName)
            .filter((upn): upn is string => typeof upn === "string");
        const seeded = emails.slice(0, -1);
        const missing = emails.slice(-1);
        for (const email of seeded) emulator.seedUser(emulator.organizations[0], email);
        if (emails.length > 0) {
            console.log(
                `    seeded JumpCloud user ${seeded.join(", ") || "(none)"} (${missing.join(", ")} is left missing)`,
            );
        }
        const configName = path.relative(ROOT, stackConfigFile) || stackConfigFile;
        const run = await step(`run index.ts with ${configName} under the simulated Azure`, async () => {
            const { result, warnings } = await capturingWarnings(() => runStackProgram(PROGRAM, config));
            for (const warning of warnings) console.log(`    warning (pulumi up shows it too): ${warning}`);
            checkUserStatuses(result.exports.jumpCloudUsers as JumpCloudUserStatus[], emails, seeded);
            checkRunWarnings(warnings, missing);
            return result;
        });
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
                const started = await DynamicProviderHost.start({ cwd: ROOT, env: { ...process.env } });
                await started.configure({ "jumpcloud:apiKey": DEMO_KEY });
                return started;
            },
        );
        const h = host;
        console.log(`    stored provider (the shim): ${captured.provider.length} bytes`);

        const checked = await step("check the identity provider's inputs", async () => {
            const result = await h.check(urn, {}, captured.inputs);
            mustHold(result.failures.length === 0, `check failed: ${JSON.stringify(result.failures)}`);
            return result;
        });
        const created = await step("pulumi up: create the JumpCloud identity provider", async () => {
            const result = await h.create(urn, checked.inputs);
            const held = emulator.identityProviders();
            mustHold(
                held.length === 1 &&
                    held[0].id === result.id &&
                    held[0].name === checked.inputs.name &&
                    held[0].oidc.url === checked.inputs.url &&
                    held[0].oidc.clientId === checked.inputs.clientId &&
                    held[0].oidc.clientSecret === checked.inputs.clientSecret,
                "the emulator does not hold exactly the identity provider that was sent",
            );
            return result;
        });
        printEmulatorState(emulator);

        const refreshed = await step("pulumi refresh: read it back", async () => {
            const result = await h.read(created.id, urn, created.properties, checked.inputs);
            mustHold(result.properties.name === checked.inputs.name, "the read-back name differs");
            mustHold(
                result.properties.clientSecret === checked.inputs.clientSecret,
                "the write-only client secret was not kept from state",
            );
            return result;
        });
        console.log(
            `    read: name ${JSON.stringify(refreshed.properties.name)}, secret kept from state: true`,
        );

        const renamedConfig = {
            ...config,
            "jumpcloud-entra-idp:identityProviderName": "Entra OIDC (renamed)",
        };
        const rerun = await step("change identityProviderName and run index.ts again", async () => {
            const { result, warnings } = await capturingWarnings(() =>
                runStackProgram(PROGRAM, renamedConfig, run.registrations),
            );
            checkUserStatuses(result.exports.jumpCloudUsers as JumpCloudUserStatus[], emails, seeded);
            checkRunWarnings(warnings, missing);
            return result;
        });
        const renamed = captureIdentityProvider(rerun.registrations, COMPONENT);
        const diff = await step("pulumi up: diff", async () => {
            const result = await h.diff(created.id, urn, refreshed.properties, renamed.inputs);
            mustHold(
                result.changes === "some" && result.replaces.length === 0,
                "expected an update in place",
            );
            return result;
        });
        console.log(
            `    diff: changes ${diff.changes}, replaces [${diff.replaces.join(", ")}] -> update in place`,
        );
        const updated = await step("pulumi up: update in place (one PUT)", async () => {
            const result = await h.update(created.id, urn, refreshed.properties, renamed.inputs);
            const held = emulator.identityProviders();
            mustHold(
                held.length === 1 && held[0].id === created.id && held[0].name === "Entra OIDC (renamed)",
                "the emulator does not hold the renamed identity provider under the same id",
            );
            return result;
        });
        printEmulatorState(emulator);

        await step("pulumi destroy: delete it", async () => {
            await h.delete(created.id, urn, updated.properties);
            mustHold(emulator.identityProviders().length === 0, "the identity provider is still there");
        });
        printEmulatorState(emulator);

        const idpCalls = emulator.requests.filter((r) => r.path.startsWith("/api/v2/identity-providers"));
        const calls = idpCalls.map((r) => `${r.method} ${r.status}`).join(", ");
        console.log(`\nJumpCloud identity provider calls made: ${idpCalls.length} (${calls})`);
        const lookups = emulator.requests.length - idpCalls.length;
        console.log(
            `JumpCloud user look-ups made: ${lookups} (${emails.length} per run of index.ts, all with the demo's key)`,
        );
        mustHold(
            calls === "POST 201, GET 200, PUT 200, DELETE 204",
            `expected the calls POST 201, GET 200, PUT 200, DELETE 204, got ${calls}`,
        );
        mustHold(
            lookups === 2 * emails.length && emulator.requests.every((r) => r.apiKeyOk),
            "every call must reach the emulator with the demo's key",
        );
        console.log("Demo finished: every step succeeded.");
    } finally {
        await host?.stop();
        await emulator.stop();
    }
}

/** `--markdown`: runs the demo in a child process and puts its output into its docs section. */
function writeTranscript(args: string[]): void {
    const output = execFileSync(process.execPath, [__filename, ...args], { cwd: ROOT, encoding: "utf8" });
    process.stdout.write(output);
    replaceMarkedSection(
        path.join(ROOT, TRANSCRIPT.file),
        TRANSCRIPT.name,
        `\`\`\`text\n${output.trim()}\n\`\`\``,
    );
    console.log(`\n${TRANSCRIPT.file}: section ${TRANSCRIPT.name} rewritten from this run.`);
}

async function main(): Promise<void> {
    const stackConfig = path.resolve(option("--stack-config") ?? path.join(ROOT, "Pulumi.example.yaml"));
    if (process.argv.includes("--markdown")) {
        writeTranscript(process.argv.slice(2).filter((a) => a !== "--markdown"));
        return;
    }
    // Before either path: nothing of the user's shell reaches the emulator, the engine or the host.
    const ignored = isolateEnvironment(process.env);
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
        printIgnored(ignored);
        await runEngineDemo(cli, version, step);
        console.log("Demo finished: every step succeeded.");
        return;
    }
    console.log(
        mode === "host"
            ? "Driving Pulumi's dynamic-provider host directly (--host)."
            : `Driving Pulumi's dynamic-provider host directly: ${NO_CLI_MESSAGE}.`,
    );
    printIgnored(ignored);
    await runHostDemo(stackConfig);
}

function printIgnored(ignored: readonly string[]): void {
    console.log(
        ignored.length > 0
            ? `Ignoring from your shell: ${ignored.join(", ")} (the demo brings its own JumpCloud and Azure).`
            : "Nothing to ignore from your shell (no JUMPCLOUD_*, ARM_*, AZURE_* or PULUMI_CONFIG variables).",
    );
}

if (require.main === module) {
    main().catch((error: Error) => {
        console.error(`\nDemo FAILED: ${error.message}`);
        process.exit(1);
    });
}
