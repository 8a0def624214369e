/**
 * What the demo must see at each step. A step that "succeeds" with a degraded result (a user
 * check that could not run, a call that went elsewhere, a secret not kept) fails the demo with
 * the step and what was wrong, instead of printing a success that is not one.
 */
import type { JumpCloudUserStatus } from "../components/jumpCloudUserCheck";

export class DegradedStepError extends Error {}

/** Throws a `DegradedStepError` saying `what` unless `holds`. */
export function mustHold(holds: boolean, what: string): void {
    if (!holds) throw new DegradedStepError(what);
}

/**
 * The user check against the emulator: every seeded email found, every other one reported
 * missing. `found: null` means the check did not run (no key, or JumpCloud unreachable).
 */
export function checkUserStatuses(
    statuses: readonly JumpCloudUserStatus[],
    emails: readonly string[],
    seeded: readonly string[],
): void {
    const notRun = statuses.filter((s) => s.found === null).map((s) => s.email);
    mustHold(
        notRun.length === 0,
        `the JumpCloud user check did not run for ${notRun.join(", ")} (found: null): the look-ups were refused or never made`,
    );
    mustHold(
        statuses.length === emails.length && statuses.every((s, i) => s.email === emails[i]),
        `the JumpCloud user check reported ${JSON.stringify(statuses.map((s) => s.email))}, expected ${JSON.stringify(emails)}`,
    );
    for (const status of statuses) {
        const expected = seeded.includes(status.email);
        mustHold(
            status.found === expected,
            `the JumpCloud user check says ${status.email} is ${status.found ? "present" : "missing"}, but the emulator ${expected ? "holds" : "does not hold"} that user`,
        );
    }
}

/** The warnings a run of the stack program may give: exactly one naming the missing users, if any. */
export function checkRunWarnings(warnings: readonly string[], missing: readonly string[]): void {
    const expected = missing.length === 0 ? 0 : 1;
    mustHold(
        warnings.length === expected && missing.every((email) => warnings[0]?.includes(email)),
        `expected ${expected === 0 ? "no warning" : `one warning naming ${missing.join(", ")}`}, got ${warnings.length === 0 ? "none" : JSON.stringify(warnings)}`,
    );
}
