/**
 * The docs live in the repository: every relative link in the README, the emulator's README and
 * docs/ points to a file that exists, and nothing cites the fact sheet that lived outside it.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const DOCS = ["README.md", "emulator/README.md", "docs/jumpcloud-api.md"];

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
    it("link only to files that exist in the repository", () => {
        const broken: string[] = [];
        for (const doc of DOCS) {
            const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
            for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
                if (/^[a-z]+:/i.test(target)) continue;
                if (!fs.existsSync(path.resolve(ROOT, path.dirname(doc), target)))
                    broken.push(`${doc} -> ${target}`);
            }
        }
        expect(broken).to.deep.equal([]);
    });

    it("cite the project's own API reference, not a sheet outside the repository", () => {
        const citing = sourceFiles(".").filter((file) =>
            fs.readFileSync(path.join(ROOT, file), "utf8").includes("shared/jumpcloud-api.md"),
        );
        expect(citing.filter((file) => file !== path.join("tests", "docs.test.ts"))).to.deep.equal([]);
    });
});
