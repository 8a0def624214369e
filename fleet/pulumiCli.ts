/**
 * Where the Pulumi CLI is: the fleet needs one to run each organization's stack, and so do the
 * repository's engine tests, which import it from here. A `pulumi` on PATH first (what a user
 * has), else the one `scripts/install-pulumi-cli.sh` builds into `.tools/pulumi` of this package's
 * own folder (only a clone of the repository has one).
 */
import * as fs from "fs";
import * as path from "path";

/** This package's folder: the repository root, or node_modules/jumpcloud-entra-idp once installed. */
const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");

/** Where scripts/install-pulumi-cli.sh builds the CLI. */
export const BUILT_CLI_ROOT = path.join(PACKAGE_ROOT, ".tools", "pulumi");

export interface PulumiCli {
    /** The `pulumi` executable. */
    readonly command: string;
    /** What found it: a user's own CLI on PATH, or the one built into .tools. */
    readonly origin: "PATH" | ".tools/pulumi";
}

export function executable(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

/** A Pulumi CLI the user already has on PATH first (what a real user runs), else the built one. */
export function findPulumiCli(env: NodeJS.ProcessEnv = process.env): PulumiCli | undefined {
    for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
        const candidate = path.join(dir, process.platform === "win32" ? "pulumi.exe" : "pulumi");
        if (executable(candidate)) return { command: candidate, origin: "PATH" };
    }
    const built = path.join(BUILT_CLI_ROOT, "bin", "pulumi");
    return executable(built) ? { command: built, origin: ".tools/pulumi" } : undefined;
}

/** The one line printed when no CLI is found. */
export const NO_CLI_MESSAGE =
    "no Pulumi CLI found (neither `pulumi` on PATH nor .tools/pulumi/bin/pulumi): install it " +
    "(https://www.pulumi.com/docs/iac/download-install/), or, in a clone of the repository, " +
    "run `bash scripts/install-pulumi-cli.sh` to build it from Go modules";
