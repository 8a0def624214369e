/**
 * Pulumi's warnings, collected instead of printed. Under the mock runtime `pulumi.log.warn`
 * writes `warning: [runtime] ...` straight to the console; the demo shows the warnings it expects
 * in its own words, and the tests assert on them.
 */
import * as pulumi from "@pulumi/pulumi";

type Warn = typeof pulumi.log.warn;

/** Runs `work` with Pulumi's warnings collected instead of printed. */
export async function capturingWarnings<T>(
    work: () => Promise<T>,
): Promise<{ result: T; warnings: string[] }> {
    const warnings: string[] = [];
    const log = pulumi.log as { warn: Warn };
    const original = log.warn;
    log.warn = async (message: string) => {
        warnings.push(message);
    };
    try {
        return { result: await work(), warnings };
    } finally {
        log.warn = original;
    }
}
