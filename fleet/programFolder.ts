/**
 * The folder every organization's stack runs in, made into one from which Pulumi's
 * dynamic-provider host can load this package's providers, wherever the inventory lives.
 *
 * The host runs in the stack's folder (`<workDir>/<organization>/`): Pulumi's
 * `pulumi-resource-pulumi-nodejs` resolves `@pulumi/pulumi` from there, and each stored provider
 * shim resolves `jumpcloud-entra-idp/dynamic-providers` from there (see providers/providerShim.ts).
 * An inventory kept in an operations repository has neither above it, so the fleet links both into
 * `<workDir>/node_modules`: this package (the copy that is running, so the program and its
 * providers are one version) and the `@pulumi/pulumi` it runs with. Nothing is copied.
 */
import * as fs from "fs";
import * as path from "path";
import { resolveProviderExport } from "../providers/providerLocation";

/** This package's folder: the repository root, or node_modules/jumpcloud-entra-idp once installed. */
export const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");
const PACKAGE_NAME = "jumpcloud-entra-idp";

/** The folder of the `@pulumi/pulumi` this process (and so the inline program) runs with. */
function pulumiSdkRoot(): string {
    return path.dirname(require.resolve("@pulumi/pulumi/package.json"));
}

/**
 * `<dir>/node_modules/<name>` as a link to `target`. A link (ours, from an earlier run, perhaps of
 * another install) is pointed at `target`; a real folder someone installed there is left alone.
 */
function link(modulesDir: string, name: string, target: string): void {
    const at = path.join(modulesDir, name);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    const existing = fs.lstatSync(at, { throwIfNoEntry: false });
    if (existing && !existing.isSymbolicLink()) return;
    if (existing) {
        if (path.resolve(path.dirname(at), fs.readlinkSync(at)) === target) return;
        fs.rmSync(at);
    }
    // A junction on Windows needs no privilege; elsewhere the type is ignored.
    fs.symlinkSync(target, at, "junction");
}

/**
 * Prepares `workDir` (created if missing) and checks, as the host will, that a stack folder in it
 * loads the providers; throws with what is wrong otherwise, before any organization runs.
 */
export function prepareProgramFolder(workDir: string): void {
    const modules = path.join(workDir, "node_modules");
    fs.mkdirSync(modules, { recursive: true, mode: 0o700 });
    link(modules, PACKAGE_NAME, PACKAGE_ROOT);
    link(modules, path.join("@pulumi", "pulumi"), pulumiSdkRoot());
    resolveProviderExport(path.join(workDir, "organization"));
}
