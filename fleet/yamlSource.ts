/**
 * A YAML document as plain values plus the line of every node, so that a checker working on plain
 * values can still say where each bad field is. Paths look like `organizations[2].component.users[0]`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";

export interface YamlSource {
    /** The document as plain JavaScript values (maps are objects, sequences arrays). */
    readonly value: unknown;
    /** Syntax errors, each with its line; when there are any, `value` should not be trusted. */
    readonly syntaxErrors: readonly { line: number; message: string }[];
    /** The line of the node at `path`, else of its nearest ancestor that exists (1 for the root). */
    lineOf(path: string): number;
    /** Whether the document has a node at `path`. */
    has(path: string): boolean;
}

export function parseYamlSource(text: string): YamlSource {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const lines = new Map<string, number>();
    const lineAt = (node: Node | null | undefined): number | undefined =>
        node?.range ? lineCounter.linePos(node.range[0]).line : undefined;

    const walk = (node: unknown, path: string, keyLine: number | undefined) => {
        const line = keyLine ?? lineAt(node as Node) ?? 1;
        lines.set(path, line);
        if (isMap(node)) {
            for (const pair of node.items) {
                const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
                // A map entry is reported at its key's line: the value may start on the next one.
                walk(pair.value, path === "" ? key : `${path}.${key}`, lineAt(pair.key as Node));
            }
        } else if (isSeq(node)) {
            node.items.forEach((item, i) => walk(item, `${path}[${i}]`, undefined));
        }
    };
    walk(doc.contents, "", undefined);

    return {
        value: doc.errors.length > 0 ? undefined : doc.toJS(),
        syntaxErrors: doc.errors.map((error) => ({
            line: error.linePos?.[0].line ?? 1,
            // The library's message repeats the source excerpt; its first line says what is wrong.
            message: error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
        })),
        lineOf: (path) => {
            for (let p = path; ; p = parentPath(p)) {
                const line = lines.get(p);
                if (line !== undefined) return line;
                if (p === "") return 1;
            }
        },
        has: (path) => lines.has(path),
    };
}

/** `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ``. */
export function parentPath(path: string): string {
    const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
    return cut <= 0 ? "" : path.slice(0, cut);
}
