/**
 * The links and headings of a Markdown file, read the way GitHub renders it: nothing inside a
 * fenced code block or an inline code span is a link or a heading, and a heading's anchor is
 * GitHub's slug of its text (lower case, punctuation dropped, spaces to hyphens, a repeated
 * slug numbered `-1`, `-2`, ...).
 */

/** One link as written: its target path (empty for `#anchor` in the same file) and anchor. */
export interface MarkdownLink {
    line: number;
    path: string;
    anchor: string | undefined;
}

/** The lines of the file, with fenced code blocks blanked out (line numbers kept). */
export function proseLines(text: string): string[] {
    let fence: string | undefined;
    return text.split("\n").map((line) => {
        const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
        if (fence === undefined) {
            if (opening) {
                fence = opening[1];
                return "";
            }
            return line;
        }
        if (
            opening &&
            opening[1][0] === fence[0] &&
            opening[1].length >= fence.length &&
            line.trim() === opening[1]
        )
            fence = undefined;
        return "";
    });
}

/** GitHub's anchor for a heading's text (github-slugger's rules, as github.com applies them). */
export function githubSlug(heading: string): string {
    const text = heading
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link shows its text
        .replace(/<[^>]+>/g, "") // inline HTML shows nothing of its tags
        .replace(/[`*]/g, ""); // code and emphasis marks
    return text
        .toLowerCase()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
        .replace(/ /g, "-");
}

/** Every anchor the file defines: its headings' slugs, numbered as GitHub numbers repeats, and HTML ids. */
export function anchors(text: string): Set<string> {
    const seen = new Map<string, number>();
    const result = new Set<string>();
    for (const line of proseLines(text)) {
        const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
        if (heading) {
            const slug = githubSlug(heading[1]);
            const count = seen.get(slug) ?? 0;
            seen.set(slug, count + 1);
            result.add(count === 0 ? slug : `${slug}-${count}`);
        }
        for (const [, id] of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) result.add(id);
    }
    return result;
}

/** Every inline and reference-definition link outside code, external ones (`https:`, `mailto:`) left out. */
export function relativeLinks(text: string): MarkdownLink[] {
    const links: MarkdownLink[] = [];
    proseLines(text).forEach((raw, index) => {
        const line = raw.replace(/`[^`]*`/g, "");
        const targets = [
            ...[...line.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
            ...[...line.matchAll(/^\s{0,3}\[[^\]]+\]:\s*(\S+)/g)].map((m) => m[1]),
        ];
        for (const target of targets) {
            if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
            const hash = target.indexOf("#");
            links.push({
                line: index + 1,
                path: hash < 0 ? target : target.slice(0, hash),
                anchor: hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1)),
            });
        }
    });
    return links;
}
