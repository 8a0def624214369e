/**
 * The README's install paths, each into a fresh program: the packed tarball (`npm pack`) and a git
 * URL (npm clones, installs the dev dependencies, runs `prepare`, which builds dist/, then packs).
 * Each install (made once per run, `installs.ts`) is type-checked and run by the TypeScript
 * consumer; the examples install on their own from the tarball.
 */
import * as fs from "fs";
import * as path from "path";
import { diskUsage, installedPackage } from "../scratchInstall";
import { checkExamples } from "./examples";
import type { PackageInstalls } from "./installs";
import { checkTypeScriptConsumer } from "./typescriptConsumer";

function megabytes(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** What a program gets from an install: dist/ with its .d.ts, and no @pulumi/azure-native. */
function checkInstalled(programDir: string, label: string): void {
    const pkg = installedPackage(programDir);
    for (const file of [
        "dist/components/index.js",
        "dist/components/index.d.ts",
        "dist/providers/identityProvider.js",
    ]) {
        if (!fs.existsSync(path.join(pkg, file)))
            throw new Error(`${label}: the installed package has no ${file}`);
    }
    if (fs.existsSync(path.join(programDir, "node_modules", "@pulumi", "azure-native"))) {
        throw new Error(
            `${label}: @pulumi/azure-native was installed, but it is an optional peer dependency`,
        );
    }
    console.log(
        `${label}: installed with dist/ and its .d.ts, without @pulumi/azure-native; node_modules ${megabytes(diskUsage(path.join(programDir, "node_modules")))}`,
    );
}

/**
 * The run's shared installs (the tarball's consumer, the git URL's program) checked and used by
 * the TypeScript consumer; then each example installs on its own. Throws on the first failure.
 */
export function checkInstallPaths(installs: PackageInstalls): void {
    checkInstalled(installs.consumer, "from the tarball");
    checkTypeScriptConsumer(installs.consumer, "from the tarball");
    checkInstalled(installs.gitProgram, "from a git URL");
    checkTypeScriptConsumer(installs.gitProgram, "from a git URL");
    checkExamples(installs.work, installs.tarball);
}
