/**
 * The offline demo under the real Pulumi CLI and engine (used by `npm run demo` when a CLI is
 * found): the stack made as the README says, then real `pulumi up`, `refresh`, an update in place
 * and `pulumi destroy`, against the JumpCloud emulator and the simulated Azure plugins. Every step
 * prints the CLI's own output; any failure, or a result other than expected, stops the demo.
 */
import * as path from "path";
import { JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { printEmulatorState } from "../demoPrint";
import { REPO_ROOT, type PulumiCli } from "./pulumiCli";
import { StackProject, type RunResult } from "./stackProject";
import * as yaml from "js-yaml";
import * as fs from "fs";

const DEMO_KEY = "demo-api-key-not-secret";
const DEMO_PASSPHRASE = "demo passphrase";

type Step = <T>(title: string, work: () => Promise<T>) => Promise<T>;

function succeeded(result: RunResult, what: string): RunResult {
    if (!result.ok)
        throw new Error(
            `${what} failed: ${result.error?.split("\n").find((l) => l.startsWith("error:")) ?? result.error}`,
        );
    return result;
}

export async function runEngineDemo(cli: PulumiCli, version: string, step: Step): Promise<void> {
    const emulator = await step("start the JumpCloud emulator", () =>
        JumpCloudEmulator.start({ apiKey: DEMO_KEY }),
    );
    let project: StackProject | undefined;
    try {
        const orgId = emulator.organizations[0];
        console.log(`    listening on ${emulator.url}, organization ${orgId}`);
        emulator.seedUser(orgId, "jane.doe@contoso.com");
        console.log("    seeded JumpCloud user jane.doe@contoso.com (sam.lee@contoso.com is left missing)");
        const example = yaml.load(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.example.yaml"), "utf8")) as {
            config: Record<string, unknown>;
        };
        const config = { ...example.config, "jumpcloud-entra-idp:jumpCloudApiUrl": emulator.url };
        project = await step(
            `make the stack as the README says (pulumi ${version} at ${cli.origin}): Pulumi.example.yaml, ` +
                "`pulumi stack init`, `pulumi config set --secret jumpcloud:apiKey`",
            async () => {
                const made = await StackProject.create({
                    cli,
                    stackName: `offline-demo-${process.pid}`,
                    projectDir: REPO_ROOT,
                    layout: "in-place",
                    config,
                    passphrase: DEMO_PASSPHRASE,
                    echo: (text) => process.stdout.write(text),
                });
                await made.setSecret("jumpcloud:apiKey", DEMO_KEY);
                return made;
            },
        );
        const p = project;
        await step(
            "pulumi up --yes (the real engine; Azure is the simulated plugin, values SIMULATED)",
            async () => succeeded(await p.run("up"), "pulumi up"),
        );
        printEmulatorState(emulator);
        if (emulator.identityProviders().length !== 1)
            throw new Error("pulumi up did not leave exactly one IdP");

        await step("pulumi refresh --yes --expect-no-changes", async () =>
            succeeded(await p.run("refresh", { expectNoChanges: true }), "pulumi refresh"),
        );

        p.writeStackConfig({ ...config, "jumpcloud-entra-idp:identityProviderName": "Entra OIDC (renamed)" });
        const renamed = await step(
            "change identityProviderName in the stack file, then pulumi up --yes",
            async () => succeeded(await p.run("up"), "pulumi up after the rename"),
        );
        if (renamed.changes?.update === undefined || renamed.changes.create || renamed.changes.delete) {
            throw new Error(`the rename was not an update in place: ${JSON.stringify(renamed.changes)}`);
        }
        printEmulatorState(emulator);

        await step("pulumi destroy --yes", async () => succeeded(await p.run("destroy"), "pulumi destroy"));
        printEmulatorState(emulator);
        if (emulator.identityProviders().length !== 0)
            throw new Error("the IdP is still there after destroy");
        const calls = emulator.requests
            .filter((r) => r.path.startsWith("/api/v2/identity-providers"))
            .map((r) => `${r.method} ${r.status}`);
        console.log(`\nJumpCloud identity provider calls made: ${calls.length} (${calls.join(", ")})`);
    } finally {
        project?.dispose();
        await emulator.stop();
    }
}
