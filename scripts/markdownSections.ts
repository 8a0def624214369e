/**
 * Sections of the Markdown docs written by a run rather than by hand: each lies between
 * `<!-- <name>:start -->` and `<!-- <name>:end -->` in one file. The demo (`--markdown`, into
 * docs/testing.md) and the benchmark (`--markdown`, into docs/benchmark.md) rewrite theirs;
 * tests read them back.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Where a generated section lives: the file (relative to the repository root) and the marker name. */
export interface MarkedSection {
    file: string;
    name: string;
}

function markers(name: string): { start: string; end: string } {
    return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/**
 * The text between a section's markers in `text` (the contents of `file`, named in the error),
 * without the surrounding newlines.
 */
export function markedSection(text: string, name: string, file: string): string {
    const { start, end } = markers(name);
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${file} has no section marked ${start} ... ${end}`);
    return text.slice(from + start.length, to).replace(/^\n+|\n+$/g, "");
}

/** Reads a section from its file under `root`. */
export function readMarkedSection(root: string, section: MarkedSection): string {
    return markedSection(fs.readFileSync(path.join(root, section.file), "utf8"), section.name, section.file);
}

/**
 * Replaces a section's text in `file` (an absolute path or one relative to the working directory),
 * keeping its markers and everything outside them.
 */
export function replaceMarkedSection(file: string, name: string, content: string): void {
    const text = fs.readFileSync(file, "utf8");
    const { start, end } = markers(name);
    markedSection(text, name, file); // throws when the markers are missing
    const from = text.indexOf(start) + start.length;
    const to = text.indexOf(end);
    fs.writeFileSync(file, `${text.slice(0, from)}\n\n${content}\n\n${text.slice(to)}`);
    // Formatted as the repository formats Markdown, so that format:check stays clean.
    execFileSync(process.execPath, [require.resolve("prettier/bin/prettier.cjs"), "--write", file], {
        stdio: "ignore",
    });
}
