/**
 * An example installed on its own (package from the tarball, its own node_modules) run under the
 * real Pulumi CLI and engine: `pulumi up` and `pulumi destroy` against the JumpCloud emulator and
 * the simulated Azure plugins, with the API key only in the stack's `jumpcloud:apiKey` secret.
 * That is the layout where 0.1.0 lost the key on its way to the provider.
 *
 *   node dist/scripts/packageChecks/exampleUnderEngine.js <installed example folder>
 *
 * Without a Pulumi CLI it says it skipped, unless JCE_REQUIRE_PULUMI_CLI is set (CI).
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { NO_CLI_MESSAGE, REQUIRE_CLI_ENV, findPulumiCli } from "../../simulation/engine/pulumiCli";
import { StackProject } from "../../simulation/engine/stackProject";

const KEY = "installed-example-key-5e8d1c0b";

async function main(exampleDir: string): Promise<void> {
    const name = path.basename(exampleDir);
    const cli = findPulumiCli();
    if (!cli) {
        if (process.env[REQUIRE_CLI_ENV]) throw new Error(`${REQUIRE_CLI_ENV} is set, but ${NO_CLI_MESSAGE}`);
        console.log(`examples/${name} under the real engine: skipped (${NO_CLI_MESSAGE})`);
        return;
    }
    const settings = (
        yaml.load(fs.readFileSync(path.join(exampleDir, "Pulumi.example.yaml"), "utf8")) as {
            config: Record<string, unknown>;
        }
    ).config;
    const organizations = Object.entries(settings)
        .filter(([key]) => key.endsWith("OrgId"))
        .map(([, value]) => String(value));
    const emulator = await JumpCloudEmulator.start({ apiKey: KEY, multiTenant: true, organizations });
    const project = await StackProject.create({
        cli,
        stackName: `installed-${process.pid}`,
        projectDir: exampleDir,
        layout: "in-place",
        config: settings,
        passphrase: "package check passphrase",
        // Where JumpCloud is; the key is only in stack config (the environment has no JUMPCLOUD_API_KEY).
        env: { JUMPCLOUD_API_URL: emulator.url },
    });
    try {
        await project.setSecret("jumpcloud:apiKey", KEY);
        const up = await project.run("up");
        if (!up.ok) throw new Error(`pulumi up failed: ${up.error}`);
        const made = organizations.map((org) => emulator.identityProviders(org).length);
        if (made.some((n) => n !== 1))
            throw new Error(`pulumi up left ${made.join(", ")} IdPs per organization`);
        const state = JSON.stringify(await project.exportState());
        if (state.includes(KEY)) throw new Error("the API key is in the stack's state in plain text");
        const destroy = await project.run("destroy");
        if (!destroy.ok) throw new Error(`pulumi destroy failed: ${destroy.error}`);
        if (emulator.identityProviders().length !== 0) throw new Error("pulumi destroy left an IdP");
        console.log(
            `examples/${name} installed from the tarball, under the real engine (key only in jumpcloud:apiKey): ` +
                `up made one IdP in each of ${organizations.length} organizations, destroy removed them: yes`,
        );
    } finally {
        project.dispose();
        await emulator.stop();
    }
}

main(path.resolve(process.argv[2] ?? ".")).catch((error: Error) => {
    console.error(`package check failed: ${error.message}`);
    process.exitCode = 1;
});
