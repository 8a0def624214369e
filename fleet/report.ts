/** What the fleet prints: one line per organization as it starts and ends, and the final table. */
import { formatChanges, type OrganizationResult } from "./operations";
import type { FleetProgress } from "./runner";

export function progressLine(progress: FleetProgress): string {
    const width = String(progress.total).length;
    const counter = `[${String(progress.position).padStart(width)}/${progress.total}]`;
    const head = `${counter} ${progress.organization}: ${progress.operation}`;
    if (progress.kind === "started") return `${head} started`;
    const result = progress.result as OrganizationResult;
    const took = seconds(result.durationMs);
    if (result.result === "succeeded")
        return `${head} succeeded in ${took} (changes: ${formatChanges(result.changes)})`;
    return `${head} failed in ${took}: ${result.error ?? ""}`;
}

const COLUMNS = ["organization", "operation", "result", "changes", "duration", "error"] as const;
/** The table keeps to a terminal's width; the progress line above it has the whole first line. */
const TABLE_ERROR_WIDTH = 100;

function clip(text: string, width: number): string {
    return text.length > width ? `${text.slice(0, width - 3)}...` : text;
}

export function resultTable(results: readonly OrganizationResult[]): string {
    const rows = results.map((r) => [
        r.organization,
        r.operation,
        r.result,
        formatChanges(r.changes),
        r.result === "skipped" ? "" : seconds(r.durationMs),
        clip(r.error ?? "", TABLE_ERROR_WIDTH),
    ]);
    const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i].length)));
    const line = (cells: readonly string[]) =>
        cells
            .map((cell, i) => cell.padEnd(widths[i]))
            .join("  ")
            .trimEnd();
    return [line(COLUMNS), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function summaryLine(results: readonly OrganizationResult[], wallMs: number): string {
    const count = (kind: OrganizationResult["result"]) => results.filter((r) => r.result === kind).length;
    const parts = [`${count("succeeded")} succeeded`, `${count("failed")} failed`];
    if (count("skipped") > 0) parts.push(`${count("skipped")} skipped`);
    return `${results.length} organization${results.length === 1 ? "" : "s"}: ${parts.join(", ")} in ${seconds(wallMs)}`;
}

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)} s`;
}
