import { expect } from "chai";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { parseInventory } from "../fleet/inventory";
import { readSecret } from "../fleet/secretSources";
import { stackOperation } from "../fleet/stackOperation";
import { runFleet } from "../fleet/runner";
import { PROVIDER_EXPORT } from "../providers/providerShim";

/** The repository root (this file runs from dist/tests). */
const REPO_ROOT = path.resolve(__dirname, "..", "..");

const inventoryText = (keySource: string) => `
organizations:
  - { name: a, jumpCloudOrgId: 0123456789abcdef01234567, entraTenantId: 11111111-2222-3333-4444-555555555555, secrets: { jumpCloudApiKey: ${keySource} } }
  - { name: b, jumpCloudOrgId: 89abcdef0123456789abcdef, entraTenantId: 11111111-2222-3333-4444-555555555555, secrets: { jumpCloudApiKey: { env: B_KEY } } }
`;

describe("fleet secrets", () => {
    let dir: string;
    beforeEach(() => {
        // Anywhere: the fleet prepares its work folder wherever it is.
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-secrets-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads a secret from the environment or a file, without the file's trailing newline", () => {
        expect(readSecret({ env: "K" }, "secrets.jumpCloudApiKey", { K: "key-1" })).to.equal("key-1");
        const file = path.join(dir, "key");
        fs.writeFileSync(file, "key-2\n");
        expect(readSecret({ file }, "secrets.jumpCloudApiKey", {})).to.equal("key-2");
    });

    it("names the source, never a value, when a secret is missing or empty", () => {
        expect(() => readSecret({ env: "K" }, "secrets.jumpCloudApiKey", {})).to.throw(
            "secrets.jumpCloudApiKey: environment variable K is empty or not set",
        );
        expect(() => readSecret({ env: "K" }, "secrets.stackPassphrase", { K: "  " })).to.throw(
            "secrets.stackPassphrase: environment variable K is empty or not set",
        );
        const missing = path.join(dir, "nope");
        expect(() => readSecret({ file: missing }, "secrets.jumpCloudApiKey", {})).to.throw(
            `secrets.jumpCloudApiKey: cannot read file ${missing} (ENOENT)`,
        );
    });

    it("refuses to start when JUMPCLOUD_API_KEY would replace organizations' own keys", () => {
        const inventory = parseInventory(inventoryText("{ env: A_KEY }"), "fleet.yaml");
        expect(() => stackOperation(inventory, { workDir: dir, env: { JUMPCLOUD_API_KEY: "k" } })).to.throw(
            "JUMPCLOUD_API_KEY is set in the environment: it would replace the JumpCloud key of every organization (a, b name their own). Unset it, or name it as their secrets.jumpCloudApiKey ({ env: JUMPCLOUD_API_KEY }).",
        );
        expect(() => stackOperation(inventory, { workDir: dir, env: {} })).not.to.throw();
        const shared = parseInventory(
            inventoryText("{ env: JUMPCLOUD_API_KEY }").replace(
                "{ env: B_KEY }",
                "{ env: JUMPCLOUD_API_KEY }",
            ),
            "fleet.yaml",
        );
        expect(() =>
            stackOperation(shared, { workDir: dir, env: { JUMPCLOUD_API_KEY: "k" } }),
        ).not.to.throw();
    });

    it("prepares a work folder outside the project: its stack folders load this package's providers and SDK", () => {
        const inventory = parseInventory(inventoryText("{ env: A_KEY }"), "fleet.yaml");
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-outside-"));
        const fromStackFolder = (request: string) =>
            fs.realpathSync(createRequire(path.join(outside, "a", "package.json")).resolve(request));
        try {
            expect(() => fromStackFolder(PROVIDER_EXPORT)).to.throw(/Cannot find module/);
            // A link left by an earlier run of another install is pointed at this one.
            fs.mkdirSync(path.join(outside, "node_modules"));
            fs.symlinkSync(os.tmpdir(), path.join(outside, "node_modules", "jumpcloud-entra-idp"));
            for (let run = 0; run < 2; run++) stackOperation(inventory, { workDir: outside, env: {} });
            expect(fromStackFolder(PROVIDER_EXPORT)).to.equal(
                path.join(REPO_ROOT, "dist", "providers", "dynamicProviders.js"),
            );
            // What Pulumi's pulumi-resource-pulumi-nodejs resolves from the host's folder.
            expect(fromStackFolder("@pulumi/pulumi/cmd/dynamic-provider")).to.equal(
                require.resolve("@pulumi/pulumi/cmd/dynamic-provider"),
            );
            expect(fs.readdirSync(outside)).to.deep.equal(["node_modules"]);
        } finally {
            fs.rmSync(outside, { recursive: true, force: true });
        }
    });

    it("refuses a work folder where a package someone installed cannot serve the providers", () => {
        const inventory = parseInventory(inventoryText("{ env: A_KEY }"), "fleet.yaml");
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-outside-"));
        try {
            // A real folder is the user's own install: left alone, and checked as the host will load it.
            const theirs = path.join(outside, "node_modules", "jumpcloud-entra-idp");
            fs.mkdirSync(theirs, { recursive: true });
            fs.writeFileSync(
                path.join(theirs, "package.json"),
                JSON.stringify({ name: "jumpcloud-entra-idp" }),
            );
            expect(() => stackOperation(inventory, { workDir: outside, env: {} })).to.throw(
                `the program directory ${path.join(outside, "organization")} cannot load "jumpcloud-entra-idp/dynamic-providers" (MODULE_NOT_FOUND)`,
            );
            expect(fs.lstatSync(theirs).isSymbolicLink()).to.equal(false);
        } finally {
            fs.rmSync(outside, { recursive: true, force: true });
        }
    });

    it("fails only the organization whose secret is missing, before any Pulumi call", async () => {
        const inventory = parseInventory(inventoryText("{ env: A_KEY }"), "fleet.yaml");
        const operate = stackOperation(inventory, { workDir: dir, env: { B_KEY: "" } });
        const results = await runFleet({
            organizations: inventory.organizations,
            operation: "up",
            operate,
            only: ["b"],
        });
        expect(results).to.have.length(1);
        expect(results[0]).to.include({
            organization: "b",
            result: "failed",
            error: "secrets.jumpCloudApiKey: environment variable B_KEY is empty or not set",
        });
        // Nothing was made for it: no workspace folder, only the links every stack folder shares.
        expect(fs.readdirSync(dir)).to.deep.equal(["node_modules"]);
    });
});
