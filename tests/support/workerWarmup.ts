/**
 * Loaded by .mocharc.cjs in every process of the unit suite. In a mocha worker (parallel mode)
 * it starts the shared provider host at once, while the worker's first files load and run: most
 * workers meet a suite that needs it, and its start (about 1.3 s of CPU loading @pulumi/pulumi)
 * then overlaps work instead of holding that suite's `before`. Mocha's main process loads this
 * file too, to collect root hooks; there it does nothing and loads nothing.
 */
if (process.env.MOCHA_WORKER_ID !== undefined) {
    // Required here, not imported: the main process must not load the host's modules.
    const { sharedProviderHost } = require("./providerHosts") as typeof import("./providerHosts");
    // A failed start is the pool's to report: the suite that asks for the host gets the error.
    sharedProviderHost().catch(() => undefined);
}

export {};
