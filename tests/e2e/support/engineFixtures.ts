/**
 * Fixtures for the suites that run stack programs under the real Pulumi CLI and engine, against
 * the JumpCloud emulator and the simulated Azure plugins.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import {
    NO_CLI_MESSAGE,
    REPO_ROOT,
    LANGUAGE_HOST,
    REQUIRE_CLI_ENV,
    findPulumiCli,
    languageHostsFor,
    type PulumiCli,
} from "../../../simulation/engine/pulumiCli";
import { StackProject, type RunResult } from "../../../simulation/engine/stackProject";
import { JumpCloudEmulator } from "../../../emulator/jumpcloudEmulator";
import { STATE_DIR_ENV, StateStore, type StoredObject } from "../../../simulation/azurePlugin/stateStore";

export const E2E_API_KEY = "e2e-api-key-4c1d7e9a2b8f6035";
export const E2E_PASSPHRASE = "e2e passphrase, not a secret of anyone's";

/**
 * The CLI for an e2e suite, with a Node.js language host it will find (beside it or on PATH), or
 * the suite is skipped with one line saying how to enable it; with JCE_REQUIRE_PULUMI_CLI=1 (CI)
 * a missing CLI or host fails instead.
 */
export function useEngine(): { cli: () => PulumiCli } {
    let found: PulumiCli | undefined;
    before(function () {
        const cli = findPulumiCli();
        const missing = !cli
            ? NO_CLI_MESSAGE
            : languageHostsFor(cli, process.env).length === 0
              ? `no ${LANGUAGE_HOST} beside ${cli.command} or on PATH: run \`bash scripts/install-pulumi-cli.sh\``
              : undefined;
        if (!missing) {
            found = cli;
            return;
        }
        if (process.env[REQUIRE_CLI_ENV]) throw new Error(`${REQUIRE_CLI_ENV} is set, but ${missing}`);
        console.log(`    e2e skipped: ${missing}, then run npm test again`);
        this.skip();
    });
    return {
        cli: () => {
            if (!found) throw new Error(NO_CLI_MESSAGE);
            return found;
        },
    };
}

/** `config:` of Pulumi.example.yaml: the stack file the README tells a user to copy. */
export function exampleStackConfig(): Record<string, unknown> {
    const doc = yaml.load(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.example.yaml"), "utf8")) as {
        config: Record<string, unknown>;
    };
    return { ...doc.config };
}

/** Fails with the CLI's own words when an operation that should succeed did not. */
export function expectSucceeded(result: RunResult, what: string): RunResult {
    if (!result.ok) throw new Error(`${what} failed:\n${result.error}\n--- stdout ---\n${result.stdout}`);
    return result;
}

/** One step the engine finished: its operation, the resource, and the resource's parent. */
export interface CompletedStep {
    readonly op: string;
    readonly urn: string;
    readonly type: string;
    readonly parent?: string;
}

/** The engine's resource events: each step's operation and resource, in the order they ended. */
export function completedSteps(events: readonly EngineEvent[]): CompletedStep[] {
    return events
        .filter((e) => e.resOutputsEvent)
        .map((e) => {
            const metadata = e.resOutputsEvent!.metadata;
            const parent = metadata.new?.parent ?? metadata.old?.parent;
            return { op: metadata.op, urn: metadata.urn, type: metadata.type, parent };
        });
}

/** The objects the simulated Azure plugin of `packageName` holds now. */
export function simulatedAzureObjects(
    stateDir: string,
    packageName = "azuread",
): Record<string, StoredObject> {
    return new StateStore(packageName, { [STATE_DIR_ENV]: stateDir }).all();
}

/** Echoes the CLI's output while it runs when E2E_VERBOSE is set (progress for a slow suite). */
export const echo = process.env.E2E_VERBOSE ? (text: string) => process.stdout.write(text) : undefined;

/** A stack folder of an e2e suite: its JumpCloud emulator, its stack, and the config written. */
export interface StackFolder {
    readonly project: StackProject;
    readonly emulator: JumpCloudEmulator;
    /** The stack file's `config:` as it is now; steps write changed copies of it. */
    config: Record<string, unknown>;
    /** The API key, set with `pulumi config set --secret jumpcloud:apiKey` (never in the environment). */
    readonly apiKey: string;
}

export interface StackFolderOptions {
    readonly stackName: string;
    /** The folder holding Pulumi.yaml (the repo, or an installed program made in an earlier hook). */
    readonly projectDir: string | (() => string);
    /** The emulator's organizations; `multiTenant` when more than one. Defaults to one generated. */
    readonly organizations?: string[];
    /** The stack file's `config:`, given the started emulator (seed it here if the stack needs to). */
    readonly config: (emulator: JumpCloudEmulator) => Record<string, unknown>;
    /** Extra environment (never a secret), given the started emulator. */
    readonly env?: (emulator: JumpCloudEmulator) => Record<string, string>;
    /** Make the stack file with the README's `cp` and `pulumi config set` (see StackProject). */
    readonly copyStackFileFrom?: string;
    /** `pulumi destroy` before the stack is removed, for suites whose steps leave resources. */
    readonly destroyAtEnd?: boolean;
}

/**
 * The one engine-folder fixture: registers the suite's `before` (a CLI and language host, as
 * `useEngine` finds them, or the suite is skipped; the JumpCloud emulator; then the
 * stack made as the README says: the stack file, `pulumi stack init`, the key with
 * `pulumi config set --secret`) and `after` (stack file and sandbox removed, emulator stopped).
 * Returns the folder, readable once `before` ran.
 */
export function useStackFolder(options: StackFolderOptions): () => StackFolder {
    const { cli } = useEngine();
    let folder: StackFolder | undefined;
    before(async () => {
        const organizations = options.organizations;
        const emulator = await JumpCloudEmulator.start({
            apiKey: E2E_API_KEY,
            ...(organizations ? { organizations, multiTenant: organizations.length > 1 } : {}),
        });
        try {
            const config = options.config(emulator);
            const project = await StackProject.create({
                cli: cli(),
                stackName: options.stackName,
                projectDir:
                    typeof options.projectDir === "string" ? options.projectDir : options.projectDir(),
                layout: "in-place",
                config,
                passphrase: E2E_PASSPHRASE,
                env: options.env?.(emulator),
                copyStackFileFrom: options.copyStackFileFrom,
                echo,
            });
            folder = { project, emulator, config, apiKey: E2E_API_KEY };
            await project.setSecret("jumpcloud:apiKey", E2E_API_KEY);
        } catch (error) {
            await emulator.stop();
            throw error;
        }
    });
    after(async () => {
        if (folder && options.destroyAtEnd) await folder.project.run("destroy").catch(() => undefined);
        folder?.project.dispose();
        await folder?.emulator.stop();
    });
    return () => {
        if (!folder) throw new Error("the stack folder is made in the suite's before hook");
        return folder;
    };
}

/** A command run as a user types it in `cwd` (the package's bins, verify): its exit code and output. */
export function runCommand(
    command: string,
    args: readonly string[],
    options: { cwd: string; env: Readonly<Record<string, string>> },
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const child = spawn(command, [...args], { cwd: options.cwd, env: { ...options.env } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
        child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
    });
}
