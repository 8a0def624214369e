/**
 * Problems the user caused, typed in this repository's folder: `pulumi up` prints each as Pulumi
 * prints its own errors, the message alone under the program or the resource it belongs to, never
 * as a crash ("Running program ... failed with an unhandled exception") with a Node stack trace.
 * The cases build on each other, in order: the stack is made once (a typed `up` is slow).
 */
import { expect } from "chai";
import { JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { REPO_ROOT } from "../../simulation/engine/pulumiCli";
import { StackProject, type RunResult } from "../../simulation/engine/stackProject";
import { hintFor } from "../../providers/jumpcloudClient";
import { E2E_API_KEY, E2E_PASSPHRASE, echo, exampleStackConfig, useEngine } from "./support/engineFixtures";

/** The CLI's `Diagnostics:` section: each resource's heading and its lines, in order. */
function diagnostics(result: RunResult): Record<string, string[]> {
    const section = /\nDiagnostics:\n([\s\S]*?)\n(?:Resources:|Outputs:)/.exec(result.stdout);
    expect(section, `no Diagnostics section in:\n${result.stdout}`).to.not.equal(null);
    const blocks: Record<string, string[]> = {};
    let heading = "";
    for (const line of section![1].split("\n")) {
        // The worktree's CLI finds its plugins on PATH rather than beside itself: environment, not output.
        if (line.trim() === "" || /warning: using pulumi-\S+ from \$PATH/.test(line)) continue;
        if (/^ {2}\S/.test(line)) blocks[(heading = line.trim())] = [];
        else blocks[heading].push(line.trim());
    }
    return blocks;
}

/** What a crash would show: a stack frame, a terminal colour code, the language host's crash words. */
function expectNoCrashOutput(result: RunResult): void {
    const output = result.stdout + result.stderr;
    expect(output).to.not.match(/^\s+at \S/m, "a stack frame");
    expect(output).to.not.include("\u001b[", "an ANSI escape under --color never");
    expect(output).to.not.include("unhandled exception");
    expect(output).to.not.match(/\.(ts|js):\d+:\d+/, "a source position");
}

describe("e2e, typed CLI: problems the user caused read as Pulumi's own errors", function () {
    this.timeout(480_000);
    const engine = useEngine();
    let emulator: JumpCloudEmulator;
    let project: StackProject;
    let config: Record<string, unknown>;
    let stack: string;

    before(async () => {
        emulator = await JumpCloudEmulator.start({ apiKey: E2E_API_KEY });
        config = { ...exampleStackConfig(), "jumpcloud-entra-idp:jumpCloudApiUrl": emulator.url };
        const stackName = `errors-${process.pid}`;
        stack = `pulumi:pulumi:Stack (jumpcloud-entra-idp-${stackName}):`;
        project = await StackProject.create({
            cli: engine.cli(),
            stackName,
            projectDir: REPO_ROOT,
            layout: "in-place",
            config,
            passphrase: E2E_PASSPHRASE,
            echo,
        });
    });

    after(async () => {
        project?.dispose();
        await emulator?.stop();
    });

    it("bad stack config: each problem by its stack key under the program, nothing else", async () => {
        project.writeStackConfig({
            ...config,
            "jumpcloud-entra-idp:region": "mars",
            "jumpcloud-entra-idp:users": [{ userPrincipalName: "not an email", displayName: "Nobody" }],
        });
        await project.setSecret("jumpcloud:apiKey", E2E_API_KEY);
        const up = await project.run("up");
        expect(up.ok).to.equal(false);
        expect(diagnostics(up)).to.deep.equal({
            [stack]: [
                'error: EntraIdentityProvider "jumpcloud-entra": invalid arguments:',
                '- jumpcloud-entra-idp:region must be one of "us", "eu", got "mars"',
                "- jumpcloud-entra-idp:users[0].userPrincipalName must be an email-style user principal name " +
                    'such as jane.doe@contoso.com, got "not an email"',
            ],
        });
        expectNoCrashOutput(up);
    });

    it("JumpCloud refusing the key: JumpCloud's answer under the identity provider, nothing else", async () => {
        project.writeStackConfig(config);
        await project.setSecret("jumpcloud:apiKey", "not-the-key-0123456789");
        const up = await project.run("up");
        expect(up.ok).to.equal(false);
        const refused = (method: string, path: string) =>
            `JumpCloud ${method} ${path} failed: 401: Unauthorized: missing or invalid x-api-key (1 attempt). ` +
            `Hint: ${hintFor(401)}`;
        expect(diagnostics(up)).to.deep.equal({
            "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider (jumpcloud-entra-jumpcloud-idp):": [
                `error: ${refused("POST", "/api/v2/identity-providers")}`,
            ],
            "jumpcloud-entra-idp:index:EntraIdentityProvider (jumpcloud-entra):": [
                `warning: jumpcloud-entra: JumpCloud users were not checked: ${refused("GET", "/api/systemusers")}`,
            ],
            [stack]: ["error: update failed"],
        });
        expectNoCrashOutput(up);
    });

    it("a required JumpCloud user missing: the message under the component, nothing else", async () => {
        await project.setSecret("jumpcloud:apiKey", E2E_API_KEY);
        project.writeStackConfig({ ...config, "jumpcloud-entra-idp:jumpCloudRequireUsers": true });
        const up = await project.run("up");
        expect(up.ok).to.equal(false);
        const blocks = diagnostics(up);
        // The CLI orders the blocks by when each resource's first message came: either may be first.
        expect(Object.keys(blocks).sort()).to.deep.equal(
            ["jumpcloud-entra-idp:index:EntraIdentityProvider (jumpcloud-entra):", stack].sort(),
        );
        expect(blocks["jumpcloud-entra-idp:index:EntraIdentityProvider (jumpcloud-entra):"]).to.deep.equal([
            "error: jumpcloud-entra: no JumpCloud user has the email jane.doe@contoso.com, sam.lee@contoso.com. " +
                "Federated sign-in matches Entra users to JumpCloud users by email: create each in the Admin " +
                "Portal (USER MANAGEMENT > Users) with the same company email, or remove the Entra user. " +
                "(jumpCloud.requireUsers is true)",
        ]);
        // Known noise, not ours to word: Node warns that the failed output's rejection was handled
        // after Pulumi had reported it. Nothing else may reach the program's block.
        for (const line of blocks[stack]) {
            expect(line).to.match(
                /^\(node:\d+\) PromiseRejectionHandledWarning: Promise rejection was handled asynchronously \(rejection id: \d+\)$|^\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)$/,
            );
        }
        expectNoCrashOutput(up);
    });
});
