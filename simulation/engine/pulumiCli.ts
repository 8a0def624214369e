/**
 * The environment the real Pulumi CLI (found by fleet/pulumiCli.ts) runs in on a machine with no
 * cloud: a local file backend, a passphrase for the stack's secrets, the simulated Azure plugins
 * and Pulumi's dynamic-provider plugin on PATH, and no update checks or plugin downloads.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { STATE_DIR_ENV } from "../azurePlugin/stateStore";

export const REPO_ROOT = path.resolve(__dirname, "../../..");
/** Set by CI: a missing CLI fails the e2e suite instead of skipping it. */
export const REQUIRE_CLI_ENV = "JCE_REQUIRE_PULUMI_CLI";

// Finding the CLI is the fleet's (shipped) job; the engine tests use the same discovery.
export { BUILT_CLI_ROOT, NO_CLI_MESSAGE, findPulumiCli, type PulumiCli } from "../../fleet/pulumiCli";
import { executable, type PulumiCli } from "../../fleet/pulumiCli";

/** Folders of one run: the file backend, the CLI's home, and the simulated Azure's objects. */
export interface EngineSandbox {
    readonly root: string;
    readonly backendDir: string;
    readonly pulumiHome: string;
    readonly azureStateDir: string;
}

export function makeSandbox(prefix = "jce-engine-"): EngineSandbox {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const sandbox = {
        root,
        backendDir: path.join(root, "backend"),
        pulumiHome: path.join(root, "pulumi-home"),
        azureStateDir: path.join(root, "simulated-azure"),
    };
    for (const dir of [sandbox.backendDir, sandbox.pulumiHome, sandbox.azureStateDir]) {
        fs.mkdirSync(dir, { recursive: true });
    }
    return sandbox;
}

/** Environment variables of the calling shell that would steer a run somewhere else. */
const FOREIGN_VARIABLES = /^(PULUMI_|JUMPCLOUD_|ARM_|AZURE_)/;

/**
 * The environment every CLI call of a run gets: the caller's, minus anything that would point it
 * at a real cloud or another backend, plus the sandbox.
 */
export function engineEnvironment(
    cli: PulumiCli,
    sandbox: EngineSandbox,
    passphrase: string,
    extra: Record<string, string> = {},
    base: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(base)) {
        if (value !== undefined && !FOREIGN_VARIABLES.test(key)) env[key] = value;
    }
    const pathDirs = [
        path.dirname(cli.command),
        // The simulated Azure plugins, found by the engine as ambient plugins.
        path.join(REPO_ROOT, "simulation", "plugins"),
        // Pulumi's dynamic-provider plugin, shipped inside the SDK package.
        path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi"),
        ...(base.PATH ?? "").split(path.delimiter).filter(Boolean),
    ];
    return {
        ...env,
        PATH: pathDirs.join(path.delimiter),
        PULUMI_BACKEND_URL: `file://${sandbox.backendDir}`,
        PULUMI_HOME: sandbox.pulumiHome,
        PULUMI_CONFIG_PASSPHRASE: passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        // A missing plugin is an error here, never a download.
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        [STATE_DIR_ENV]: sandbox.azureStateDir,
        ...extra,
    };
}

/** The Node.js language host's executable name; the CLI looks beside itself first, then on PATH. */
export const LANGUAGE_HOST = "pulumi-language-nodejs";

/** Every `pulumi-language-nodejs` a CLI run with `env` would find: beside the CLI, then on PATH. */
export function languageHostsFor(cli: PulumiCli, env: NodeJS.ProcessEnv): string[] {
    const dirs = [path.dirname(fs.realpathSync(cli.command)), ...(env.PATH ?? "").split(path.delimiter)];
    return dirs
        .filter(Boolean)
        .map((dir) => path.join(dir, LANGUAGE_HOST))
        .filter(executable);
}

/**
 * The same CLI alone in `dir`, with no language host beside it: a hard link (a copy across file
 * systems). The CLI resolves its own path through links, so a symbolic link would not do.
 */
export function withoutLanguageHost(cli: PulumiCli, dir: string): PulumiCli {
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin, { recursive: true });
    const command = path.join(bin, "pulumi");
    const real = fs.realpathSync(cli.command);
    try {
        fs.linkSync(real, command);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
        fs.copyFileSync(real, command);
        fs.chmodSync(command, 0o755);
    }
    return { command, origin: cli.origin };
}
