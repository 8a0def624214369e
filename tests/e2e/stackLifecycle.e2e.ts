/**
 * `pulumi` typed in this repository's folder, following the README's steps verbatim: copy
 * Pulumi.example.yaml to Pulumi.<stack>.yaml, `pulumi stack init`, `pulumi config set --secret
 * jumpcloud:apiKey` (the key on standard input, nowhere in the environment), then `pulumi up`
 * and the rest of the typed lifecycle (support/typedLifecycle.ts), plus what only the stack
 * program has: stack-config errors, routing, the user check, the Key Vault copy, users added and
 * removed. The steps build on each other, in order.
 */
import { expect } from "chai";
import * as path from "path";
import { REPO_ROOT } from "../../simulation/engine/pulumiCli";
import { deepPlainValue } from "../../simulation/secretValues";
import { STATE_DIR_ENV, StateStore } from "../../simulation/azurePlugin/stateStore";
import { typedLifecycle } from "./support/typedLifecycle";
import { RESOURCE_TYPES as TYPES } from "../../components/resourceTypes";
import {
    completedSteps,
    exampleStackConfig,
    expectSucceeded,
    simulatedAzureObjects,
    useStackFolder,
} from "./support/engineFixtures";

const REPO_TENANT = "44444444-4444-4444-8444-444444444444";

describe("e2e, typed CLI: this repository's folder, as the README says", function () {
    this.timeout(240_000);
    let policyId: string;
    const folder = useStackFolder({
        stackName: `e2e-${process.pid}`,
        projectDir: REPO_ROOT,
        // `cp Pulumi.example.yaml Pulumi.<stack>.yaml`, `pulumi stack init`, `pulumi config set ...`
        copyStackFileFrom: path.join(REPO_ROOT, "Pulumi.example.yaml"),
        config: (jumpcloud) => {
            const orgId = jumpcloud.organizations[0];
            jumpcloud.seedUser(orgId, "jane.doe@contoso.com");
            jumpcloud.seedUserGroup(orgId, "Engineering");
            policyId = jumpcloud.seedRoutingPolicy(orgId);
            return {
                ...exampleStackConfig(),
                "azuread:tenantId": REPO_TENANT,
                "jumpcloud-entra-idp:jumpCloudApiUrl": jumpcloud.url,
                "jumpcloud-entra-idp:jumpCloudRouting": { policyId, userGroups: ["Engineering"] },
                "jumpcloud-entra-idp:keyVault": {
                    resourceGroupName: "identity-rg",
                    vaultName: "contoso-identity-kv",
                },
            };
        },
    });

    const emulator = () => folder().emulator;
    const project = () => folder().project;
    const requestsOf = (method: string) => emulator().requests.filter((r) => r.method === method);
    const vaultValues = () =>
        Object.values(simulatedAzureObjects(project().sandbox.azureStateDir, "azure-native")).map(
            (o) => deepPlainValue<{ value: string }>(o.outputs.properties).value,
        );

    it("bad config fails `pulumi up` with the component's message and creates nothing", async () => {
        for (const [key, value, expected] of [
            ["jumpcloud-entra-idp:region", "asia", /region must be one of "us", "eu", got "asia"/],
            [
                "jumpcloud-entra-idp:users",
                [{ userPrincipalName: "jane.doe", displayName: "Jane Doe" }],
                /userPrincipalName[^\n]*jane\.doe/,
            ],
        ] as const) {
            project().writeStackConfig({ ...folder().config, [key]: value });
            try {
                const result = await project().run("up");
                expect(result.ok, `up with ${key}=${JSON.stringify(value)}`).to.equal(false);
                expect(result.error).to.match(expected);
                expect(emulator().identityProviders()).to.have.length(0);
                expect(simulatedAzureObjects(project().sandbox.azureStateDir)).to.deep.equal({});
                expect(requestsOf("POST")).to.have.length(0);
            } finally {
                project().writeStackConfig(folder().config);
            }
        }
    });

    typedLifecycle(folder, {
        rename: { key: "jumpcloud-entra-idp:identityProviderName", value: "Contoso Entra" },
        rotationKey: "jumpcloud-entra-idp:clientSecretRotation",
        // Pulumi.example.yaml sets clientSecretRotateAfterDays.
        scheduledRotation: true,
        identityProviders: 1,
        afterUp: () => {
            it("the stack program's own parts: tenant, routing, the user check, the Key Vault copy", async () => {
                const outputs = await project().outputs(true);
                expect(outputs.issuerUrl).to.equal(`https://login.microsoftonline.com/${REPO_TENANT}`);
                expect(emulator().identityProviders()[0].oidc.url).to.equal(outputs.issuerUrl);
                // The tenant reached the simulated plugin through the provider's Configure.
                const store = new StateStore("azuread", { [STATE_DIR_ENV]: project().sandbox.azureStateDir });
                expect(store.tenantIds()).to.deep.equal([REPO_TENANT]);
                expect(emulator().identityProviders()[0].oidc.clientSecret)
                    .to.equal(outputs.clientSecret)
                    .and.match(/^SIMULATED~/);
                expect(emulator().policyAssociations(policyId)).to.have.length(1);
                expect(outputs.jumpCloudUsers).to.deep.equal([
                    { email: "jane.doe@contoso.com", found: true },
                    { email: "sam.lee@contoso.com", found: false },
                ]);
                expect(vaultValues()).to.deep.equal([outputs.clientSecret]);
                // The CLI prints diagnostics in its summary (stdout), and sometimes on stderr as they come.
                const up = project().results.at(-1)!;
                expect(up.stdout + up.stderr).to.match(
                    /warning: jumpcloud-entra: no JumpCloud user has the email sam\.lee@contoso\.com/,
                );
                const shown = await project().outputs(false);
                expect(shown.clientSecret).to.equal("[secret]");
                expect(shown.userPasswords).to.equal("[secret]");
            });
        },
        beforeDestroy: () => {
            it("after rotation the Key Vault copy holds the new secret", async () => {
                const outputs = await project().outputs(true);
                expect(vaultValues()).to.deep.equal([outputs.clientSecret]);
            });

            it("users: adding one and removing another replaces no other user", async () => {
                folder().config = {
                    ...folder().config,
                    "jumpcloud-entra-idp:users": [
                        { userPrincipalName: "jane.doe@contoso.com", displayName: "Jane Doe" },
                        { userPrincipalName: "lee.chan@contoso.com", displayName: "Lee Chan" },
                    ],
                };
                project().writeStackConfig(folder().config);
                const up = expectSucceeded(await project().run("up"), "pulumi up");
                const changed = completedSteps(up.events).filter((s) => s.op !== "same");
                expect(changed.filter((s) => s.op.includes("replace"))).to.deep.equal([]);
                const userSteps = changed
                    .filter((s) => s.type === TYPES.user)
                    .map((s) => [s.op, s.urn.split("::").pop()]);
                expect(userSteps).to.have.deep.members([
                    ["create", "jumpcloud-entra-user-lee.chan@contoso.com"],
                    ["delete", "jumpcloud-entra-user-sam.lee@contoso.com"],
                ]);
                const upns = ((await project().outputs()).users as { userPrincipalName: string }[]).map(
                    (u) => u.userPrincipalName,
                );
                expect(upns).to.deep.equal(["jane.doe@contoso.com", "lee.chan@contoso.com"]);
            });
        },
        afterDestroy: () => {
            it("after `destroy`: no routing binding and no Key Vault copy", () => {
                expect(emulator().policyAssociations(policyId)).to.deep.equal([]);
                expect(simulatedAzureObjects(project().sandbox.azureStateDir, "azure-native")).to.deep.equal(
                    {},
                );
            });
        },
    });
});
