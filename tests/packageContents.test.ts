/**
 * What `check:package` refuses to publish (scripts/packageChecks/tarballContents.ts): a tarball
 * without LICENSE, README or the `.d.ts` of an export or bin, or one that carries tests, their
 * source maps, or the repository's scaffolding. The rules run on file lists here; check:package
 * runs them on `npm publish --dry-run`'s list.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import {
    relativeLinks,
    tarballProblems,
    type PackageManifest,
} from "../scripts/packageChecks/tarballContents";

const ROOT = path.resolve(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as PackageManifest;

/** A tarball that may be published for this package.json. */
const GOOD = [
    "package.json",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    ...[
        "components/index",
        "components/args",
        "providers/dynamicProviders",
        "fleet/index",
        "fleet/cli",
        "verify/index",
        "verify/cli",
    ].flatMap((module) => [`dist/${module}.js`, `dist/${module}.d.ts`, `dist/${module}.js.map`]),
];

const without = (file: string) => GOOD.filter((f) => f !== file);

/** The repository's files a `files` entry of package.json names (a path, or `dir/*.ext`). */
function filesMatching(pattern: string): string[] {
    if (!pattern.includes("*")) return fs.existsSync(path.join(ROOT, pattern)) ? [pattern] : [];
    const dir = path.posix.dirname(pattern);
    const ext = path.posix.extname(pattern);
    return fs
        .readdirSync(path.join(ROOT, dir))
        .filter((f) => f.endsWith(ext))
        .map((f) => `${dir}/${f}`);
}

describe("check:package: what the tarball must and must not hold", () => {
    it("accepts the files this package.json names", () => {
        expect(tarballProblems(GOOD, manifest)).to.deep.equal([]);
    });

    it("reads a markdown file's relative links as package paths, leaving out URLs and anchors", () => {
        const markdown =
            "[a](docs/verify.md#options) [b](https://example.com/x.md) [c](#top) [d](../README.md) [e](./LICENSE) " +
            '[f](<https://learn.microsoft.com/x(v=azure.100)>) [g](CHANGELOG.md "the changes")';
        expect(relativeLinks(markdown, "README.md").sort()).to.deep.equal([
            "../README.md",
            "CHANGELOG.md",
            "LICENSE",
            "docs/verify.md",
        ]);
        expect(relativeLinks(markdown, "docs/operations.md")).to.include("README.md");
    });

    it("refuses a tarball without a file its markdown links to, except the repository-only ones", () => {
        const links = [
            { from: "README.md", to: "docs/verify.md" },
            { from: "README.md", to: "emulator/README.md" },
            { from: "README.md", to: "examples/two-organizations/" },
            { from: "docs/jumpcloud-api.md", to: "providers/jumpcloudApi.ts" },
            { from: "docs/jumpcloud-api.md", to: "contract/identityProviderContract.ts" },
            { from: "examples/two-organizations/README.md", to: "examples/two-organizations/package.json" },
        ];
        const shipped = [...GOOD, "docs/verify.md", "examples/two-organizations/package.json"];
        expect(tarballProblems(shipped, manifest, links)).to.deep.equal([]);
        expect(tarballProblems(GOOD, manifest, links)).to.deep.equal([
            "missing docs/verify.md (README.md links to it)",
            "missing examples/two-organizations/package.json (examples/two-organizations/README.md links to it)",
        ]);
        // A declaration file is shipped compiled output, not a repository source: it must be there.
        expect(
            tarballProblems(GOOD, manifest, [{ from: "docs/x.md", to: "providers/jumpcloudApi.d.ts" }]),
        ).to.deep.equal(["missing providers/jumpcloudApi.d.ts (docs/x.md links to it)"]);
    });

    it("ships every file this repository's shipped markdown links to, but for the repository-only ones", () => {
        const shipped = manifest.files?.flatMap((pattern) => filesMatching(pattern)) ?? [];
        const links = shipped
            .filter((file) => file.endsWith(".md"))
            .flatMap((file) =>
                relativeLinks(fs.readFileSync(path.join(ROOT, file), "utf8"), file).map((to) => ({
                    from: file,
                    to,
                })),
            );
        expect(links.map((l) => l.to)).to.include.members([
            "docs/configuration.md",
            "CHANGELOG.md",
            "README.md",
        ]);
        const problems = tarballProblems([...GOOD, ...shipped], manifest, links);
        expect(problems).to.deep.equal([]);
    });

    it("refuses a tarball without LICENSE or README", () => {
        expect(tarballProblems(without("LICENSE"), manifest)).to.deep.equal([
            "missing LICENSE (every package carries it)",
        ]);
        expect(tarballProblems(without("README.md"), manifest)).to.deep.equal([
            "missing README.md (every package carries it)",
        ]);
    });

    it("refuses a tarball without the .d.ts of an export, of main's types, or of a bin", () => {
        expect(tarballProblems(without("dist/fleet/index.d.ts"), manifest)).to.deep.equal([
            "missing dist/fleet/index.d.ts (export ./fleet (types); export ./dist/*)",
        ]);
        expect(tarballProblems(without("dist/components/index.d.ts"), manifest)).to.deep.equal([
            "missing dist/components/index.d.ts (package.json types; export . (types); export ./dist/*)",
        ]);
        expect(tarballProblems(without("dist/fleet/cli.d.ts"), manifest)).to.deep.equal([
            "missing dist/fleet/cli.d.ts (the declarations of bin jumpcloud-entra-fleet; export ./dist/*)",
        ]);
        // A module reachable only through the ./dist/* pattern needs its declarations too.
        expect(tarballProblems([...GOOD, "dist/providers/validation.js"], manifest)).to.deep.equal([
            "missing dist/providers/validation.d.ts (export ./dist/*)",
        ]);
        expect(tarballProblems(without("dist/fleet/cli.js"), manifest)).to.deep.equal([
            "missing dist/fleet/cli.js (bin jumpcloud-entra-fleet)",
        ]);
    });

    it("refuses tests, their source maps and the repository's scaffolding", () => {
        const carried = [
            "dist/tests/fleetSecrets.test.js",
            "dist/tests/e2e/support/engineFixtures.js",
            "dist/components/args.test.js.map",
            "dist/fleet/runner.e2e.d.ts",
            "dist/simulation/providerHost.js",
            "dist/emulator/jumpcloudEmulator.d.ts",
            "dist/scripts/packageCheck.js",
            "scripts/install-pulumi-cli.sh",
            "dist/.tsbuildinfo",
        ];
        const problems = tarballProblems([...GOOD, ...carried], manifest).filter((p) =>
            p.startsWith("carries"),
        );
        expect(problems.map((p) => p.split(" ")[1])).to.deep.equal(carried);
        expect(problems[2]).to.equal(
            "carries dist/components/args.test.js.map (a test, or a test's source map or declarations)",
        );
    });

    it("reads bin given as one path, and exports given as one path or with conditions", () => {
        const small: PackageManifest = {
            bin: "dist/cli.js",
            exports: { ".": "./dist/index.js", "./x": { import: "./dist/x.mjs", types: "./dist/x.d.mts" } },
        };
        expect(
            tarballProblems(["package.json", "README.md", "LICENSE", "dist/cli.js", "dist/x.mjs"], small),
        ).to.deep.equal([
            "missing dist/cli.d.ts (the declarations of bin bin)",
            "missing dist/index.js (export . (default))",
            "missing dist/index.d.ts (the declarations of export .)",
            "missing dist/x.d.mts (export ./x (types))",
        ]);
    });
});
