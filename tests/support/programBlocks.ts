/**
 * TypeScript blocks of the docs marked as whole programs (the info string `ts program`), and one
 * TypeScript compile of all of them as a consumer of the package would compile them: the package
 * name resolves to this repository's built `.d.ts`, every other import to its node_modules.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

/** A program block: where it is written and its code. */
export interface ProgramBlock {
    file: string;
    line: number;
    code: string;
}

/** The info string that marks a fenced block as a program the docs test type-checks. */
export const PROGRAM_INFO = /^(ts|typescript)\s+program(\s|$)/;

/** The outermost fenced blocks whose info string marks them as programs (`line` is the fence's). */
export function programBlocks(file: string, text: string): ProgramBlock[] {
    const blocks: ProgramBlock[] = [];
    let open: { fence: string; info: string; line: number; body: string[] } | undefined;
    text.split("\n").forEach((line, index) => {
        const fence = /^\s{0,3}(`{3,}|~{3,})\s*(.*)$/.exec(line);
        if (open === undefined) {
            if (fence) open = { fence: fence[1], info: fence[2].trim(), line: index + 1, body: [] };
            return;
        }
        const closes =
            fence !== null &&
            fence[1][0] === open.fence[0] &&
            fence[1].length >= open.fence.length &&
            fence[2].trim() === "";
        if (!closes) {
            open.body.push(line);
            return;
        }
        if (PROGRAM_INFO.test(open.info)) blocks.push({ file, line: open.line, code: open.body.join("\n") });
        open = undefined;
    });
    return blocks;
}

/**
 * Type-checks every block as its own module (strict, noEmit) in one TypeScript program. Returns
 * each diagnostic as `<doc file>:<line>: <message>`, with the line counted in the doc.
 */
export function typeCheckPrograms(root: string, blocks: readonly ProgramBlock[]): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-docs-programs-"));
    try {
        const origin = new Map<string, ProgramBlock>();
        const files = blocks.map((block, index) => {
            const file = path.join(dir, `block${index}.ts`);
            // `export {}` makes each block a module of its own even when it neither imports nor exports.
            fs.writeFileSync(file, `${block.code}\nexport {};\n`);
            origin.set(path.resolve(file), block);
            return file;
        });
        const program = ts.createProgram(files, {
            strict: true,
            noEmit: true,
            target: ts.ScriptTarget.ES2022,
            module: ts.ModuleKind.CommonJS,
            moduleResolution: ts.ModuleResolutionKind.Node10,
            esModuleInterop: true,
            skipLibCheck: true,
            types: ["node"],
            typeRoots: [path.join(root, "node_modules", "@types")],
            baseUrl: dir,
            paths: {
                "jumpcloud-entra-idp": [path.join(root, "dist", "components", "index.d.ts")],
                "jumpcloud-entra-idp/dynamic-providers": [
                    path.join(root, "dist", "providers", "dynamicProviders.d.ts"),
                ],
                "jumpcloud-entra-idp/verify": [path.join(root, "dist", "verify", "index.d.ts")],
                "*": [path.join(root, "node_modules", "*")],
            },
        });
        return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
            const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
            const source = diagnostic.file;
            const block = source && origin.get(path.resolve(source.fileName));
            if (!source || !block || diagnostic.start === undefined) return message;
            const { line } = source.getLineAndCharacterOfPosition(diagnostic.start);
            return `${block.file}:${block.line + 1 + line}: ${message}`;
        });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
