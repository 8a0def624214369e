/**
 * Running the Pulumi CLI for verify. Finding it is the fleet's lookup (fleet/pulumiCli.ts): `pulumi`
 * on PATH, else the one `scripts/install-pulumi-cli.sh` built into this package's clone.
 */
import { execFile } from "child_process";

export { NO_CLI_MESSAGE, findPulumiCli } from "../fleet/pulumiCli";

const CLI_TIMEOUT_MS = 60_000;

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
