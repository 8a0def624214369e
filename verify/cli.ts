#!/usr/bin/env node
/**
 * `jumpcloud-entra-verify --stack <name> [--component <name>] [--json] [--login-url <url>] [--api-url <url>] [--cwd <dir>]`
 * (in this repo: `npm run verify -- --stack <name>`): tests the connection the stack made, as the
 * article's last step asks. Exit 0 only when every check passes; 1 when one fails; 2 on bad usage
 * or a stack that cannot be read.
 */
import { reportJson, reportLines } from "./report";
import { readStackTarget } from "./stackTarget";
import { verify } from "./verify";

const USAGE =
    "usage: jumpcloud-entra-verify --stack <name> [--component <name>] [--json] [--login-url <url>] [--api-url <url>] [--cwd <project dir>] [--timeout-ms <n>]";

interface CliArgs {
    stack?: string;
    /** Which EntraIdentityProvider, by its name, when the stack has several. */
    component?: string;
    json: boolean;
    loginUrl?: string;
    apiUrl?: string;
    cwd: string;
    timeoutMs?: number;
}

export function parseArgs(argv: readonly string[]): CliArgs {
    const args: CliArgs = { json: false, cwd: process.cwd() };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = () => {
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
            return v;
        };
        switch (flag) {
            case "--stack":
                args.stack = value();
                break;
            case "--component":
                args.component = value();
                break;
            case "--json":
                args.json = true;
                break;
            case "--login-url":
                args.loginUrl = value();
                break;
            case "--api-url":
                args.apiUrl = value();
                break;
            case "--cwd":
                args.cwd = value();
                break;
            case "--timeout-ms": {
                const n = Number(value());
                if (!Number.isInteger(n) || n < 100 || n > 120_000)
                    throw new Error(`--timeout-ms must be a whole number from 100 to 120000`);
                args.timeoutMs = n;
                break;
            }
            default:
                throw new Error(`unknown argument ${JSON.stringify(flag)}\n${USAGE}`);
        }
    }
    for (const [flag, url] of [
        ["--login-url", args.loginUrl],
        ["--api-url", args.apiUrl],
    ] as const) {
        if (url !== undefined && !/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(url))
            throw new Error(`${flag} must be an http(s) URL, got ${JSON.stringify(url)}`);
    }
    if (!args.stack) throw new Error(`--stack is required\n${USAGE}`);
    return args;
}

export async function main(
    argv: readonly string[],
    write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<number> {
    let args: CliArgs;
    let target;
    try {
        args = parseArgs(argv);
        target = await readStackTarget(args.stack!, args.cwd, process.env, args.component);
    } catch (error) {
        process.stderr.write(`jumpcloud-entra-verify: ${(error as Error).message}\n`);
        return 2;
    }
    const report = await verify(target, {
        loginUrl: args.loginUrl,
        apiUrl: args.apiUrl,
        timeoutMs: args.timeoutMs,
    });
    if (args.json) write(reportJson(report));
    else for (const line of reportLines(report)) write(line);
    return report.ok ? 0 : 1;
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => process.exit(code));
}
