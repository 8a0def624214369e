/**
 * Reads a secret from where the inventory says it lives, when its stack runs. A missing secret
 * fails that one organization with a message naming the source, never the value.
 */
import * as fs from "node:fs";
import type { SecretSource } from "./inventory";

export function describeSource(source: SecretSource): string {
    return "env" in source ? `environment variable ${source.env}` : `file ${source.file}`;
}

export function readSecret(source: SecretSource, what: string, env: NodeJS.ProcessEnv = process.env): string {
    let value: string | undefined;
    if ("env" in source) {
        value = env[source.env];
    } else {
        try {
            value = fs.readFileSync(source.file, "utf8");
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
            throw new Error(`${what}: cannot read ${describeSource(source)} (${code})`);
        }
    }
    // A key file usually ends with a newline that is not part of the key.
    const trimmed = value?.trim();
    if (!trimmed) throw new Error(`${what}: ${describeSource(source)} is empty or not set`);
    return trimmed;
}
