/**
 * Each program under examples/ as a user runs it on their own: copied out of the repository,
 * its package.json pointed at the packed package instead of the repository root, `npm install`,
 * type-checked and compiled with its own tsconfig.json, then run under Pulumi's mocks with the
 * settings of its Pulumi.example.yaml. (`pulumi up` itself needs the Pulumi CLI and real accounts;
 * this runs the same program without them.)
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, npmInstall } from "../scratchInstall";

const PACKAGE = "jumpcloud-entra-idp";

/** Runs in the example's directory, with the example's own @pulumi/pulumi. */
const RUNNER = `
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const yaml = require(${JSON.stringify(path.join(ROOT, "node_modules", "js-yaml"))});
const project = yaml.load(fs.readFileSync("Pulumi.yaml", "utf8")).name;
const settings = yaml.load(fs.readFileSync("Pulumi.example.yaml", "utf8")).config || {};
(async () => {
    const registered = [];
    await pulumi.runtime.setMocks({
        newResource: (a) => {
            registered.push(a.type);
            return { id: a.name + "-id", state: { ...a.inputs, clientId: "0b8e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d", objectId: "o", value: "example-secret", expiresAt: "2027-01-01T00:00:00Z", createdAt: "2026-01-01T00:00:00Z", result: "pw" } };
        },
        call: () => ({ tenantId: "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f", objectId: "g", oauth2PermissionScopeIds: { openid: "1", email: "2", profile: "3" } }),
    }, project, "example", false);
    for (const [key, value] of Object.entries(settings)) {
        pulumi.runtime.setConfig(key.includes(":") ? key : project + ":" + key, typeof value === "string" ? value : JSON.stringify(value));
    }
    const warnings = [];
    pulumi.log.warn = async (message) => { warnings.push(message); };
    const program = require(path.resolve("bin", "index.js"));
    const exported = await new Promise((resolve) => pulumi.output(program).apply(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    console.log(JSON.stringify({ exported, registered, warnings }));
})().catch((error) => { console.error("example failed: " + error.message); process.exit(1); });
`;

function copyExample(from: string, to: string): void {
    fs.cpSync(from, to, {
        recursive: true,
        filter: (source) => !["node_modules", "bin"].includes(path.basename(source)),
    });
}

/** Checks every example program (a folder with a Pulumi.yaml); throws on the first failure. */
export function checkExamples(scratch: string, tarball: string): void {
    const examplesDir = path.join(ROOT, "examples");
    // A Pulumi project (Pulumi.yaml) is a program a user runs on its own, so it needs its own
    // package.json; the others are configuration examples (an ESC environment, a fleet
    // inventory), checked by their own tests.
    const projects = fs
        .readdirSync(examplesDir)
        .filter((name) => fs.existsSync(path.join(examplesDir, name, "Pulumi.yaml")));
    const missing = projects.filter((name) => !fs.existsSync(path.join(examplesDir, name, "package.json")));
    if (missing.length > 0) throw new Error(`example programs without a package.json: ${missing.join(", ")}`);
    if (projects.length === 0) throw new Error("no example program under examples/");
    const examples = projects;
    for (const name of examples) {
        const dir = path.join(scratch, "examples", name);
        copyExample(path.join(examplesDir, name), dir);
        const manifestFile = path.join(dir, "package.json");
        const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
            dependencies: Record<string, string>;
        };
        if (manifest.dependencies[PACKAGE] !== "file:../..") {
            throw new Error(
                `examples/${name}: package.json must depend on ${PACKAGE} as "file:../.." (the repository root)`,
            );
        }
        manifest.dependencies[PACKAGE] = `file:${tarball}`;
        fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
        npmInstall(dir);
        execFileSync(
            process.execPath,
            [path.join("node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"],
            {
                cwd: dir,
                stdio: "inherit",
            },
        );
        fs.writeFileSync(path.join(dir, "run-under-mocks.js"), RUNNER);
        const output = execFileSync(process.execPath, ["run-under-mocks.js"], { cwd: dir, encoding: "utf8" });
        const result = JSON.parse(output.trim().split("\n").pop()!) as {
            exported: Record<string, unknown>;
            registered: string[];
        };
        const components = result.registered.filter(
            (t) => t === "jumpcloud-entra-idp:index:EntraIdentityProvider",
        );
        if (components.length === 0 || Object.keys(result.exported).length === 0) {
            throw new Error(
                `examples/${name}: ran, but registered ${components.length} components and exported nothing`,
            );
        }
        console.log(
            `examples/${name}: installs on its own (package from the tarball), type-checks, and runs under mocks ` +
                `(${components.length} components, exports ${Object.keys(result.exported).join(", ")}): yes`,
        );
        execFileSync(process.execPath, [path.join(__dirname, "exampleUnderEngine.js"), dir], {
            stdio: "inherit",
        });
    }
}
