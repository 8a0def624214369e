/** The fleet's operations and what one organization's run of one of them ends with. */

export const OPERATIONS = ["preview", "up", "refresh", "destroy", "verify"] as const;
export type Operation = (typeof OPERATIONS)[number];

export function isOperation(value: string): value is Operation {
    return (OPERATIONS as readonly string[]).includes(value);
}

/** Resource changes by kind, as Pulumi counts them: create, update, delete, replace, same... */
export type ChangeCounts = Readonly<Record<string, number>>;

export interface OrganizationResult {
    readonly organization: string;
    readonly operation: Operation;
    /** skipped: never started (the run was interrupted first). */
    readonly result: "succeeded" | "failed" | "skipped";
    readonly changes?: ChangeCounts;
    readonly durationMs: number;
    /** The error's first line, secrets removed. */
    readonly error?: string;
}

/** Runs one operation on one organization's stack; resolves with its changes, rejects on failure. */
export type OrganizationOperation<Org> = (org: Org, operation: Operation) => Promise<ChangeCounts>;

/** "+2 ~1 -0 +-1", only the kinds that occurred; "none" when nothing changes. */
export function formatChanges(changes: ChangeCounts | undefined): string {
    if (!changes) return "";
    const symbols: [string, string][] = [
        ["create", "+"],
        ["update", "~"],
        ["delete", "-"],
        ["replace", "+-"],
    ];
    const parts = symbols
        .filter(([kind]) => (changes[kind] ?? 0) > 0)
        .map(([kind, s]) => `${s}${changes[kind]}`);
    const other = Object.entries(changes).filter(
        ([kind, n]) => n > 0 && kind !== "same" && !symbols.some(([k]) => k === kind),
    );
    parts.push(...other.map(([kind, n]) => `${kind} ${n}`));
    return parts.length > 0 ? parts.join(" ") : "none";
}

/** Whether the counts say something would change (anything but "same"). */
export function hasChanges(changes: ChangeCounts): boolean {
    return Object.entries(changes).some(([kind, n]) => kind !== "same" && n > 0);
}
