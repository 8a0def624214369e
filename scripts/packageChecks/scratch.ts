/**
 * Scratch programs for `npm run check:package`: the package installed the ways the README says
 * (a packed tarball, a git URL) into a fresh directory, as another program would get it.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..", "..");

/** `npm install` in `dir`, from npm's cache where it can, failing loudly. */
export function npmInstall(dir: string, specs: string[] = []): void {
    execFileSync(
        "npm",
        ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...specs],
        { cwd: dir, stdio: "inherit" },
    );
}

/** A fresh program directory with a package.json (protobufjs's version-scheme postinstall denied). */
export function scratchProgram(parent: string, name: string): string {
    const dir = path.join(parent, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name, private: true, allowScripts: { protobufjs: false } }, null, 2),
    );
    return dir;
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
