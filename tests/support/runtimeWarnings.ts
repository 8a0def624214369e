/**
 * Pulumi's warnings in tests. Under the mock runtime `pulumi.log.warn` prints
 * `warning: [runtime] ...` to the console, in the middle of mocha's report. A test that expects a
 * warning captures it with `capturingWarnings` and asserts on it; any other warning fails the test
 * that let it through (see `mochaHooks`, loaded by .mocharc.cjs), so the output stays quiet and
 * a new warning cannot go unnoticed.
 */
// Tests capture warnings with simulation/runtimeWarnings' `capturingWarnings`. This module imports
// nothing: mocha loads it in its main process before starting the workers, where @pulumi/pulumi
// would cost a second before the first test.

const RUNTIME_WARNING = "warning: [runtime] ";
const stray: string[] = [];

/** Mocha root hooks: keep uncaptured runtime warnings out of the report and fail the test that made them. */
export const mochaHooks = {
    beforeAll(): void {
        const warn = console.warn.bind(console);
        console.warn = (...args: unknown[]) => {
            if (typeof args[0] === "string" && args[0].startsWith(RUNTIME_WARNING)) {
                stray.push(args[0]);
                return;
            }
            warn(...args);
        };
    },
    afterEach(): void {
        if (stray.length === 0) return;
        const seen = stray.splice(0);
        throw new Error(
            `Pulumi warned during this test without the test capturing it (use capturingWarnings and assert on it):\n  ${seen.join("\n  ")}`,
        );
    },
};
