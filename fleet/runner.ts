/**
 * Runs one operation over many organizations with at most `parallel` at a time. Each
 * organization's failure is caught and recorded: it never stops, cancels or rolls back another.
 * The operation itself is injected, so the scheduling and reporting are tested without Pulumi.
 */
import type { Operation, OrganizationOperation, OrganizationResult } from "./operations";

export interface FleetProgress {
    readonly kind: "started" | "finished";
    readonly organization: string;
    readonly operation: Operation;
    /** 1-based position in the run. */
    readonly position: number;
    readonly total: number;
    /** Set when `kind` is "finished". */
    readonly result?: OrganizationResult;
}

export interface RunFleetOptions<Org extends { readonly name: string }> {
    readonly organizations: readonly Org[];
    readonly operation: Operation;
    readonly operate: OrganizationOperation<Org>;
    /** How many organizations run at once. Defaults to DEFAULT_PARALLEL. */
    readonly parallel?: number;
    /** Run only these organizations (by name). Defaults to all. */
    readonly only?: readonly string[];
    readonly onProgress?: (progress: FleetProgress) => void;
    /** When aborted, no further organization starts; those running finish. */
    readonly signal?: AbortSignal;
}

export const DEFAULT_PARALLEL = 4;
export const MAX_PARALLEL = 64;

/** The results in inventory order, one per selected organization. */
export async function runFleet<Org extends { readonly name: string }>(
    options: RunFleetOptions<Org>,
): Promise<OrganizationResult[]> {
    const parallel = options.parallel ?? DEFAULT_PARALLEL;
    if (!Number.isInteger(parallel) || parallel < 1 || parallel > MAX_PARALLEL) {
        throw new Error(`parallel must be a whole number from 1 to ${MAX_PARALLEL}, got ${parallel}`);
    }
    const selected = select(options.organizations, options.only);
    const results: OrganizationResult[] = new Array(selected.length);
    let next = 0;
    let position = 0;

    const worker = async () => {
        for (;;) {
            const index = next++;
            if (index >= selected.length) return;
            const org = selected[index];
            if (options.signal?.aborted) {
                results[index] = {
                    organization: org.name,
                    operation: options.operation,
                    result: "skipped",
                    durationMs: 0,
                };
                continue;
            }
            const common = { organization: org.name, operation: options.operation, total: selected.length };
            const at = ++position;
            options.onProgress?.({ kind: "started", position: at, ...common });
            const started = Date.now();
            let result: OrganizationResult;
            try {
                const changes = await options.operate(org, options.operation);
                result = {
                    organization: org.name,
                    operation: options.operation,
                    result: "succeeded",
                    changes,
                    durationMs: Date.now() - started,
                };
            } catch (error) {
                result = {
                    organization: org.name,
                    operation: options.operation,
                    result: "failed",
                    durationMs: Date.now() - started,
                    error: firstLine(error),
                };
            }
            results[index] = result;
            options.onProgress?.({ kind: "finished", position: at, result, ...common });
        }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, selected.length) }, worker));
    return results;
}

function select<Org extends { readonly name: string }>(
    organizations: readonly Org[],
    only?: readonly string[],
): Org[] {
    if (!only || only.length === 0) return [...organizations];
    const byName = new Map(organizations.map((org) => [org.name.toLowerCase(), org]));
    const unknown = only.filter((name) => !byName.has(name.toLowerCase()));
    if (unknown.length > 0) {
        throw new Error(
            `--only names no organization in the inventory: ${unknown.join(", ")}; known: ${organizations.map((o) => o.name).join(", ")}`,
        );
    }
    const wanted = new Set(only.map((name) => name.toLowerCase()));
    return organizations.filter((org) => wanted.has(org.name.toLowerCase()));
}

/** An error's first non-empty line, at most 200 characters. */
export function firstLine(error: unknown): string {
    const text = error instanceof Error ? error.message : String(error);
    const line =
        text
            .split("\n")
            .map((l) => l.trim())
            .find((l) => l.length > 0) ?? "failed without a message";
    return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
