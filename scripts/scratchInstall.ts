/**
 * Scratch programs for the package checks and the benchmark: pack a source tree the way
 * `npm publish` would, make an empty program directory, and install into it with npm the ways a
 * user would (a tarball, a git URL). The one helper for every scratch install.
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

/**
 * Packs `sourceDir` into `intoDir`; returns the tarball's absolute path. The tree must be built
 * already: its scripts (`prepare` would build again) are not run.
 */
export function packInto(intoDir: string, sourceDir: string = ROOT): string {
    const packed = JSON.parse(
        execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", intoDir], {
            cwd: sourceDir,
            encoding: "utf8",
        }),
    ) as { filename: string }[];
    return path.join(intoDir, packed[0].filename);
}

/** An empty program (a package.json only) at `dir`; protobufjs's version-scheme postinstall denied. */
export function makeProgram(dir: string, name: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name, private: true, allowScripts: { protobufjs: false } }, null, 2),
    );
    return dir;
}

/** `npm install <specs>` in `programDir`, from npm's cache where it can, failing loudly. */
export function npmInstall(programDir: string, specs: readonly string[] = []): void {
    execFileSync(
        "npm",
        ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...specs],
        { cwd: programDir, stdio: ["ignore", "inherit", "inherit"] },
    );
}

/**
 * The working tree as a git repository would hand it out (tracked and not-ignored files only,
 * so no dist/ and no node_modules), committed into a fresh repository. Returns its git URL.
 * Uncommitted changes are included: the check is about what this tree would give a git install.
 */
export function gitSnapshot(parent: string): string {
    const repo = path.join(parent, "jumpcloud-entra-idp.git-snapshot");
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
        cwd: ROOT,
        encoding: "utf8",
    })
        .split("\0")
        .filter((file) => file && fs.existsSync(path.join(ROOT, file)));
    for (const file of files) {
        fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, file), path.join(repo, file));
    }
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "ignore" });
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=check", "-c", "user.email=check@localhost", "commit", "-q", "-m", "snapshot");
    return `git+file://${repo}`;
}

/** Bytes on disk under `dir`. */
export function diskUsage(dir: string): number {
    let total = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) total += diskUsage(full);
        else if (entry.isFile()) total += fs.statSync(full).size;
    }
    return total;
}

/** The installed package's directory in a program. */
export function installedPackage(programDir: string): string {
    return path.join(programDir, "node_modules", "jumpcloud-entra-idp");
}
