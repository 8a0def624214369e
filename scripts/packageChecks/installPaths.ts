/**
 * The README's install paths, each into a fresh program: the packed tarball (`npm pack`) and a git
 * URL (npm clones, installs the dev dependencies, runs `prepare`, which builds dist/, then packs).
 * Each install is type-checked and run by the TypeScript consumer; the examples install on their
 * own from the tarball.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkExamples } from "./examples";
import { checkTypeScriptConsumer } from "./typescriptConsumer";
import { diskUsage, gitSnapshot, installedPackage, npmInstall, scratchProgram } from "./scratch";

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
 * `tarballProgram` already holds the tarball's install (see packageCheck.ts). The other programs
 * go into a directory of their own, outside it, so that nothing resolves through its
 * node_modules. Throws on the first failure.
 */
export function checkInstallPaths(tarballProgram: string, tarball: string, pulumiVersion: string): void {
    checkInstalled(tarballProgram, "from the tarball");
    checkTypeScriptConsumer(tarballProgram, "from the tarball");

    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "jc-install-paths-"));
    try {
        const gitProgram = scratchProgram(scratch, "from-git");
        npmInstall(gitProgram, [gitSnapshot(scratch), `@pulumi/pulumi@${pulumiVersion}`]);
        checkInstalled(gitProgram, "from a git URL");
        checkTypeScriptConsumer(gitProgram, "from a git URL");

        checkExamples(scratch, tarball);
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}
