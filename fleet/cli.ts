#!/usr/bin/env node
/**
 * `jumpcloud-entra-fleet preview|up|refresh|destroy|verify [--only NAME...] [--parallel N] [--inventory FILE]
 * [--work-dir DIR] [--policy-pack DIR] [--login-url URL]`: the package's `bin` (in this repository, `npm run fleet --`).
 *
 * Exit status: 0 when every organization succeeded, 1 when any failed or was skipped, 2 for a
 * bad command line or inventory (nothing ran).
 */
import * as path from "path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { runInventory, type RunInventoryOptions } from "./index";
import { isOperation, OPERATIONS } from "./operations";
import { NO_CLI_MESSAGE, findPulumiCli } from "./pulumiCli";
import { progressLine, resultTable, summaryLine } from "./report";

const USAGE =
    `usage: jumpcloud-entra-fleet <${OPERATIONS.join("|")}> [--only NAME...] [--parallel N] ` +
    "[--inventory FILE (default fleet.yaml)] [--work-dir DIR] [--policy-pack DIR] [--login-url URL (verify)]";

export function parseCommandLine(
    argv: readonly string[],
): Omit<RunInventoryOptions, "onProgress" | "signal"> {
    const [operation, ...rest] = argv;
    if (operation === undefined || !isOperation(operation)) {
        throw new Error(
            `the first argument must be one of ${OPERATIONS.join(", ")}, got ${operation ?? "nothing"}`,
        );
    }
    const only: string[] = [];
    const policyPacks: string[] = [];
    let parallel: number | undefined;
    let inventoryFile = "fleet.yaml";
    let workDir: string | undefined;
    let loginUrl: string | undefined;
    for (let i = 0; i < rest.length; i++) {
        const flag = rest[i];
        const value = () => {
            const v = rest[++i];
            if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case "--only":
                while (rest[i + 1] !== undefined && !rest[i + 1].startsWith("--")) only.push(rest[++i]);
                if (only.length === 0) throw new Error("--only needs at least one organization name");
                break;
            case "--parallel": {
                const text = value();
                parallel = /^\d+$/.test(text) ? Number(text) : NaN;
                if (!Number.isInteger(parallel) || parallel < 1) {
                    throw new Error(`--parallel must be a whole number of at least 1, got ${text}`);
                }
                break;
            }
            case "--inventory":
                inventoryFile = value();
                break;
            case "--work-dir":
                workDir = value();
                break;
            case "--policy-pack":
                policyPacks.push(value());
                break;
            case "--login-url":
                loginUrl = value();
                break;
            default:
                throw new Error(`unknown argument ${flag}`);
        }
    }
    return {
        operation,
        inventoryFile,
        ...(only.length > 0 ? { only } : {}),
        ...(parallel !== undefined ? { parallel } : {}),
        ...(workDir !== undefined ? { workDir } : {}),
        ...(policyPacks.length > 0 ? { policyPacks } : {}),
        ...(loginUrl !== undefined ? { verify: { loginUrl } } : {}),
    };
}

async function main(): Promise<number> {
    let options: ReturnType<typeof parseCommandLine>;
    try {
        options = parseCommandLine(process.argv.slice(2));
    } catch (error) {
        console.error(`fleet: ${(error as Error).message}\n${USAGE}`);
        return 2;
    }
    const abort = new AbortController();
    process.once("SIGINT", () => {
        console.log("fleet: interrupted; no further organization starts, running ones finish");
        abort.abort();
    });
    // The user's own CLI on PATH first, else the one scripts/install-pulumi-cli.sh builds.
    const cli = findPulumiCli();
    if (!cli) {
        console.error(`fleet: ${NO_CLI_MESSAGE}`);
        return 2;
    }
    const started = Date.now();
    let results;
    try {
        results = await runInventory({
            ...options,
            pulumiCommand: await PulumiCommand.get({ root: path.dirname(path.dirname(cli.command)) }),
            signal: abort.signal,
            onProgress: (progress) => console.log(progressLine(progress)),
        });
    } catch (error) {
        // An inventory or setup problem: nothing ran.
        console.error(`fleet: ${(error as Error).message}`);
        return 2;
    }
    console.log(`\n${resultTable(results)}\n\n${summaryLine(results, Date.now() - started)}`);
    return results.every((r) => r.result === "succeeded") ? 0 : 1;
}

if (require.main === module) {
    main().then(
        (code) => process.exit(code),
        (error) => {
            console.error(`fleet: ${(error as Error).message}`);
            process.exit(2);
        },
    );
}
