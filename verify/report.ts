/** verify's answer as lines (✓ / ✗ / –, and for ✗ the fix) or as data. */
import type { VerifyReport } from "./verify";

const MARK = { pass: "✓", fail: "✗", skip: "–" } as const;

export function reportLines(report: VerifyReport): string[] {
    const lines = report.checks.flatMap((c) => [
        `${MARK[c.status]} ${c.summary}`,
        ...(c.status === "fail" && c.fix ? [`    fix: ${c.fix}`] : []),
    ]);
    const failed = report.checks.filter((c) => c.status === "fail").length;
    lines.push(
        report.ok
            ? "All checks passed: JumpCloud can sign people in through Entra."
            : `${failed} check(s) failed.`,
    );
    return lines;
}

export function reportJson(report: VerifyReport): string {
    return JSON.stringify(report, null, 2);
}
