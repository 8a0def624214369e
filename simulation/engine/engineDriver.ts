/**
 * Runs one Pulumi operation (preview, up, refresh, destroy) of a stack program under the real
 * engine, in a process of its own, through Pulumi's Automation API:
 *
 *   node dist/simulation/engine/engineDriver.js <request.json>
 *
 * The program is the compiled stack program (dist/index.js for index.ts), loaded as an inline
 * program: the Automation API serves it from an in-process language server and runs the CLI with
 * `--client`, so no `pulumi-language-nodejs` binary is needed. Everything else is what `pulumi up`
 * does: the project's Pulumi.yaml (and its config schema), the stack's Pulumi.<stack>.yaml and
 * encrypted secrets, the engine's planning, the plugins, the backend.
 *
 * The CLI's own output streams to stdout as it comes; the result (summary, outputs, the engine's
 * events) is written as JSON to the request's `resultFile`.
 */
import * as fs from "fs";
import * as path from "path";
import { createRequire } from "module";
import type { EngineEvent, OutputMap } from "@pulumi/pulumi/automation";

export type Operation = "preview" | "up" | "refresh" | "destroy";

export interface DriverRequest {
    readonly operation: Operation;
    /** The project folder: Pulumi.yaml and Pulumi.<stack>.yaml. */
    readonly workDir: string;
    readonly stackName: string;
    /** The compiled stack program, loaded fresh in this process. */
    readonly programFile: string;
    /** The `pulumi` executable. */
    readonly pulumiCommand: string;
    readonly expectNoChanges?: boolean;
    readonly resultFile: string;
}

export interface DriverResult {
    readonly ok: boolean;
    /** The error's text when the operation failed (the CLI's stderr and exit code). */
    readonly error?: string;
    /** What the CLI printed on stdout. */
    readonly stdout: string;
    readonly stderr: string;
    /** Resource operation counts (`create`, `update`, `same`, ...). */
    readonly changes?: Record<string, number>;
    readonly outputs?: OutputMap;
    /** Every engine event, in order (the `--event-log` the Automation API reads). */
    readonly events: EngineEvent[];
}

async function run(request: DriverRequest): Promise<DriverResult> {
    // The Automation API of the program's own @pulumi/pulumi: an inline program registers its
    // resources through module-level runtime state, so it must be the same copy the program
    // loads (a program installed elsewhere has its own node_modules).
    const { LocalWorkspace, PulumiCommand } = createRequire(path.resolve(request.programFile))(
        "@pulumi/pulumi/automation",
    ) as typeof import("@pulumi/pulumi/automation");
    const program = async () => {
        // The program's exports become the stack's outputs, as with `pulumi up` in the folder.
        const exports = require(path.resolve(request.programFile)) as Record<string, unknown>;
        return { ...exports };
    };
    const pulumiCommand = await PulumiCommand.get({
        root: path.dirname(path.dirname(request.pulumiCommand)),
    });
    const stack = await LocalWorkspace.selectStack(
        { stackName: request.stackName, projectName: "", program },
        { workDir: request.workDir, pulumiCommand },
    );
    const events: EngineEvent[] = [];
    let stdout = "";
    const common = {
        onOutput: (text: string) => {
            stdout += text;
            process.stdout.write(text);
        },
        onEvent: (event: EngineEvent) => events.push(event),
        color: "never" as const,
    };
    // What every update-kind operation reports the same way.
    const finished = (result: { stderr: string; summary: { resourceChanges?: Record<string, number> } }) => ({
        ok: true,
        stdout,
        stderr: result.stderr,
        changes: result.summary.resourceChanges,
        events,
    });
    try {
        switch (request.operation) {
            case "preview": {
                const result = await stack.preview({
                    ...common,
                    expectNoChanges: request.expectNoChanges,
                });
                return { ok: true, stdout, stderr: "", changes: result.changeSummary, events };
            }
            case "up": {
                const result = await stack.up({ ...common, expectNoChanges: request.expectNoChanges });
                return { ...finished(result), outputs: result.outputs };
            }
            case "refresh":
                return finished(await stack.refresh({ ...common, expectNoChanges: request.expectNoChanges }));
            case "destroy":
                return finished(await stack.destroy(common));
        }
    } catch (error) {
        return {
            ok: false,
            error: error instanceof Error ? error.message : String(error),
            stdout,
            stderr: "",
            events,
        };
    }
}

async function main(): Promise<void> {
    const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as DriverRequest;
    const result = await run(request);
    fs.writeFileSync(request.resultFile, JSON.stringify(result));
    process.exitCode = result.ok ? 0 : 1;
}

main().catch((error: unknown) => {
    console.error(
        `engine driver: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 2;
});
