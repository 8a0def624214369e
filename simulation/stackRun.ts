/**
 * Runs the real stack program (index.ts) under the simulated Azure, with a stack configuration
 * read from a Pulumi.<stack>.yaml file, exactly as `pulumi up` would hand it config.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { installSimulatedAzure, type Registration } from "./azureSimulator";

/** `config:` of a Pulumi.<stack>.yaml as the flat `key -> string` map the runtime takes. */
export function readStackConfig(file: string): Record<string, string> {
    const doc = yaml.load(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(doc?.config ?? {})) {
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return config;
}

/**
 * Loads the compiled stack program once per call (a fresh module instance), after setting the
 * given config, and waits until its exports have resolved. Returns every registration.
 */
export async function runStackProgram(
    programFile: string,
    config: Record<string, string>,
    registrations?: Registration[],
): Promise<{ registrations: Registration[]; exports: Record<string, unknown> }> {
    const recorded = registrations ?? (await installSimulatedAzure("jumpcloud-entra-idp", "demo"));
    recorded.length = 0;
    for (const [key, value] of Object.entries(config)) pulumi.runtime.setConfig(key, value);
    const resolved = require.resolve(path.resolve(programFile));
    delete require.cache[resolved];
    const program = require(resolved) as Record<string, unknown>;
    const exports: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(program)) {
        exports[name] = pulumi.Output.isInstance(value)
            ? await new Promise((resolve) => (value as pulumi.Output<unknown>).apply(resolve))
            : value;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { registrations: recorded, exports };
}
