/**
 * `npm run fleet -- verify` for one organization: the target is built from the stack's outputs and
 * the inventory entry, and a failed check fails the organization with the check and its fix.
 */
import { expect } from "chai";
import type { Stack } from "@pulumi/pulumi/automation";
import { parseInventory } from "../fleet/inventory";
import { fleetVerifyTarget, verifyOrganization } from "../fleet/verifyOperation";
import { VERIFY_API_KEY, VERIFY_TENANT, makeVerifySetup, type VerifySetup } from "./support/verifySetup";

describe("fleet verify: one organization's connection, from its stack outputs and inventory entry", function () {
    this.timeout(20_000);
    let setup: VerifySetup;

    beforeEach(async () => {
        setup = await makeVerifySetup();
    });
    afterEach(async () => setup.stop());

    const organization = () => {
        const text = [
            "project: msp",
            "defaults:",
            "  secrets: { jumpCloudApiKey: { env: MSP_KEY } }",
            "organizations:",
            "  - name: contoso",
            `    jumpCloudOrgId: ${setup.jumpCloud.organizations[0]}`,
            `    entraTenantId: ${VERIFY_TENANT}`,
            "    component:",
            "      users:",
            ...setup.target.userPrincipalNames.map(
                (upn) => `        - { userPrincipalName: ${upn}, displayName: Someone }`,
            ),
            "      jumpCloud:",
            `        apiUrl: ${setup.jumpCloud.url}`,
            `        routing: { policyId: ${setup.ids.policy}, userGroups: [Engineering] }`,
        ].join("\n");
        return parseInventory(text, "fleet.yaml").organizations[0];
    };
    const stackWithOutputs = () => {
        const t = setup.target;
        const values: Record<string, unknown> = {
            tenantId: t.tenantId,
            issuerUrl: t.issuerUrl,
            clientId: t.clientId,
            clientSecret: t.clientSecret,
            clientSecretEndDate: t.clientSecretEndDate,
            identityProviderId: t.identityProviderId,
            users: t.userPrincipalNames.map((userPrincipalName) => ({ userPrincipalName, objectId: "o" })),
            routedUserGroupIds: [setup.ids.group],
        };
        const outputs = Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }]));
        return { outputs: async () => outputs } as unknown as Stack;
    };

    it("builds the same target verify --stack would, and passes on a correct setup", async () => {
        const target = fleetVerifyTarget(organization(), await stackWithOutputs().outputs(), VERIFY_API_KEY);
        expect(target).to.deep.include({
            region: "us",
            routing: { policyId: setup.ids.policy, groupIds: [setup.ids.group] },
            warnBeforeExpiryDays: 30,
        });
        await verifyOrganization(stackWithOutputs(), organization(), VERIFY_API_KEY, {
            loginUrl: setup.login.url,
        });
    });

    it("fails the organization naming the failed check, its Entra code and fix, never the secret", async () => {
        setup.tenant.remove(setup.ids.password);
        let error: Error | undefined;
        await verifyOrganization(stackWithOutputs(), organization(), VERIFY_API_KEY, {
            loginUrl: setup.login.url,
        }).catch((e: Error) => (error = e));
        expect(error?.message).to.match(/^✗ the client secret JumpCloud holds: refused .*AADSTS7000215/);
        expect(error?.message)
            .to.include("pulumi refresh")
            .and.not.include(setup.target.clientSecret.slice(0, 16));
    });
});
