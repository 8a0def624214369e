/**
 * The Pulumi CLI verify reads a stack through: `pulumi` on PATH, else `.tools/pulumi/bin/pulumi`
 * of the repository the command runs in (this repo's own build of the CLI). A small lookup of its
 * own for now; the fleet's will replace it once it moves into shipped code.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

const CLI_TIMEOUT_MS = 60_000;

function executable(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

export function findPulumiCommand(
    env: NodeJS.ProcessEnv = process.env,
    cwd: string = process.cwd(),
): string | undefined {
    for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
        const candidate = path.join(dir, "pulumi");
        if (executable(candidate)) return candidate;
    }
    for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, ".tools", "pulumi", "bin", "pulumi");
        if (executable(candidate)) return candidate;
        if (path.dirname(dir) === dir) return undefined;
    }
}

/** Runs one CLI command and returns its standard output; an error quotes the CLI's own words. */
export function runPulumi(
    command: string,
    args: string[],
    cwd: string,
    env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(
            command,
            args,
            { cwd, env, timeout: CLI_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
            (error, stdout, stderr) => {
                if (!error) {
                    resolve(stdout);
                    return;
                }
                const shown = ["pulumi", ...args.filter((a) => a !== "--show-secrets")].join(" ");
                const timedOut = (error as { killed?: boolean }).killed;
                reject(
                    new Error(
                        `\`${shown}\` ${timedOut ? `did not finish within ${CLI_TIMEOUT_MS / 1000} s` : "failed"}: ${stderr.trim() || error.message}`,
                    ),
                );
            },
        );
    });
}
