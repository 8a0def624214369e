/**
 * `pulumi` typed in folders outside this repository, where the package is installed from its
 * tarball: a fresh consumer program, and examples/two-organizations (two JumpCloud organizations,
 * two Entra tenants). The API key is only in `jumpcloud:apiKey`; each folder passes the whole
 * typed lifecycle (support/typedLifecycle.ts).
 */
import { expect } from "chai";
import * as path from "path";
import { EntraLoginEmulator } from "../../emulator/entraLogin/entraLoginEmulator";
import type { VerifyReport } from "../../verify";
import { STATE_DIR_ENV, StateStore } from "../../simulation/azurePlugin/stateStore";
import { RESOURCE_TYPES as TYPES } from "../../components/resourceTypes";
import { CONSUMER_PROJECT, installPrograms, type InstalledPrograms } from "./support/installedPrograms";
import { typedLifecycle } from "./support/typedLifecycle";
import { expectSucceeded, runCommand, useEngine, useStackFolder } from "./support/engineFixtures";

const CONTOSO_ORG = "c0c0c0c0c0c0c0c0c0c0c0c0";
const FABRIKAM_ORG = "fabfabfabfabfabfabfabfab";
const CONTOSO_TENANT = "11111111-1111-4111-8111-111111111111";
const FABRIKAM_TENANT = "22222222-2222-4222-8222-222222222222";
const CONSUMER_TENANT = "33333333-3333-4333-8333-333333333333";

describe("e2e, typed CLI: the package installed from its tarball", function () {
    this.timeout(600_000);
    // Skips (fails in CI) before the install when there is no CLI to run the folders with.
    useEngine();
    let programs: InstalledPrograms;

    before(function () {
        this.timeout(300_000);
        programs = installPrograms();
    });
    after(() => programs?.dispose());

    describe("a fresh consumer program (its own package.json, Pulumi.yaml, index.ts)", function () {
        const folder = useStackFolder({
            stackName: "dev",
            projectDir: () => programs.consumerDir,
            config: (emulator) => ({
                "azuread:tenantId": CONSUMER_TENANT,
                [`${CONSUMER_PROJECT}:jumpCloudApiUrl`]: emulator.url,
                [`${CONSUMER_PROJECT}:people`]: [
                    { userPrincipalName: "ada.lovelace@contoso.com", displayName: "Ada Lovelace" },
                ],
            }),
        });

        typedLifecycle(folder, {
            rename: { key: `${CONSUMER_PROJECT}:identityProviderName`, value: "Contoso SSO" },
            rotationKey: `${CONSUMER_PROJECT}:secretRotation`,
            // No rotateAfterDays: the secret is renamed on rotation.
            scheduledRotation: false,
            identityProviders: 1,
            afterUp: () => {
                it("the IdP URL names the stack's azuread:tenantId", async () => {
                    const issuerUrl = `https://login.microsoftonline.com/${CONSUMER_TENANT}`;
                    expect((await folder().project.outputs()).issuerUrl).to.equal(issuerUrl);
                    expect(folder().emulator.identityProviders()[0].oidc.url).to.equal(issuerUrl);
                });
            },
        });
    });

    describe("examples/two-organizations (two organizations, two tenants)", function () {
        const folder = useStackFolder({
            stackName: "msp",
            projectDir: () => programs.exampleDir,
            organizations: [CONTOSO_ORG, FABRIKAM_ORG],
            config: () => ({
                "jumpcloud-entra-two-orgs:contosoTenantId": CONTOSO_TENANT,
                "jumpcloud-entra-two-orgs:contosoOrgId": CONTOSO_ORG,
                "jumpcloud-entra-two-orgs:fabrikamTenantId": FABRIKAM_TENANT,
                "jumpcloud-entra-two-orgs:fabrikamOrgId": FABRIKAM_ORG,
            }),
            // The example reaches JumpCloud through the environment, as an operator would.
            env: (emulator) => ({ JUMPCLOUD_API_URL: emulator.url }),
        });

        typedLifecycle(folder, {
            rename: { key: "jumpcloud-entra-two-orgs:identityProviderName", value: "Customer SSO" },
            rotationKey: "jumpcloud-entra-two-orgs:clientSecretRotation",
            // No rotateAfterDays: the secret is renamed on rotation.
            scheduledRotation: false,
            identityProviders: 2,
        });

        it("each organization's IdP is its own, and each tenant holds only its own app and users", async () => {
            // Runs after destroy: make them again and look at who got what.
            expectSucceeded(await folder().project.run("up"), "pulumi up");
            const outputs = (await folder().project.outputs()).identityProviders as {
                organization: string;
                identityProviderId: string;
                issuerUrl: string;
                clientId: string;
            }[];
            expect(outputs.map((o) => o.organization)).to.deep.equal(["contoso", "fabrikam"]);
            const { emulator } = folder();
            expect(emulator.identityProviders(CONTOSO_ORG).map((i) => i.id)).to.deep.equal([
                outputs[0].identityProviderId,
            ]);
            expect(emulator.identityProviders(FABRIKAM_ORG).map((i) => i.id)).to.deep.equal([
                outputs[1].identityProviderId,
            ]);
            // Each explicit provider's tenantId reached its plugin: each IdP names its own tenant, and
            // each tenant holds its own app and users, none of the other's.
            expect(outputs.map((o) => o.issuerUrl)).to.deep.equal([
                `https://login.microsoftonline.com/${CONTOSO_TENANT}`,
                `https://login.microsoftonline.com/${FABRIKAM_TENANT}`,
            ]);
            expect(emulator.identityProviders(CONTOSO_ORG)[0].oidc.url).to.equal(outputs[0].issuerUrl);
            expect(emulator.identityProviders(FABRIKAM_ORG)[0].oidc.url).to.equal(outputs[1].issuerUrl);
            const store = new StateStore("azuread", {
                [STATE_DIR_ENV]: folder().project.sandbox.azureStateDir,
            });
            expect(store.tenantIds().sort()).to.deep.equal([CONTOSO_TENANT, FABRIKAM_TENANT]);
            const inTenant = (tenant: string, type: string) =>
                Object.values(store.tenant(tenant).all()).filter((o) => o.type === type);
            expect(
                inTenant(CONTOSO_TENANT, TYPES.user).map((u) => u.outputs.userPrincipalName),
            ).to.have.members(["ada.lovelace@contoso.com", "alan.turing@contoso.com"]);
            expect(
                inTenant(FABRIKAM_TENANT, TYPES.user).map((u) => u.outputs.userPrincipalName),
            ).to.deep.equal(["grace.hopper@fabrikam.com"]);
            expect(inTenant(CONTOSO_TENANT, TYPES.application).map((a) => a.outputs.clientId)).to.deep.equal([
                outputs[0].clientId,
            ]);
            expect(inTenant(FABRIKAM_TENANT, TYPES.application).map((a) => a.outputs.clientId)).to.deep.equal(
                [outputs[1].clientId],
            );
        });

        it("the installed `jumpcloud-entra-verify` checks each organization's connection, chosen by --component", async () => {
            const { project } = folder();
            const login = await EntraLoginEmulator.start(project.sandbox.azureStateDir);
            try {
                const verify = (...extra: string[]) =>
                    // The bin the package installs into node_modules/.bin, typed in the example's folder.
                    runCommand(
                        path.join(programs.exampleDir, "node_modules", ".bin", "jumpcloud-entra-verify"),
                        ["--stack", "msp", "--login-url", login.url, ...extra],
                        { cwd: programs.exampleDir, env: project.environment },
                    );
                const unchosen = await verify();
                expect(unchosen.code, unchosen.stderr).to.equal(2);
                expect(unchosen.stderr, unchosen.stderr).to.include(
                    "the stack has 2 EntraIdentityProvider components (contoso, fabrikam): choose one with --component <name>",
                );
                const secrets = [CONTOSO_ORG, FABRIKAM_ORG].map(
                    (org) => folder().emulator.identityProviders(org)[0].oidc.clientSecret,
                );
                expect(secrets.every((secret) => secret.length >= 16)).to.equal(true);
                // Nobody has a JumpCloud user yet: the users check alone fails, its fix naming the
                // component's argument (what this program's author wrote), not a stack key.
                const unseeded = await verify("--component", "contoso", "--json");
                expect(unseeded.code, unseeded.stdout + unseeded.stderr).to.equal(1);
                const failing = (JSON.parse(unseeded.stdout) as VerifyReport).checks.filter(
                    (c) => c.status === "fail",
                );
                expect(failing.map((c) => c.id)).to.deep.equal(["users"]);
                expect(failing[0].fix).to.include('remove it from users of EntraIdentityProvider "contoso"');
                const { emulator } = folder();
                emulator.seedUser(CONTOSO_ORG, "ada.lovelace@contoso.com");
                emulator.seedUser(CONTOSO_ORG, "alan.turing@contoso.com");
                emulator.seedUser(FABRIKAM_ORG, "grace.hopper@fabrikam.com");
                for (const [name, tenant] of [
                    ["contoso", CONTOSO_TENANT],
                    ["fabrikam", FABRIKAM_TENANT],
                ]) {
                    const result = await verify("--component", name, "--json");
                    expect(result.code, `${name}: ${result.stdout}${result.stderr}`).to.equal(0);
                    const report = JSON.parse(result.stdout) as VerifyReport;
                    expect(report.checks.every((c) => c.status === "pass")).to.equal(true);
                    expect(result.stdout).to.include(tenant);
                    for (const secret of secrets) expect(result.stdout).to.not.include(secret.slice(0, 16));
                }
            } finally {
                await login.stop();
            }
            expectSucceeded(await folder().project.run("destroy"), "pulumi destroy");
        });
    });
});
