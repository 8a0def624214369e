/**
 * A Pulumi project folder driven by the real CLI as a user types it, made the way the README
 * tells a user to: the project's Pulumi.yaml, a stack file copied from Pulumi.example.yaml,
 * `pulumi stack init`, `pulumi config set --secret jumpcloud:apiKey …`, then `pulumi up`,
 * `preview`, `refresh` and `destroy` in the folder. The Node.js language host beside the CLI runs
 * the folder's program (`main` of Pulumi.yaml, compiled by ts-node through @pulumi/pulumi's own
 * `cmd/run`); the engine's events come from `--event-log`, which the CLI offers with
 * PULUMI_DEBUG_COMMANDS=true.
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { REPO_ROOT, engineEnvironment, makeSandbox, type EngineSandbox, type PulumiCli } from "./pulumiCli";

export type Operation = "preview" | "up" | "refresh" | "destroy";

/** What one typed operation left: the CLI's output, its exit code and the engine's events. */
export interface RunResult {
    readonly ok: boolean;
    readonly code: number;
    /** The CLI's stderr, then its stdout, when the operation failed. */
    readonly error?: string;
    readonly stdout: string;
    readonly stderr: string;
    /** Resource operation counts (`create`, `update`, `same`, ...) from the engine's summary. */
    readonly changes?: Record<string, number>;
    /** Every engine event, in order. */
    readonly events: EngineEvent[];
}

export interface CommandResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface StackProjectOptions {
    readonly cli: PulumiCli;
    readonly stackName: string;
    /** The folder holding Pulumi.yaml. */
    readonly projectDir: string;
    /**
     * "in-place": the project folder itself, as a user runs `pulumi up` in this repo (only the
     * stack file is written there, and removed by `dispose`). "linked-install": a new folder
     * with the project's Pulumi.yaml and program, and a node_modules holding the repo's packages
     * and this package, as `npm install <path to this repo>` leaves it.
     */
    readonly layout: "in-place" | "linked-install";
    /** `config:` of Pulumi.<stack>.yaml, as a user would write it. */
    readonly config: Record<string, unknown>;
    /** Passphrase that encrypts the stack's secrets in the file backend. */
    readonly passphrase: string;
    /** Extra environment for every call (e.g. a fault switch for the emulator); never a secret. */
    readonly env?: Record<string, string>;
    /** Streams each CLI's output here as it comes (progress); silent when absent. */
    readonly echo?: (text: string) => void;
    /**
     * The README's steps verbatim: this file (Pulumi.example.yaml) copied to Pulumi.<stack>.yaml,
     * `pulumi stack init`, then `pulumi config set` for each value of `config` that differs from
     * the copy. Without it the stack file is written with `config` directly.
     */
    readonly copyStackFileFrom?: string;
}

export class StackProject {
    readonly sandbox: EngineSandbox;
    readonly workDir: string;
    private readonly env: Record<string, string>;
    /** Every typed operation's result, in the order they ran. */
    readonly results: RunResult[] = [];
    private started = 0;

    private constructor(private readonly options: StackProjectOptions) {
        this.sandbox = makeSandbox();
        this.workDir =
            options.layout === "in-place"
                ? options.projectDir
                : linkedInstall(options.projectDir, this.sandbox);
        if (fs.existsSync(this.stackFile)) {
            throw new Error(`${this.stackFile} exists already: it is not this run's to overwrite`);
        }
        this.env = engineEnvironment(options.cli, this.sandbox, options.passphrase, options.env);
    }

    /** Makes the folder and the stack: writes Pulumi.<stack>.yaml, then `pulumi stack init`. */
    static async create(options: StackProjectOptions): Promise<StackProject> {
        const project = new StackProject(options);
        if (!options.copyStackFileFrom) {
            project.writeStackConfig(options.config);
            await project.spawn(options.cli.command, ["stack", "init", options.stackName], { check: true });
            return project;
        }
        // Compared with the example as written: `pulumi stack init` rewrites the copy (every value as text).
        const example = (
            yaml.load(fs.readFileSync(options.copyStackFileFrom, "utf8")) as {
                config?: Record<string, unknown>;
            }
        ).config;
        fs.copyFileSync(options.copyStackFileFrom, project.stackFile);
        await project.spawn(options.cli.command, ["stack", "init", options.stackName], { check: true });
        for (const [key, value] of Object.entries(options.config)) {
            if (JSON.stringify(example?.[key]) === JSON.stringify(value)) continue;
            for (const [setting, text] of configPaths(key, value)) {
                const args = setting === key ? [key, text] : ["--path", setting, text];
                await project.cli(["config", "set", ...args], { check: true });
            }
        }
        return project;
    }

    get stackFile(): string {
        return path.join(this.workDir, `Pulumi.${this.options.stackName}.yaml`);
    }

    /** Rewrites the stack file's plain settings (what a user edits by hand), keeping secrets set since. */
    writeStackConfig(config: Record<string, unknown>): void {
        const existing = fs.existsSync(this.stackFile)
            ? ((yaml.load(fs.readFileSync(this.stackFile, "utf8")) as Record<string, unknown>) ?? {})
            : {};
        const secure = Object.fromEntries(
            Object.entries((existing.config as Record<string, unknown>) ?? {}).filter(
                ([, value]) => typeof value === "object" && value !== null && "secure" in value,
            ),
        );
        fs.writeFileSync(this.stackFile, yaml.dump({ ...existing, config: { ...config, ...secure } }));
    }

    /** `pulumi config set --secret <key>`, the value on standard input (never on a command line). */
    async setSecret(key: string, value: string): Promise<void> {
        await this.cli(["config", "set", "--secret", key], { check: true, input: value });
    }

    /** A plain CLI call in the project folder, with the sandbox's environment. */
    cli(
        args: string[],
        opts: { check?: boolean; input?: string; env?: Record<string, string> } = {},
    ): Promise<CommandResult> {
        return this.spawn(this.options.cli.command, [...args, "--stack", this.options.stackName], opts);
    }

    /** The environment every call gets (the sandbox's backend, home, plugins, passphrase). */
    get environment(): Readonly<Record<string, string>> {
        return this.env;
    }

    /** `pulumi stack export` as JSON. */
    async exportState(): Promise<Record<string, unknown>> {
        const result = await this.cli(["stack", "export"], { check: true });
        return JSON.parse(result.stdout) as Record<string, unknown>;
    }

    /** `pulumi stack output --json` (secrets shown as "[secret]" unless `showSecrets`). */
    async outputs(showSecrets = false): Promise<Record<string, unknown>> {
        const args = ["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])];
        return JSON.parse((await this.cli(args, { check: true })).stdout) as Record<string, unknown>;
    }

    /**
     * One program-running operation, typed as a user types it in the folder (`--yes` answers the
     * confirmation a terminal would ask for; `--skip-preview` leaves out the preview that `up`,
     * `refresh` and `destroy` show first, which runs the program once more).
     */
    async run(operation: Operation, opts: { expectNoChanges?: boolean } = {}): Promise<RunResult> {
        return this.start(operation, opts).result;
    }

    /**
     * Starts one typed operation in a process group of its own, so that a test can end it the
     * way a closed terminal or a cancelled CI job does: `kill("SIGKILL")` ends the CLI and
     * everything it started (language host, program, plugins) at once.
     */
    start(
        operation: Operation,
        opts: { expectNoChanges?: boolean } = {},
    ): { result: Promise<RunResult>; kill: (signal: NodeJS.Signals) => void } {
        const eventLog = path.join(this.sandbox.root, `events-${++this.started}-${operation}.jsonl`);
        const args = [
            operation,
            "--non-interactive",
            "--color",
            "never",
            "--event-log",
            eventLog,
            ...(operation === "preview" ? [] : ["--yes", "--skip-preview"]),
            ...(opts.expectNoChanges ? ["--expect-no-changes"] : []),
            "--stack",
            this.options.stackName,
        ];
        let pid: number | undefined;
        const done = this.spawn(
            this.options.cli.command,
            args,
            { env: { PULUMI_DEBUG_COMMANDS: "true" }, detached: true },
            (child) => (pid = child.pid),
        );
        const result = done.then((output) => {
            const events = readEventLog(eventLog);
            const summary = events.find((e) => e.summaryEvent)?.summaryEvent;
            const ok = output.code === 0;
            const finished: RunResult = {
                ok,
                code: output.code,
                stdout: output.stdout,
                stderr: output.stderr,
                ...(ok ? {} : { error: `${output.stderr}\n${output.stdout}` }),
                changes: summary?.resourceChanges as Record<string, number> | undefined,
                events,
            };
            this.results.push(finished);
            return finished;
        });
        const kill = (signal: NodeJS.Signals) => {
            if (pid !== undefined) process.kill(-pid, signal);
        };
        return { result, kill };
    }

    /** Every file the backend wrote (state, history, backups), as text. */
    backendFiles(): { file: string; text: string }[] {
        const files: { file: string; text: string }[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else files.push({ file: full, text: fs.readFileSync(full, "latin1") });
            }
        };
        walk(this.sandbox.backendDir);
        return files;
    }

    /** Removes the sandbox and this run's stack file (in place, the only file it wrote there). */
    dispose(): void {
        fs.rmSync(this.stackFile, { force: true });
        fs.rmSync(this.sandbox.root, { recursive: true, force: true });
    }

    private spawn(
        command: string,
        args: string[],
        opts: { check?: boolean; input?: string; env?: Record<string, string>; detached?: boolean },
        onStart?: (child: ChildProcess) => void,
    ): Promise<CommandResult> {
        return new Promise((resolve, reject) => {
            const child = spawn(command, args, {
                cwd: this.workDir,
                env: { ...this.env, ...opts.env },
                stdio: ["pipe", "pipe", "pipe"],
                detached: opts.detached ?? false,
            });
            onStart?.(child);
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
                this.options.echo?.(chunk.toString());
            });
            child.stderr.on("data", (chunk: Buffer) => {
                stderr += chunk.toString();
                this.options.echo?.(chunk.toString());
            });
            child.on("error", reject);
            child.on("close", (code) => {
                const result = { code: code ?? -1, stdout, stderr };
                if (opts.check && result.code !== 0) {
                    reject(new Error(`pulumi ${args.join(" ")} exited ${result.code}:\n${stderr || stdout}`));
                } else {
                    resolve(result);
                }
            });
            child.stdin.end(opts.input ?? "");
        });
    }
}

/**
 * A project folder in the sandbox: the project's Pulumi.yaml and the program file it names (which
 * imports this package by its name), and a linked install of this package, which is where the
 * language host, Pulumi's dynamic-provider plugin and the providers' shim resolve packages from.
 */
function linkedInstall(projectDir: string, sandbox: EngineSandbox): string {
    const workDir = path.join(sandbox.root, "project");
    fs.mkdirSync(workDir, { recursive: true });
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    const main = (yaml.load(fs.readFileSync(projectFile, "utf8")) as { main?: string }).main ?? "index.ts";
    fs.copyFileSync(projectFile, path.join(workDir, "Pulumi.yaml"));
    fs.copyFileSync(path.join(projectDir, main), path.join(workDir, path.basename(main)));
    linkRepoPackages(workDir);
    return workDir;
}

/**
 * node_modules in `dir` as a project with this package installed has it: the repo's packages and
 * `jumpcloud-entra-idp` itself, which each stack's dynamic-provider host loads its providers from.
 */
export function linkRepoPackages(dir: string): void {
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(modules, { recursive: true });
    const repoModules = path.join(REPO_ROOT, "node_modules");
    for (const entry of fs.readdirSync(repoModules).filter((name) => !name.startsWith("."))) {
        fs.symlinkSync(path.join(repoModules, entry), path.join(modules, entry), "dir");
    }
    fs.symlinkSync(REPO_ROOT, path.join(modules, "jumpcloud-entra-idp"), "dir");
}

/** The engine's events from an `--event-log` file: one JSON event a line (none if it was never written). */
function readEventLog(file: string): EngineEvent[] {
    if (!fs.existsSync(file)) return [];
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as EngineEvent);
}

/**
 * What a user types for one stack setting: a text value as it is, an object or list one
 * `pulumi config set --path` per text leaf (`key.field`, `key.list[0]`).
 */
function configPaths(key: string, value: unknown): [string, string][] {
    // Stack config is text: `pulumi config set region eu`, `... grantAdminConsent false`.
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return [[key, String(value)]];
    }
    if (Array.isArray(value)) return value.flatMap((item, i) => configPaths(`${key}[${i}]`, item));
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([field, item]) => configPaths(`${key}.${field}`, item));
    }
    throw new Error(`${key}: nothing to type with \`pulumi config set\` for ${JSON.stringify(value)}`);
}
