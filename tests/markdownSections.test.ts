/**
 * The generated sections of the docs: the helper rewrites exactly the text between a section's
 * markers in the file it is given, and the two sections the commands write exist where the
 * commands write them (the benchmark's table in docs/benchmark.md, the demo's transcript in
 * docs/testing.md).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIGURES } from "../scripts/bench";
import { TRANSCRIPT } from "../scripts/demo";
import { markedSection, readMarkedSection, replaceMarkedSection } from "../scripts/markdownSections";

const ROOT = path.resolve(__dirname, "..", "..");

describe("generated sections of the docs", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-sections-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("rewrites only the text between the markers, in the file it is given", function () {
        this.timeout(30_000); // the rewrite runs Prettier in a process of its own
        const file = path.join(dir, "page.md");
        const before =
            "# Page\n\nBefore.\n\n<!-- figures:start -->\n\nold table\n\n<!-- figures:end -->\n\nAfter.\n";
        fs.writeFileSync(file, before);
        replaceMarkedSection(file, "figures", "| a | b |\n| - | - |\n| 1 | 2 |");
        const after = fs.readFileSync(file, "utf8");
        expect(markedSection(after, "figures", file)).to.equal("| a   | b   |\n| --- | --- |\n| 1   | 2   |");
        expect(after.startsWith("# Page\n\nBefore.\n\n<!-- figures:start -->\n\n")).to.equal(true);
        expect(after.endsWith("\n\n<!-- figures:end -->\n\nAfter.\n")).to.equal(true);
        expect(after).to.not.include("old table");
    });

    it("refuses a file without the section's markers, naming the file and the markers", () => {
        const file = path.join(dir, "plain.md");
        fs.writeFileSync(file, "# Plain\n");
        expect(() => replaceMarkedSection(file, "figures", "x")).to.throw(
            `${file} has no section marked <!-- figures:start --> ... <!-- figures:end -->`,
        );
        expect(fs.readFileSync(file, "utf8")).to.equal("# Plain\n");
    });

    it("finds the benchmark's table in docs/benchmark.md and the demo's transcript in docs/testing.md", () => {
        expect(FIGURES.file).to.equal("docs/benchmark.md");
        expect(readMarkedSection(ROOT, FIGURES)).to.match(/^Written by `npm run bench -- --markdown` on /);
        expect(TRANSCRIPT.file).to.equal("docs/testing.md");
        expect(readMarkedSection(ROOT, TRANSCRIPT)).to.match(
            /^```text\nDriving Pulumi's dynamic-provider host/,
        );
        // Generated once, in one place: the README carries neither.
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        expect(readme).to.not.include(`<!-- ${FIGURES.name}:start -->`);
        expect(readme).to.not.include(`<!-- ${TRANSCRIPT.name}:start -->`);
    });
});
