/**
 * The docs live in the repository and say true things about it: every relative link in the
 * README, the emulator's and the examples' READMEs and docs/ points to a file that exists and,
 * with an anchor, to a heading there (GitHub's slugs); every TypeScript block marked as a program
 * (```ts program) type-checks against the package's built .d.ts; and nothing cites the fact sheet
 * that lived outside the repository.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { anchors, relativeLinks } from "./support/markdownLinks";
import { programBlocks, typeCheckPrograms } from "./support/programBlocks";

const ROOT = path.resolve(__dirname, "..", "..");

/** The Markdown a reader of the repository meets: the README, the manuals and the folders' READMEs. */
function markdownDocs(): string[] {
    const inFolder = (dir: string, pick: (name: string) => boolean): string[] =>
        fs
            .readdirSync(path.join(ROOT, dir))
            .filter(pick)
            .map((name) => path.join(dir, name));
    const examples = fs
        .readdirSync(path.join(ROOT, "examples"))
        .map((name) => path.join("examples", name, "README.md"))
        .filter((file) => fs.existsSync(path.join(ROOT, file)));
    return [
        "README.md",
        "emulator/README.md",
        ...examples,
        ...inFolder("docs", (name) => name.endsWith(".md")),
    ];
}

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const relative = path.join(dir, entry.name);
        if (entry.isDirectory())
            return ["node_modules", "dist", ".git"].includes(entry.name) ? [] : sourceFiles(relative);
        return /\.(ts|md|yaml|json|mjs)$/.test(entry.name) && entry.name !== "package-lock.json"
            ? [relative]
            : [];
    });
}

describe("the docs", () => {
    const docs = markdownDocs();

    it("are the README, the folders' READMEs and every manual under docs/", () => {
        expect(docs).to.include.members(["README.md", "docs/configuration.md", "docs/testing.md"]);
    });

    it("link only to files that exist and to headings those files have", () => {
        const anchorsOf = new Map<string, Set<string>>();
        const broken: string[] = [];
        for (const doc of docs) {
            const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
            for (const link of relativeLinks(text)) {
                const target =
                    link.path === ""
                        ? path.join(ROOT, doc)
                        : path.resolve(ROOT, path.dirname(doc), link.path);
                const where = `${doc}:${link.line}: ${link.path}${link.anchor === undefined ? "" : `#${link.anchor}`}`;
                if (!fs.existsSync(target)) {
                    broken.push(`${where} (no such file)`);
                    continue;
                }
                if (link.anchor === undefined || !target.endsWith(".md")) continue;
                if (!anchorsOf.has(target)) anchorsOf.set(target, anchors(fs.readFileSync(target, "utf8")));
                if (!anchorsOf.get(target)?.has(link.anchor)) broken.push(`${where} (no such heading)`);
            }
        }
        expect(broken).to.deep.equal([]);
    });

    it("hold TypeScript programs (```ts program) that type-check against the package's .d.ts", function () {
        this.timeout(120_000);
        const blocks = docs.flatMap((doc) =>
            programBlocks(doc, fs.readFileSync(path.join(ROOT, doc), "utf8")),
        );
        // The README's library example at least; a marker that stopped matching would check nothing.
        expect(blocks.map((block) => block.file)).to.include("README.md");
        expect(typeCheckPrograms(ROOT, blocks)).to.deep.equal([]);
    });

    it("cite the project's own API reference, not a sheet outside the repository", () => {
        const citing = sourceFiles(".").filter((file) =>
            fs.readFileSync(path.join(ROOT, file), "utf8").includes("shared/jumpcloud-api.md"),
        );
        expect(citing.filter((file) => file !== path.join("tests", "docs.test.ts"))).to.deep.equal([]);
    });
});
