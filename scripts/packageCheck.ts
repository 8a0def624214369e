/**
 * `npm run check:package`: the package as a user gets it.
 *   1. What `npm publish` would upload (`npm publish --dry-run`): LICENSE, README and the `.d.ts` of
 *      every export and bin in it, no tests and no scaffolding; its size and file count.
 *   2. The working tree packed once and installed once as a consumer would, and once from a git
 *      URL (packageChecks/installs.ts); every check below that needs an install reuses these.
 *   3. In the consumer install: the serialized provider in Pulumi's host, the TypeScript consumer
 *      (also in the git install), and the fleet command run from outside the repository.
 *   4. Each example installed on its own from the tarball, under mocks and the real engine.
 *   5. The provider in every layout through Pulumi's host (providerLayouts.ts), including state
 *      written by 0.1.0.
 * Ends with the run's wall time.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import { checkFleetCommand } from "./packageChecks/fleetCommand";
import { prepareInstalls } from "./packageChecks/installs";
import { checkInstallPaths } from "./packageChecks/installPaths";
import { checkSerializedProvider } from "./packageChecks/serializedProvider";
import { checkTarballContents, describeTarball } from "./packageChecks/tarballContents";
import { providerLayoutsExitCode } from "./providerLayouts";
import { scratchDir } from "./scratchInstall";

async function main(): Promise<number> {
    const contents = checkTarballContents();
    console.log(
        `npm publish --dry-run: ${describeTarball(contents)}; LICENSE, README, every export's .d.ts: yes`,
    );
    const work = scratchDir("jc-package-check");
    try {
        const installs = prepareInstalls(work);
        const packed = createHash("sha1").update(fs.readFileSync(installs.tarball)).digest("hex");
        if (packed !== contents.shasum) {
            throw new Error(`npm pack made ${packed}, but npm publish would upload ${contents.shasum}`);
        }
        checkSerializedProvider(installs.consumer);
        checkInstallPaths(installs);
        await checkFleetCommand(installs.consumer);
        return await providerLayoutsExitCode(installs);
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

const started = Date.now();
main().then(
    (code) => {
        console.log(
            `check:package ${code === 0 ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
        );
        process.exit(code);
    },
    (error: Error) => {
        console.error(`package check failed: ${error.message}`);
        console.log(`check:package FAILED in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        process.exit(1);
    },
);
