import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseInventory } from "../fleet/inventory";
import { readSecret } from "../fleet/secretSources";
import { stackOperation } from "../fleet/stackOperation";
import { runFleet } from "../fleet/runner";

const inventoryText = (keySource: string) => `
organizations:
  - { name: a, jumpCloudOrgId: 0123456789abcdef01234567, entraTenantId: 11111111-2222-3333-4444-555555555555, secrets: { jumpCloudApiKey: ${keySource} } }
  - { name: b, jumpCloudOrgId: 89abcdef0123456789abcdef, entraTenantId: 11111111-2222-3333-4444-555555555555, secrets: { jumpCloudApiKey: { env: B_KEY } } }
`;

describe("fleet secrets", () => {
    let dir: string;
    beforeEach(() => {
        // Inside the project (dist/tests), where the package's providers resolve, as `.fleet/` does.
        dir = fs.mkdtempSync(path.join(__dirname, "fleet-secrets-"));
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

    it("refuses a work folder outside the project, where the providers' hosts could not load them", () => {
        const inventory = parseInventory(inventoryText("{ env: A_KEY }"), "fleet.yaml");
        const outside = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-outside-"));
        try {
            expect(() => stackOperation(inventory, { workDir: outside, env: {} })).to.throw(
                /cannot load "jumpcloud-entra-idp\/dynamic-providers"/,
            );
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
        // Nothing was made for it: no workspace folder.
        expect(fs.readdirSync(dir)).to.deep.equal([]);
    });
});
