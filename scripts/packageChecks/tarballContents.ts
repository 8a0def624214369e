/**
 * What `npm publish` would upload, read from `npm publish --dry-run --json` (which packs exactly
 * as a publish does, without sending anything), and what must and must not be in it: the
 * LICENSE, the README, and the `.d.ts` of every export and `bin`; no tests, no test source maps,
 * nothing of the repository's scaffolding (simulation/, emulator/, scripts/).
 * Used by `npm run check:package` and by the benchmark's tarball figure.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../scratchInstall";

export interface TarballReport {
    readonly filename: string;
    /** Bytes of the .tgz. */
    readonly size: number;
    readonly unpackedSize: number;
    readonly shasum: string;
    readonly files: readonly string[];
    /** npm's own complaints about the manifest (it corrects them silently when publishing). */
    readonly warnings: readonly string[];
}

/** The parts of package.json that name files. */
export interface PackageManifest {
    readonly files?: readonly string[];
    readonly main?: string;
    readonly types?: string;
    readonly bin?: string | Record<string, string>;
    readonly exports?: Record<string, string | Record<string, string>>;
}

/**
 * `npm publish --dry-run` of `sourceDir` (built already: scripts are not run). The registry is a
 * closed local port, so nothing here depends on, or reaches, the real one.
 */
export function publishDryRun(sourceDir: string = ROOT): TarballReport {
    const run = spawnSync(
        "npm",
        ["publish", "--dry-run", "--json", "--ignore-scripts", "--registry=http://127.0.0.1:9/"],
        { cwd: sourceDir, encoding: "utf8" },
    );
    if (run.status !== 0) throw new Error(`npm publish --dry-run failed: ${run.stderr}`);
    const byName = JSON.parse(run.stdout) as Record<
        string,
        { filename: string; size: number; unpackedSize: number; shasum: string; files: { path: string }[] }
    >;
    const [report] = Object.values(byName);
    const warnings = run.stderr
        .split("\n")
        .filter((line) => /^npm warn publish /.test(line) && !line.includes("requires you to be logged in"));
    return { ...report, files: report.files.map((f) => f.path), warnings };
}

/** Folders of the repository that are never shipped (tests and their scaffolding). */
const SCAFFOLDING = /(^|\/)(tests?|simulation|emulator|scripts)\//;

/**
 * The files a markdown text links to by a relative path (no scheme, no anchor-only link), as
 * paths from the package root. `from` is the markdown file's own path.
 */
export function relativeLinks(markdown: string, from: string): string[] {
    const links = new Set<string>();
    // An inline link's destination: `<...>` (which may hold parentheses) or a run without spaces,
    // optionally followed by a title.
    for (const match of markdown.matchAll(/\]\(\s*(?:<([^>]*)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)) {
        const target = (match[1] ?? match[2]).split("#")[0];
        if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        links.add(path.posix.normalize(path.posix.join(path.posix.dirname(from), target)));
    }
    return [...links];
}

/** A link in a shipped markdown file: the file it is in, and the package path it leads to. */
export interface MarkdownLink {
    readonly from: string;
    readonly to: string;
}

/**
 * Links that may lead outside the package: into the repository's test scaffolding or its contract
 * suite (never shipped), or to a TypeScript source the package ships compiled (under dist/). They
 * are for readers of the repository; every other link must find its file in the package.
 */
function repositoryOnly(link: string): boolean {
    if (SCAFFOLDING.test(link) || /^contract\//.test(link) || link.endsWith("/")) return true;
    return /^(components|providers|fleet|verify|policy)\/.*\.ts$/.test(link) && !link.endsWith(".d.ts");
}

/**
 * Why a tarball with these files may not be published for this manifest; empty when it may.
 * `links`: the relative links of its markdown files; each must lead to a shipped file, so that the
 * docs read from node_modules lead somewhere (`repositoryOnly` ones excepted).
 */
export function tarballProblems(
    files: readonly string[],
    manifest: PackageManifest,
    links: readonly MarkdownLink[] = [],
): string[] {
    const shipped = new Set(files);
    /** Each missing file once, with every reason it is needed. */
    const missing = new Map<string, string[]>();
    const need = (file: string, why: string) => {
        const normalized = path.posix.normalize(file);
        if (!shipped.has(normalized)) missing.set(normalized, [...(missing.get(normalized) ?? []), why]);
    };
    const declarationOf = (file: string) => file.replace(/\.(c|m)?js$/, ".d.$1ts");
    for (const file of ["package.json", "README.md", "LICENSE"]) need(file, "every package carries it");
    for (const link of links) {
        if (!repositoryOnly(link.to)) need(link.to, `${link.from} links to it`);
    }
    if (manifest.main) need(manifest.main, "package.json main");
    if (manifest.types) need(manifest.types, "package.json types");
    const bins = typeof manifest.bin === "string" ? { bin: manifest.bin } : (manifest.bin ?? {});
    for (const [name, file] of Object.entries(bins)) {
        need(file, `bin ${name}`);
        need(declarationOf(file), `the declarations of bin ${name}`);
    }
    for (const [entry, target] of Object.entries(manifest.exports ?? {})) {
        const conditions = typeof target === "string" ? { default: target } : target;
        for (const [condition, file] of Object.entries(conditions)) {
            if (file.includes("*")) {
                // A folder pattern: every module under it needs its declarations.
                const prefix = path.posix.normalize(file.slice(0, file.indexOf("*")));
                for (const shippedFile of files.filter(
                    (f) => f.startsWith(prefix) && /\.(c|m)?js$/.test(f),
                )) {
                    need(declarationOf(shippedFile), `export ${entry}`);
                }
                continue;
            }
            need(file, `export ${entry} (${condition})`);
            if (condition !== "types" && /\.(c|m)?js$/.test(file) && !conditions.types) {
                need(declarationOf(file), `the declarations of export ${entry}`);
            }
        }
    }
    const problems = [...missing].map(([file, why]) => `missing ${file} (${why.join("; ")})`);
    for (const file of files) {
        if (SCAFFOLDING.test(file)) {
            problems.push(`carries ${file} (test scaffolding is not part of the package)`);
        } else if (/\.(test|spec|e2e)\.[^/]*$/.test(file)) {
            problems.push(`carries ${file} (a test, or a test's source map or declarations)`);
        } else if (file.endsWith(".tsbuildinfo")) {
            problems.push(`carries ${file} (the compiler's build cache)`);
        }
    }
    return problems;
}

export function describeTarball(report: TarballReport): string {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
    return (
        `${report.filename}: ${report.files.length} files, ${kb(report.size)} packed, ` +
        `${kb(report.unpackedSize)} unpacked`
    );
}

/** The dry run of this repository checked against its package.json; throws with every problem. */
export function checkTarballContents(sourceDir: string = ROOT): TarballReport {
    const report = publishDryRun(sourceDir);
    const manifest = JSON.parse(
        fs.readFileSync(path.join(sourceDir, "package.json"), "utf8"),
    ) as PackageManifest;
    const links = report.files
        .filter((file) => file.endsWith(".md"))
        .flatMap((file) =>
            relativeLinks(fs.readFileSync(path.join(sourceDir, file), "utf8"), file).map((to) => ({
                from: file,
                to,
            })),
        );
    const problems = [...report.warnings, ...tarballProblems(report.files, manifest, links)];
    if (problems.length > 0) {
        throw new Error(`the tarball npm publish would upload is wrong:\n  ${problems.join("\n  ")}`);
    }
    return report;
}
