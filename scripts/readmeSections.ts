/**
 * README sections written by a run rather than by hand: each lies between
 * `<!-- <name>:start -->` and `<!-- <name>:end -->`. The demo (`--markdown`) and the benchmark
 * (`--markdown`) rewrite theirs; tests read them back.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";

function markers(name: string): { start: string; end: string } {
    return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/** The text between a section's markers, without the surrounding newlines. */
export function readmeSection(text: string, name: string): string {
    const { start, end } = markers(name);
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README has no section marked ${start} ... ${end}`);
    return text.slice(from + start.length, to).replace(/^\n+|\n+$/g, "");
}

/** Replaces a section's text in the file, keeping its markers. */
export function replaceReadmeSection(file: string, name: string, content: string): void {
    const text = fs.readFileSync(file, "utf8");
    const { start, end } = markers(name);
    readmeSection(text, name); // throws when the markers are missing
    const from = text.indexOf(start) + start.length;
    const to = text.indexOf(end);
    fs.writeFileSync(file, `${text.slice(0, from)}\n\n${content}\n\n${text.slice(to)}`);
    // Formatted as the repository formats Markdown, so that format:check stays clean.
    execFileSync(process.execPath, [require.resolve("prettier/bin/prettier.cjs"), "--write", file], {
        stdio: "ignore",
    });
}
