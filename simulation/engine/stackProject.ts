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
    /** The folder holding Pulumi.yaml. */
    readonly projectDir: string;
    /**
     * "in-place": the project folder itself, as a user runs `pulumi up` in this repo (only the
     * stack file is written there, and removed by `dispose`). "linked-install": a new folder
     * with the project's Pulumi.yaml and program, and a node_modules holding the repo's packages
     * and this package, as `npm install <path to this repo>` leaves it.
     */
    readonly layout: "in-place" | "linked-install";
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

    /** Removes the sandbox and this run's stack file (in place, the only file it wrote there). */
    dispose(): void {
        fs.rmSync(this.stackFile, { force: true });
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

/**
 * A project folder in the sandbox: the project's Pulumi.yaml and the program file it names (the CLI
 * checks that `main` exists, although the engine runs the compiled program through the driver),
 * and a linked install of this package, which is where Pulumi's dynamic-provider plugin and the
 * providers' shim resolve packages from.
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
