/**
 * The fleet command as an MSP runs it: `npx jumpcloud-entra-fleet` from the run's consumer
 * program (the package installed from the tarball), with the inventory in a folder of its own
 * outside the repository and outside that program (so its `.fleet/` work folder has no
 * node_modules above it), under the real Pulumi CLI, against the JumpCloud emulator and the
 * simulated Azure plugins: two organizations `up`, a second `up` that changes nothing, `destroy`
 * that leaves nothing.
 *
 * Without a Pulumi CLI it says it skipped, unless JCE_REQUIRE_PULUMI_CLI is set (CI).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { StateStore, STATE_DIR_ENV } from "../../simulation/azurePlugin/stateStore";
import {
    NO_CLI_MESSAGE,
    REQUIRE_CLI_ENV,
    engineEnvironment,
    findPulumiCli,
} from "../../simulation/engine/pulumiCli";
import { startFleetSandbox } from "../../simulation/fleetSandbox";

const ORGANIZATIONS = 2;

interface CommandRun {
    readonly code: number | null;
    readonly lines: string[];
}

/** Runs a command without blocking this process, whose emulator must keep answering; echoes its output. */
function run(
    command: string,
    args: readonly string[],
    cwd: string,
    env: NodeJS.ProcessEnv,
): Promise<CommandRun> {
    console.log(`  $ ${[command, ...args].join(" ")}`);
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let text = "";
        const echo = (chunk: Buffer) => {
            text += chunk.toString("utf8");
            process.stdout.write(
                chunk
                    .toString("utf8")
                    .split(/(?<=\n)/)
                    .map((line) => (line.trim() ? `    ${line}` : line))
                    .join(""),
            );
        };
        child.stdout.on("data", echo);
        child.stderr.on("data", echo);
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, lines: text.split("\n") }));
    });
}

/** Runs the check in `consumerDir` (the package installed from the tarball); throws when it fails. */
export async function checkFleetCommand(consumerDir: string): Promise<void> {
    const cli = findPulumiCli();
    if (!cli) {
        if (process.env[REQUIRE_CLI_ENV]) throw new Error(`${REQUIRE_CLI_ENV} is set, but ${NO_CLI_MESSAGE}`);
        console.log(`the fleet command from the tarball: skipped (${NO_CLI_MESSAGE})`);
        return;
    }
    const fleet = await startFleetSandbox(cli, ORGANIZATIONS);
    const names = Object.keys(fleet.orgIds);
    // One process, so one simulated Azure tenant for both organizations (their objects differ).
    const env = engineEnvironment(cli, fleet.sandbox, "replaced by each stack's own passphrase", {
        ...fleet.secretsEnv,
        [STATE_DIR_ENV]: fleet.sandbox.azureStateDir,
    });
    const inventory = path.relative(consumerDir, fleet.inventoryFile);
    const fleetCommand = (operation: string) =>
        run("npx", ["--no", "jumpcloud-entra-fleet", operation, "--inventory", inventory], consumerDir, env);
    const succeeded = (result: CommandRun, operation: string, changes?: string) => {
        const problems = names
            .filter(
                (name) =>
                    !result.lines.some(
                        (line) =>
                            line.includes(`${name}: ${operation} succeeded`) &&
                            (changes === undefined || line.endsWith(`(changes: ${changes})`)),
                    ),
            )
            .map(
                (name) =>
                    `${name} did not report "${operation} succeeded${changes ? `, changes: ${changes}` : ""}"`,
            );
        if (result.code !== 0) problems.unshift(`exit status ${result.code}`);
        if (problems.length > 0)
            throw new Error(`jumpcloud-entra-fleet ${operation}: ${problems.join("; ")}`);
    };
    const identityProviders = () =>
        names.map((name) => fleet.emulator.identityProviders(fleet.orgIds[name]).length);
    try {
        console.log(
            `the fleet command from the tarball: inventory ${fleet.inventoryFile}, run from ${consumerDir}, CLI ${cli.command}`,
        );
        succeeded(await fleetCommand("up"), "up");
        if (identityProviders().some((n) => n !== 1)) {
            throw new Error(
                `after up, identity providers per organization: ${identityProviders().join(", ")}`,
            );
        }
        const workDir = path.join(path.dirname(fleet.inventoryFile), ".fleet");
        if (!fs.lstatSync(path.join(workDir, "node_modules", "jumpcloud-entra-idp")).isSymbolicLink()) {
            throw new Error(`${workDir} was not prepared with a link to the installed package`);
        }

        fleet.emulator.resetRequests();
        succeeded(await fleetCommand("up"), "up", "none");
        const writes = fleet.emulator.requests.filter((r) => r.method !== "GET");
        if (writes.length > 0) {
            throw new Error(
                `a second up sent ${writes.map((r) => `${r.method} ${r.path}`).join(", ")} to JumpCloud`,
            );
        }

        succeeded(await fleetCommand("destroy"), "destroy");
        const left = Object.keys(
            new StateStore("azuread", { [STATE_DIR_ENV]: fleet.sandbox.azureStateDir }).all(),
        );
        if (identityProviders().some((n) => n !== 0) || left.length > 0) {
            throw new Error(
                `destroy left identity providers ${identityProviders().join(", ")} and ${left.length} Entra objects`,
            );
        }
        console.log(
            `the fleet command from the tarball, inventory outside the repository: up made one identity provider in each of ` +
                `${names.length} organizations, a second up changed nothing, destroy left nothing: yes`,
        );
    } finally {
        await fleet.dispose();
    }
}
