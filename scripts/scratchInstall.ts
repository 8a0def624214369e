/**
 * Scratch programs for the package checks: pack a source tree the way `npm publish` would, make
 * an empty program directory, and install packages into it with npm, as a user would.
 * Shared by `check:package` and the benchmark.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The repository root (this file runs from dist/scripts). */
export const ROOT = path.resolve(__dirname, "..", "..");

/** The `@pulumi/pulumi` version the repo develops against; scratch programs install the same. */
export function pulumiVersion(): string {
    return (
        require(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json")) as { version: string }
    ).version;
}

/** A fresh directory under the system temp dir; remove it with `fs.rmSync(dir, { recursive: true })`. */
export function scratchDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/** Packs `sourceDir` (built already) into `intoDir`; returns the tarball's absolute path. */
export function packInto(intoDir: string, sourceDir: string = ROOT): string {
    const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", intoDir], {
        cwd: sourceDir,
        encoding: "utf8",
    })
        .trim()
        .split("\n")
        .pop()!;
    return path.join(intoDir, name);
}

/** An empty program (a package.json only) at `dir`. */
export function makeProgram(dir: string, name: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true }));
    return dir;
}

/** `npm install <specs>` in `programDir`, from the local cache when it can. */
export function npmInstall(programDir: string, specs: string[]): void {
    execFileSync(
        "npm",
        ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...specs],
        { cwd: programDir, stdio: ["ignore", "inherit", "inherit"] },
    );
}
