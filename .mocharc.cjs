// The unit suite (`mocha`): every dist/tests/**/*.test.js, in two worker processes (mocha's
// parallel mode; this machine and CI have two cores). A worker takes the next file in `spec` order
// when it is free, so the files that take longest (measured: real waits on timeouts, child
// processes, provider hosts) are listed first and the two workers end together rather than one
// waiting on a long file at the end. A file missing from SLOWEST_FIRST still runs, in the glob.
"use strict";

const SLOWEST_FIRST = [
    "requestBounds",
    "demo",
    "whoAnswered",
    "docs",
    "simulatedAzurePlugin",
    "redaction",
    "userCheckAndKeyVault",
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
    "enable-source-maps": true,
};
