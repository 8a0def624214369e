import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InventoryError, loadInventory, parseInventory } from "../fleet/inventory";

const ORG_A = "0123456789abcdef01234567";
const ORG_B = "89abcdef0123456789abcdef";
const TENANT = "11111111-2222-3333-4444-555555555555";

/** The problems of a bad inventory, as `line field: message` strings. */
function problemsOf(text: string): string[] {
    try {
        parseInventory(text, "fleet.yaml");
    } catch (error) {
        expect(error).to.be.instanceOf(InventoryError);
        return (error as InventoryError).problems.map((p) => `${p.line} ${p.field}: ${p.message}`);
    }
    throw new Error("the inventory was accepted");
}

const GOOD = `
project: msp-fleet
defaults:
  region: us
  secrets:
    jumpCloudApiKey: { env: MSP_JUMPCLOUD_API_KEY }
  component:
    clientSecret: { expiresInDays: 180, rotateAfterDays: 150 }
organizations:
  - name: contoso
    jumpCloudOrgId: ${ORG_A}
    entraTenantId: ${TENANT}
    component:
      users:
        - { userPrincipalName: ada@contoso.com, displayName: Ada Lovelace }
  - name: fabrikam
    jumpCloudOrgId: ${ORG_B}
    region: eu
    entraTenantId: ${TENANT}
    secrets:
      jumpCloudApiKey: { file: keys/fabrikam }
      stackPassphrase: { env: FABRIKAM_PASSPHRASE }
    component:
      identityProviderName: Fabrikam Entra
      jumpCloud: { requireUsers: true }
`;

describe("fleet inventory", () => {
    it("reads every organization with defaults applied and region and org id moved into the component", () => {
        const inventory = parseInventory(GOOD, "/srv/msp/fleet.yaml");
        expect(inventory.project).to.equal("msp-fleet");
        const [contoso, fabrikam] = inventory.organizations;
        expect(contoso.name).to.equal("contoso");
        expect(contoso.line).to.equal(10);
        expect(contoso.component.region).to.equal("us");
        expect(contoso.component.jumpCloud?.orgId).to.equal(ORG_A);
        expect(contoso.component.clientSecret).to.deep.equal({ expiresInDays: 180, rotateAfterDays: 150 });
        expect(contoso.secrets.jumpCloudApiKey).to.deep.equal({ env: "MSP_JUMPCLOUD_API_KEY" });
        expect(contoso.secrets.stackPassphrase).to.deep.equal({ env: "PULUMI_CONFIG_PASSPHRASE" });
        expect(contoso.secretsProvider).to.equal("passphrase");
        expect(fabrikam.region).to.equal("eu");
        expect(fabrikam.component.region).to.equal("eu");
        expect(fabrikam.component.jumpCloud).to.deep.equal({ requireUsers: true, orgId: ORG_B });
        // Relative files start at the inventory's folder.
        expect(fabrikam.secrets.jumpCloudApiKey).to.deep.equal({ file: "/srv/msp/keys/fabrikam" });
        expect(fabrikam.secrets.stackPassphrase).to.deep.equal({ env: "FABRIKAM_PASSPHRASE" });
    });

    it("names the line, the field and what is wrong for every bad entry at once", () => {
        const problems = problemsOf(`
organizations:
  - name: contoso
    jumpCloudOrgId: ${ORG_A}
    entraTenantId: ${TENANT}
    secrets: { jumpCloudApiKey: { env: KEY } }
    component:
      users:
        - { userPrincipalName: ada@contoso.com, displayName: Ada }
        - { userPrincipalName: ADA@contoso.com, displayName: Ada again }
      clientSecret:
        expiresInDays: 900
  - name: bad one
    jumpCloudOrgId: 0123
    entraTenantId: not-a-guid
    region: mars
    secrets: { jumpCloudApiKey: { env: KEY } }
    component:
      optionalClaims: email
      colour: blue
`);
        expect(problems).to.deep.equal([
            "10 organizations[0].component.users[1].userPrincipalName: duplicates users[0].userPrincipalName (ADA@contoso.com); each user must be listed once",
            "12 organizations[0].component.clientSecret.expiresInDays: must be a whole number from 1 to 730, got 900",
            '13 organizations[1].name: must be a stack name (a letter or digit, then letters, digits, "_", ".", "-"), got string "bad one"',
            '14 organizations[1].jumpCloudOrgId: must be a JumpCloud organization id of 24 hex characters, got 123 (a number) (YAML read a number: put the id in quotes, "...")',
            '15 organizations[1].entraTenantId: (the Entra directory id) must be a GUID such as 00000000-0000-0000-0000-000000000000, got "not-a-guid"',
            '16 organizations[1].region: must be one of "us", "eu", got "mars"',
            '19 organizations[1].component.optionalClaims: must be a list, got string "email"',
            "20 organizations[1].component.colour: is not a known field here; known: applicationName, additionalRedirectUris, optionalClaims, grantAdminConsent, clientSecret, users, identityProviderName, jumpCloud, keyVault",
        ]);
    });

    it("reports duplicate stack names and organizations even beside other problems", () => {
        const entry = (name: string, orgId: string, extra = "") =>
            `  - { name: ${name}, jumpCloudOrgId: ${orgId}, entraTenantId: ${TENANT}, secrets: { jumpCloudApiKey: { env: K } }${extra} }\n`;
        const problems = problemsOf(
            "organizations:\n" +
                entry("contoso", ORG_A, ", region: mars") +
                entry("Contoso", ORG_B) +
                entry("fabrikam", ORG_A),
        );
        expect(problems).to.deep.equal([
            '2 organizations[0].region: must be one of "us", "eu", got "mars"',
            "3 organizations[1].name: duplicates organizations[0].name (Contoso); each stack name must be unique",
            `4 organizations[2].jumpCloudOrgId: duplicates organizations[0].jumpCloudOrgId (${ORG_A}); two stacks would fight over one organization's identity provider`,
        ]);
    });

    it("never echoes a secret written in place of its source", () => {
        const problems = problemsOf(`
organizations:
  - name: contoso
    jumpCloudOrgId: ${ORG_A}
    entraTenantId: ${TENANT}
    secrets:
      jumpCloudApiKey: sk-live-0123456789
`);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(
            /^7 organizations\[0\]\.secrets\.jumpCloudApiKey: must be \{ env: VARIABLE \} or \{ file: PATH \}/,
        );
        expect(problems.join("\n")).not.to.include("sk-live");
    });

    it("asks for a JumpCloud key source, and refuses region or org id inside component", () => {
        const problems = problemsOf(`
organizations:
  - name: contoso
    jumpCloudOrgId: ${ORG_A}
    entraTenantId: ${TENANT}
    component:
      region: eu
      jumpCloud: { orgId: ${ORG_B} }
`);
        expect(problems).to.deep.equal([
            "3 organizations[0].secrets.jumpCloudApiKey: is required (here or in defaults.secrets): { env: VARIABLE } or { file: PATH }",
            "7 organizations[0].component.region: is set as the organization's region, not inside component",
            "8 organizations[0].component.jumpCloud.orgId: is set as the organization's jumpCloudOrgId, not inside component",
        ]);
    });

    it("reports a component problem that comes from defaults at the defaults' line, once", () => {
        const problems = problemsOf(`
defaults:
  secrets: { jumpCloudApiKey: { env: K } }
  component:
    clientSecret: { expiresInDays: 0 }
organizations:
  - { name: a, jumpCloudOrgId: ${ORG_A}, entraTenantId: ${TENANT} }
  - { name: b, jumpCloudOrgId: ${ORG_B}, entraTenantId: ${TENANT}, component: { clientSecret: { expiresInDays: 90 } } }
`);
        expect(problems).to.deep.equal([
            "5 defaults.component.clientSecret.expiresInDays: must be a whole number from 1 to 730, got 0",
        ]);
    });

    it("reports YAML syntax errors with their line, and an empty or missing organizations list", () => {
        expect(problemsOf("organizations:\n  - name: a\n    bad: [1\n")[0]).to.match(/^\d+ : YAML syntax: /);
        expect(problemsOf("project: x\n")).to.deep.equal([
            "1 organizations: must be a list of at least one organization, got nothing",
        ]);
        expect(problemsOf("organizations: []\nextra: 1\n")).to.deep.equal([
            "1 organizations: must be a list of at least one organization, got a list",
            "2 extra: is not a known field here; known: project, backend, defaults, organizations",
        ]);
    });

    it("checks secret sources and the secrets provider", () => {
        const problems = problemsOf(`
organizations:
  - name: a
    jumpCloudOrgId: ${ORG_A}
    entraTenantId: ${TENANT}
    secretsProvider: azurekeyvault://vault.vault.azure.net/keys/fleet
    secrets:
      jumpCloudApiKey: { env: "1BAD" }
      stackPassphrase: { env: P }
      entraClientSecret: { env: A, file: b }
`);
        expect(problems).to.deep.equal([
            "8 organizations[0].secrets.jumpCloudApiKey.env: must be an environment variable name (letters, digits, underscores)",
            "10 organizations[0].secrets.entraClientSecret: must be { env: VARIABLE } or { file: PATH } naming where the secret is read, never the secret itself (got the keys env, file)",
        ]);
        expect(
            problemsOf(
                `organizations:\n  - { name: a, jumpCloudOrgId: ${ORG_A}, entraTenantId: ${TENANT}, secretsProvider: "awskms://alias/fleet", secrets: { jumpCloudApiKey: { env: K }, stackPassphrase: { env: P } } }\n`,
            ),
        ).to.deep.equal([
            '2 organizations[0].secrets.stackPassphrase: is only used by the passphrase secrets provider, not "awskms://alias/fleet"',
        ]);
    });

    it("reads a file and resolves a relative file:// backend against the inventory's folder", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-inventory-"));
        try {
            const file = path.join(dir, "fleet.yaml");
            fs.writeFileSync(
                file,
                `backend: file://./state\norganizations:\n  - { name: a, jumpCloudOrgId: ${ORG_A}, entraTenantId: ${TENANT}, secrets: { jumpCloudApiKey: { env: K } } }\n`,
            );
            expect(loadInventory(file).backend).to.equal(`file://${path.join(dir, "state")}`);
            expect(() => loadInventory(path.join(dir, "missing.yaml"))).to.throw(
                InventoryError,
                /cannot read the file \(ENOENT\)/,
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("examples/fleet/fleet.yaml", () => {
    it("is a valid inventory", () => {
        const file = path.join(__dirname, "..", "..", "examples", "fleet", "fleet.yaml");
        const inventory = loadInventory(file);
        expect(inventory.organizations.map((o) => [o.name, o.region])).to.deep.equal([
            ["contoso", "us"],
            ["fabrikam", "eu"],
        ]);
        expect(inventory.backend).to.equal(`file://${path.join(path.dirname(file), "state")}`);
    });
});
