// The unit suite (`mocha`): every dist/tests/**/*.test.js, in two worker processes (mocha's
// parallel mode; this machine and CI have two cores). A worker takes the next file in `spec` order
// when it is free, so the files that take longest (measured: real waits on timeouts, child
// processes, provider hosts) are listed first and the two workers end together rather than one
// waiting on a long file at the end. A file missing from SLOWEST_FIRST still runs, in the glob.
//
// No `enable-source-maps` here: it is a Node flag, so mocha would start itself again in a second
// process, and every worker and every module load would pay for it (about a second of the run).
// Stack traces point at dist/; to see TypeScript positions, run the one failing file with
// `--enable-source-maps` (docs/testing.md, "Running one layer").
"use strict";

const SLOWEST_FIRST = [
    "requestBounds",
    "demo",
    "whoAnswered",
    "docs",
    "simulatedAzurePlugin",
    "redaction",
    "freshProcess",
    "faults",
    "replacementPaths",
    "dynamicProviderHost",
    "providerHost",
];

module.exports = {
    require: ["dist/tests/support/runtimeWarnings.js", "dist/tests/support/workerWarmup.js"],
    spec: [
        ...SLOWEST_FIRST.map((name) => `dist/tests/${name}.test.js`),
        `dist/tests/**/!(${SLOWEST_FIRST.join("|")}).test.js`,
    ],
    parallel: true,
    jobs: 2,
    timeout: 20000,
    exit: true,
};
