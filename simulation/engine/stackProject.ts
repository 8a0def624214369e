/**
 * A Pulumi project folder driven by the real CLI, made the way the README tells a user to: the
 * project's Pulumi.yaml, a stack file copied from Pulumi.example.yaml, `pulumi stack init`, and
 * `pulumi config set --secret jumpcloud:apiKey …`. Operations that run the program go through
 * the engine driver (one process per operation); the rest are plain CLI calls.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { DriverRequest, DriverResult, Operation } from "./engineDriver";
import { REPO_ROOT, engineEnvironment, makeSandbox, type EngineSandbox, type PulumiCli } from "./pulumiCli";

const DRIVER = path.join(REPO_ROOT, "dist", "simulation", "engine", "engineDriver.js");

export interface CommandResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

export interface StackProjectOptions {
    readonly cli: PulumiCli;
    readonly stackName: string;
    /** The folder holding Pulumi.yaml (copied into the sandbox). */
    readonly projectDir: string;
    /** The compiled stack program the engine runs. */
    readonly programFile: string;
    /** `config:` of Pulumi.<stack>.yaml, as a user would write it. */
    readonly config: Record<string, unknown>;
    /** Passphrase that encrypts the stack's secrets in the file backend. */
    readonly passphrase: string;
    /** Extra environment for every call (e.g. a fault switch for the emulator); never a secret. */
    readonly env?: Record<string, string>;
    /** Streams each CLI's output here as it comes (progress); silent when absent. */
    readonly echo?: (text: string) => void;
}

export class StackProject {
    readonly sandbox: EngineSandbox;
    readonly workDir: string;
    private readonly env: Record<string, string>;

    private constructor(private readonly options: StackProjectOptions) {
        this.sandbox = makeSandbox();
        this.workDir = path.join(this.sandbox.root, "project");
        fs.mkdirSync(this.workDir);
        // The project file, and the program file it names: the CLI checks that `main` exists,
        // although the engine runs the compiled program through the driver.
        const projectFile = path.join(options.projectDir, "Pulumi.yaml");
        const main =
            (yaml.load(fs.readFileSync(projectFile, "utf8")) as { main?: string }).main ?? "index.ts";
        fs.copyFileSync(projectFile, path.join(this.workDir, "Pulumi.yaml"));
        fs.copyFileSync(path.join(options.projectDir, main), path.join(this.workDir, path.basename(main)));
        // A project folder has its packages installed: Pulumi's dynamic-provider plugin and the
        // serialized providers resolve theirs from the project folder.
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(this.workDir, "node_modules"), "dir");
        this.env = engineEnvironment(options.cli, this.sandbox, options.passphrase, options.env);
    }

    /** Makes the folder and the stack: writes Pulumi.<stack>.yaml, then `pulumi stack init`. */
    static async create(options: StackProjectOptions): Promise<StackProject> {
        const project = new StackProject(options);
        project.writeStackConfig(options.config);
        await project.spawn(options.cli.command, ["stack", "init", options.stackName], { check: true }, true);
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
    cli(args: string[], opts: { check?: boolean; input?: string } = {}): Promise<CommandResult> {
        return this.spawn(this.options.cli.command, [...args, "--stack", this.options.stackName], opts, true);
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

    /** One program-running operation under the real engine. */
    async run(operation: Operation, opts: { expectNoChanges?: boolean } = {}): Promise<DriverResult> {
        const resultFile = path.join(this.sandbox.root, `result-${Date.now()}-${operation}.json`);
        const requestFile = `${resultFile}.request`;
        const request: DriverRequest = {
            operation,
            workDir: this.workDir,
            stackName: this.options.stackName,
            programFile: this.options.programFile,
            pulumiCommand: this.options.cli.command,
            expectNoChanges: opts.expectNoChanges,
            resultFile,
        };
        fs.writeFileSync(requestFile, JSON.stringify(request));
        const driver = await this.spawn(process.execPath, [DRIVER, requestFile], {}, false);
        if (!fs.existsSync(resultFile)) {
            throw new Error(`engine driver exited ${driver.code} without a result:\n${driver.stderr}`);
        }
        return JSON.parse(fs.readFileSync(resultFile, "utf8")) as DriverResult;
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

    dispose(): void {
        fs.rmSync(this.sandbox.root, { recursive: true, force: true });
    }

    private spawn(
        command: string,
        args: string[],
        opts: { check?: boolean; input?: string },
        inWorkDir: boolean,
    ): Promise<CommandResult> {
        return new Promise((resolve, reject) => {
            const child = spawn(command, args, {
                cwd: inWorkDir ? this.workDir : REPO_ROOT,
                env: this.env,
                stdio: ["pipe", "pipe", "pipe"],
            });
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
