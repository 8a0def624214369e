/**
 * The policy pack under the real Pulumi CLI and engine (`preview`/`up` with `--policy-pack policy`,
 * through the Automation API) on a good stack and on a bad one, against the JumpCloud emulator and
 * the simulated Azure plugin.
 *
 * Which combination this proves: the 3.248 CLI with no Node.js language host, which starts the pack
 * through the analyzer launcher in policy/analyzer. With a language host the CLI asks the host to
 * run the pack (RunPlugin): a current host (a normal Pulumi install) does, but the v3.68.0 host the
 * tests build answers "could not read plugin [policy]: not supported", and the CLI does not fall
 * back. So the suite runs the CLI from a folder of its own, without the host, and fails at once,
 * saying why, if that old host is still reachable on its PATH.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { EntraIdentityProvider, type EntraIdentityProviderArgs } from "../../components";
import { SIMULATED_TENANT_ID } from "../../simulation/azureSimulator";
import { linkRepoPackages } from "../../simulation/engine/stackProject";
import {
    BUILT_CLI_ROOT,
    REPO_ROOT,
    engineEnvironment,
    languageHostsFor,
    makeSandbox,
    withoutLanguageHost,
    type EngineSandbox,
} from "../../simulation/engine/pulumiCli";
import { E2E_API_KEY, E2E_PASSPHRASE, echo, useEngine } from "./support/engineFixtures";

const POLICY_PACK = path.join(REPO_ROOT, "policy");
/** The analyzer launcher a CLI without the Node.js language host needs (see the file). */
const ANALYZER_DIR = path.join(POLICY_PACK, "analyzer");
const OTHER_TENANT = "99999999-9999-4999-a999-999999999999";

/** What someone "customizing" the component might do: every policy has something to catch. */
const breakEverything: pulumi.ResourceTransformation = (args) => {
    const props = { ...args.props };
    switch (args.type) {
        case "azuread:index/application:Application":
            props.signInAudience = "AzureADMultipleOrgs";
            props.web = {
                ...props.web,
                redirectUris: [...props.web.redirectUris, "http://sso.example.com/cb"],
                implicitGrant: { idTokenIssuanceEnabled: true, accessTokenIssuanceEnabled: true },
            };
            break;
        case "azuread:index/applicationPassword:ApplicationPassword":
            props.endDate = "2031-01-01T00:00:00Z";
            break;
        case "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider":
            props.url = `https://login.microsoftonline.com/${OTHER_TENANT}`;
            break;
        default:
            return undefined;
    }
    return { props, opts: args.opts };
};

describe("e2e: the policy pack with the real engine (--policy-pack policy)", function () {
    this.timeout(600_000);
    const engine = useEngine();
    let emulator: JumpCloudEmulator;
    let sandbox: EngineSandbox;
    let pulumiCommand: PulumiCommand;
    let envVars: Record<string, string>;

    before(async () => {
        emulator = await JumpCloudEmulator.start({ apiKey: E2E_API_KEY });
        sandbox = makeSandbox("jce-policy-");
        // The dynamic-provider hosts load the package's providers from here.
        linkRepoPackages(sandbox.root);
        const cli = withoutLanguageHost(engine.cli(), path.join(sandbox.root, "cli-without-language-host"));
        const base = engineEnvironment(cli, sandbox, E2E_PASSPHRASE);
        envVars = { ...base, PATH: `${ANALYZER_DIR}${path.delimiter}${base.PATH}` };
        const oldHosts = languageHostsFor(cli, envVars).filter((host) =>
            fs.realpathSync(host).startsWith(fs.realpathSync(BUILT_CLI_ROOT)),
        );
        if (oldHosts.length > 0) {
            throw new Error(
                `the v3.68.0 language host is on this suite's PATH (${oldHosts.join(", ")}): the 3.248 CLI ` +
                    'would ask it to run the policy pack and fail with "not supported". Remove ' +
                    ".tools/pulumi/bin from PATH for this suite.",
            );
        }
        pulumiCommand = await PulumiCommand.get({ root: path.dirname(path.dirname(cli.command)) });
    });
    after(async () => {
        await emulator?.stop();
        if (sandbox) fs.rmSync(sandbox.root, { recursive: true, force: true });
    });

    async function stackOf(
        name: string,
        args: EntraIdentityProviderArgs,
        opts?: pulumi.ComponentResourceOptions,
    ): Promise<Stack> {
        const program = async () => {
            const idp = new EntraIdentityProvider(name, args, opts);
            return { identityProviderId: idp.identityProviderId };
        };
        const workDir = path.join(sandbox.root, name);
        fs.mkdirSync(workDir, { recursive: true });
        const stack = await LocalWorkspace.createOrSelectStack(
            { stackName: name, projectName: "policy-e2e", program },
            {
                workDir,
                envVars,
                pulumiCommand,
                projectSettings: { name: "policy-e2e", runtime: "nodejs" },
            },
        );
        await stack.setAllConfig({
            "azuread:tenantId": { value: SIMULATED_TENANT_ID },
            "jumpcloud:apiKey": { value: E2E_API_KEY, secret: true },
        });
        return stack;
    }

    /** Runs an operation, returning its output and whether it failed (with the CLI's error text). */
    async function attempt(run: (onOutput: (text: string) => void) => Promise<unknown>) {
        let output = "";
        try {
            await run((text) => (output += text));
            return { ok: true, output };
        } catch (error) {
            return { ok: false, output: `${output}\n${(error as Error).message}` };
        }
    }

    const baseArgs = (): EntraIdentityProviderArgs => ({
        users: [{ userPrincipalName: "ada@contoso.com", displayName: "Ada" }],
        jumpCloud: { apiUrl: emulator.url, checkUsers: false },
    });

    it("a good stack passes on preview and on up, and the pack checks its now-known secret end date", async () => {
        const stack = await stackOf("good", baseArgs());
        const policyPacks = [POLICY_PACK];
        const preview = await attempt((onOutput) => stack.preview({ policyPacks, onOutput, color: "never" }));
        expect(preview.ok, preview.output).to.equal(true);
        expect(preview.output).to.match(/jumpcloud-entra-idp@v0\.1\.0/);
        const up = await attempt((onOutput) => stack.up({ policyPacks, onOutput, color: "never" }));
        expect(up.ok, up.output).to.equal(true);
        expect(emulator.identityProviders()).to.have.length(1);

        // Known now: a configuration that asks for a year left turns the same secret into a violation.
        const config = path.join(sandbox.root, "strict-policy.json");
        fs.writeFileSync(config, JSON.stringify({ "client-secret-lifetime": { minDaysLeft: 365 } }));
        const strict = await attempt((onOutput) =>
            stack.preview({ policyPacks, policyPackConfigs: [config], onOutput, color: "never" }),
        );
        expect(strict.ok).to.equal(false);
        expect(strict.output).to.match(/client-secret-lifetime/);
        expect(strict.output).to.match(/at least 365 days must be left/);

        await stack.destroy({ color: "never" });
    });

    it("a bad stack fails the preview, each policy naming what it caught", async () => {
        emulator.resetRequests();
        const args = baseArgs();
        const stack = await stackOf(
            "bad",
            {
                ...args,
                users: [{ userPrincipalName: "sam@contoso.com", displayName: "Sam", accountEnabled: false }],
            },
            { transformations: [breakEverything] },
        );
        const preview = await attempt((onOutput) =>
            stack.preview({ policyPacks: [POLICY_PACK], onOutput, color: "never" }),
        );
        expect(preview.ok).to.equal(false);
        const output = preview.output;
        echo?.(output);
        for (const expected of [
            /client-secret-lifetime[\s\S]*The client secret ends 2031-01-01T00:00:00Z/,
            /signInAudience is "AzureADMultipleOrgs"/,
            /web\.implicitGrant\.accessTokenIssuanceEnabled is true/,
            /web\.redirectUris\[1\] is "http:\/\/sso\.example\.com\/cb"/,
            new RegExp(
                `idp-url-same-tenant-as-app[\\s\\S]*names tenant ${OTHER_TENANT}, but its app bad-app is registered in tenant ${SIMULATED_TENANT_ID}`,
            ),
            /no-undeclared-disabled-users[\s\S]*sam@contoso\.com is created disabled/,
        ]) {
            expect(output).to.match(expected);
        }
        // Nothing was made: a preview.
        expect(emulator.requests.filter((r) => r.method !== "GET")).to.satisfy(
            (rs: unknown[]) => rs.length <= 2,
        );
    });
});
