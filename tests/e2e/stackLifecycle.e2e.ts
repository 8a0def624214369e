/**
 * The stack program (index.ts) under the real Pulumi CLI and engine, end to end: a stack made the
 * way the README says, `pulumi up`, idempotency, drift, update in place, rotation, users,
 * secrets in state, and `pulumi destroy`. The steps build on each other, in order.
 */
import { expect } from "chai";
import { JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { REPO_ROOT } from "../../simulation/engine/pulumiCli";
import { StackProject } from "../../simulation/engine/stackProject";
import { deepPlainValue } from "../../simulation/secretValues";
import {
    E2E_API_KEY,
    E2E_PASSPHRASE,
    compiledProgram,
    completedSteps,
    echo,
    exampleStackConfig,
    expectSucceeded,
    simulatedAzureObjects,
    useEngine,
} from "./support/engineFixtures";

const IDP_TYPE = "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider";
const SECRET_TYPE = "azuread:index/applicationPassword:ApplicationPassword";
const USER_TYPE = "azuread:index/user:User";
const KEYVAULT_TYPE = "azure-native:keyvault:Secret";

describe("e2e: the stack program under the real Pulumi engine", function () {
    this.timeout(240_000);
    const engine = useEngine();
    let emulator: JumpCloudEmulator;
    let project: StackProject;
    let orgId: string;
    let policyId: string;
    let config: Record<string, unknown>;

    const idps = () => emulator.identityProviders(orgId);
    const requestsOf = (method: string) => emulator.requests.filter((r) => r.method === method);

    before(async () => {
        emulator = await JumpCloudEmulator.start({ apiKey: E2E_API_KEY });
        orgId = emulator.organizations[0];
        emulator.seedUser(orgId, "jane.doe@contoso.com");
        emulator.seedUserGroup(orgId, "Engineering");
        policyId = emulator.seedRoutingPolicy(orgId);
        config = {
            ...exampleStackConfig(),
            "jumpcloud-entra-idp:jumpCloudApiUrl": emulator.url,
            "jumpcloud-entra-idp:jumpCloudRouting": { policyId, userGroups: ["Engineering"] },
            "jumpcloud-entra-idp:keyVault": {
                resourceGroupName: "identity-rg",
                vaultName: "contoso-identity-kv",
            },
        };
        // As the README says: copy Pulumi.example.yaml, `pulumi stack init`, then the key as a secret.
        project = await StackProject.create({
            cli: engine.cli(),
            stackName: `e2e-${process.pid}`,
            projectDir: REPO_ROOT,
            layout: "in-place",
            programFile: compiledProgram(REPO_ROOT),
            config,
            passphrase: E2E_PASSPHRASE,
            echo,
        });
        await project.setSecret("jumpcloud:apiKey", E2E_API_KEY);
    });

    after(async () => {
        project?.dispose();
        await emulator?.stop();
    });

    it("bad config fails `pulumi up` with the component's message and creates nothing", async () => {
        for (const [key, value, expected] of [
            ["jumpcloud-entra-idp:region", "asia", /region must be one of "us", "eu", got "asia"/],
            [
                "jumpcloud-entra-idp:users",
                [{ userPrincipalName: "jane.doe", displayName: "Jane Doe" }],
                /userPrincipalName[^\n]*jane\.doe/,
            ],
        ] as const) {
            project.writeStackConfig({ ...config, [key]: value });
            try {
                const result = await project.run("up");
                expect(result.ok, `up with ${key}=${JSON.stringify(value)}`).to.equal(false);
                expect(result.error).to.match(expected);
                expect(idps()).to.have.length(0);
                expect(simulatedAzureObjects(project.sandbox.azureStateDir)).to.deep.equal({});
                expect(requestsOf("POST")).to.have.length(0);
            } finally {
                project.writeStackConfig(config);
            }
        }
    });

    it("`pulumi up` creates everything and wires the IdP from the azuread outputs", async () => {
        const result = expectSucceeded(await project.run("up"), "pulumi up");
        const created = completedSteps(result.events).filter((s) => s.op === "create");
        const types = created.map((s) => s.type);
        for (const type of [
            "azuread:index/application:Application",
            "azuread:index/servicePrincipal:ServicePrincipal",
            "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
            SECRET_TYPE,
            IDP_TYPE,
            "pulumi-nodejs:dynamic/jumpcloud:RoutingBindings",
        ]) {
            expect(types, type).to.include(type);
        }
        expect(types.filter((t) => t === USER_TYPE)).to.have.length(2);

        const outputs = await project.outputs(true);
        const [idp] = idps();
        expect(idps()).to.have.length(1);
        expect(idp.id).to.equal(outputs.identityProviderId);
        expect(idp.name).to.equal("Entra OIDC");
        expect(idp.oidc.url).to.equal(`https://login.microsoftonline.com/${String(outputs.tenantId)}`);
        expect(idp.oidc.clientId).to.equal(outputs.clientId);
        expect(idp.oidc.clientSecret)
            .to.equal(outputs.clientSecret)
            .and.match(/^SIMULATED~/);
        expect(emulator.policyAssociations(policyId)).to.have.length(1);
        expect(outputs.jumpCloudUsers).to.deep.equal([
            { email: "jane.doe@contoso.com", found: true },
            { email: "sam.lee@contoso.com", found: false },
        ]);
        // The CLI prints diagnostics in its summary (stdout), and sometimes on stderr as they come.
        expect(result.stdout + result.stderr).to.match(
            /warning: jumpcloud-entra: no JumpCloud user has the email sam\.lee@contoso\.com/,
        );

        const [vaultCopy] = Object.values(
            simulatedAzureObjects(project.sandbox.azureStateDir, "azure-native"),
        );
        expect(vaultCopy.type).to.equal(KEYVAULT_TYPE);
        expect(deepPlainValue(vaultCopy.outputs.properties)).to.deep.include({ value: outputs.clientSecret });

        const shown = await project.outputs(false);
        expect(shown.clientSecret).to.equal("[secret]");
        expect(shown.userPasswords).to.equal("[secret]");
    });

    it("a second run changes nothing: `preview --expect-no-changes` and `refresh --expect-no-changes`", async () => {
        emulator.resetRequests();
        expectSucceeded(await project.run("preview", { expectNoChanges: true }), "pulumi preview");
        expectSucceeded(await project.run("refresh", { expectNoChanges: true }), "pulumi refresh");
        for (const method of ["POST", "PUT", "DELETE"]) expect(requestsOf(method), method).to.have.length(0);
    });

    it("drift: a rename by hand shows on refresh and `pulumi up` puts it back with one PUT", async () => {
        const [before] = idps();
        emulator.editIdentityProvider(before.id, { name: "Renamed by hand" });
        const refresh = expectSucceeded(await project.run("refresh"), "pulumi refresh");
        expect(refresh.changes?.update, "refresh saw the IdP change").to.equal(1);
        emulator.resetRequests();
        const up = expectSucceeded(await project.run("up"), "pulumi up");
        expect(up.changes?.update).to.equal(1);
        expect(requestsOf("PUT")).to.have.length(1);
        expect(requestsOf("POST")).to.have.length(0);
        expect(idps().map((i) => [i.id, i.name])).to.deep.equal([[before.id, "Entra OIDC"]]);
    });

    it("changing identityProviderName updates the IdP in place", async () => {
        const [before] = idps();
        config = { ...config, "jumpcloud-entra-idp:identityProviderName": "Contoso Entra" };
        project.writeStackConfig(config);
        emulator.resetRequests();
        const up = expectSucceeded(await project.run("up"), "pulumi up");
        // The default pulumi-nodejs provider is handed the whole stack config (so that `configure`
        // sees jumpcloud:apiKey), so any config change updates it too; it replaces nothing.
        const steps = completedSteps(up.events).filter((s) => s.op !== "same");
        expect(steps.map((s) => [s.op, s.type])).to.deep.equal([
            ["update", "pulumi:providers:pulumi-nodejs"],
            ["update", IDP_TYPE],
        ]);
        expect(idps().map((i) => [i.id, i.name])).to.deep.equal([[before.id, "Contoso Entra"]]);
    });

    it("rotation: new secret, then the IdP updated with it, then the old secret deleted", async () => {
        const oldSecret = (await project.outputs(true)).clientSecret;
        config = { ...config, "jumpcloud-entra-idp:clientSecretExpiresInDays": 300 };
        project.writeStackConfig(config);
        const up = expectSucceeded(await project.run("up"), "pulumi up");
        const steps = completedSteps(up.events);
        const at = (op: string, type: string) => steps.findIndex((s) => s.op === op && s.type === type);
        const created = at("create-replacement", SECRET_TYPE);
        const updated = at("update", IDP_TYPE);
        const deleted = at("delete-replaced", SECRET_TYPE);
        expect(created, "new secret created").to.be.greaterThan(-1);
        expect(updated, "IdP updated after the new secret").to.be.greaterThan(created);
        expect(deleted, "old secret deleted after the IdP update").to.be.greaterThan(updated);
        const newSecret = (await project.outputs(true)).clientSecret;
        expect(newSecret).to.not.equal(oldSecret);
        expect(idps()[0].oidc.clientSecret).to.equal(newSecret);
        const passwords = Object.values(simulatedAzureObjects(project.sandbox.azureStateDir)).filter(
            (o) => o.type === SECRET_TYPE,
        );
        expect(passwords, "exactly one live Entra secret").to.have.length(1);
        const vault = Object.values(simulatedAzureObjects(project.sandbox.azureStateDir, "azure-native"));
        expect(vault.map((o) => deepPlainValue<{ value: string }>(o.outputs.properties).value)).to.deep.equal(
            [newSecret],
        );
    });

    it("users: adding one and removing another replaces no other user", async () => {
        config = {
            ...config,
            "jumpcloud-entra-idp:users": [
                { userPrincipalName: "jane.doe@contoso.com", displayName: "Jane Doe" },
                { userPrincipalName: "lee.chan@contoso.com", displayName: "Lee Chan" },
            ],
        };
        project.writeStackConfig(config);
        const up = expectSucceeded(await project.run("up"), "pulumi up");
        const changed = completedSteps(up.events).filter((s) => s.op !== "same");
        expect(changed.filter((s) => s.op.includes("replace"))).to.deep.equal([]);
        const userSteps = changed
            .filter((s) => s.type === USER_TYPE)
            .map((s) => [s.op, s.urn.split("::").pop()]);
        expect(userSteps).to.have.deep.members([
            ["create", "jumpcloud-entra-user-lee.chan@contoso.com"],
            ["delete", "jumpcloud-entra-user-sam.lee@contoso.com"],
        ]);
        const upns = ((await project.outputs()).users as { userPrincipalName: string }[]).map(
            (u) => u.userPrincipalName,
        );
        expect(upns).to.deep.equal(["jane.doe@contoso.com", "lee.chan@contoso.com"]);
    });

    it("secrets: the API key, client secret and passwords appear nowhere in state or the backend's files", async () => {
        const outputs = await project.outputs(true);
        const secrets = [
            E2E_API_KEY,
            String(outputs.clientSecret),
            ...Object.values(outputs.userPasswords as Record<string, string>),
        ];
        expect(secrets.every((s) => s.length >= 16)).to.equal(true);
        const exported = JSON.stringify(await project.exportState());
        const files = project.backendFiles();
        expect(files.length).to.be.greaterThan(0);
        for (const secret of secrets) {
            expect(exported.includes(secret), "stack export holds a secret in plain text").to.equal(false);
            for (const { file, text } of files) expect(text.includes(secret), file).to.equal(false);
        }
        // Not even the serialized providers, which are part of the state above: check they exist.
        expect(exported).to.include("__provider");
    });

    it("`pulumi destroy` leaves no IdP, no binding and nothing in the simulated Azure", async () => {
        const result = expectSucceeded(await project.run("destroy"), "pulumi destroy");
        expect(result.changes?.delete).to.be.greaterThan(0);
        expect(idps()).to.deep.equal([]);
        expect(emulator.policyAssociations(policyId)).to.deep.equal([]);
        expect(simulatedAzureObjects(project.sandbox.azureStateDir)).to.deep.equal({});
        expect(simulatedAzureObjects(project.sandbox.azureStateDir, "azure-native")).to.deep.equal({});
    });
});
