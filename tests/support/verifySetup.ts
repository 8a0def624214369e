/**
 * A correct setup for `verify`, made through the same pieces `pulumi up` uses: the app, its
 * service principal and client secret created by the simulated azuread plugin in one tenant (its
 * objects on disk, which the Entra sign-in emulator reads), and the JumpCloud side in the JumpCloud
 * emulator: the AZURE identity provider, the users, a routed group with a member.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REDIRECT_URIS } from "../../components/constants";
import { JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { EntraLoginEmulator } from "../../emulator/entraLogin/entraLoginEmulator";
import { simulatedProvider } from "../../simulation/azurePlugin/simulatedProvider";
import { STATE_DIR_ENV, StateStore, type TenantObjects } from "../../simulation/azurePlugin/stateStore";
import { plainValue } from "../../simulation/secretValues";
import { PATHS } from "../../providers/jumpcloudApi";
import { sendRequest } from "../../providers/jumpcloudClient";
import type { VerifyTarget } from "../../verify";

export const VERIFY_API_KEY = "verify-api-key-5e0c8a1d9b2f7364";
export const VERIFY_TENANT = "7e1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const URN = (type: string, name: string) =>
    `urn:pulumi:verify::jumpcloud-entra-idp::jumpcloud-entra-idp:index:EntraIdentityProvider$${type}::${name}`;

export interface VerifySetup {
    readonly target: VerifyTarget;
    readonly jumpCloud: JumpCloudEmulator;
    readonly login: EntraLoginEmulator;
    readonly tenant: TenantObjects;
    readonly ids: { app: string; password: string; policy: string; group: string };
    stop(): Promise<void>;
}

export async function makeVerifySetup(
    users = ["jane.doe@contoso.com", "sam.lee@contoso.com"],
): Promise<VerifySetup> {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "jce-verify-"));
    const azuread = simulatedProvider(
        "azuread",
        "6.9.1",
        new StateStore("azuread", { [STATE_DIR_ENV]: stateDir }),
        {},
    );
    azuread.configure({ tenantId: VERIFY_TENANT });
    const app = await azuread.create!(URN("azuread:index/application:Application", "jc-app"), {
        displayName: "JumpCloud",
        signInAudience: "AzureADMyOrg",
        web: {
            redirectUris: [REDIRECT_URIS.us],
            implicitGrant: { idTokenIssuanceEnabled: true, accessTokenIssuanceEnabled: false },
        },
    });
    const clientId = String(app.outs.clientId);
    await azuread.create!(URN("azuread:index/servicePrincipal:ServicePrincipal", "jc-sp"), { clientId });
    const endDate = new Date(Date.now() + 180 * 86_400_000).toISOString();
    const password = await azuread.create!(
        URN("azuread:index/applicationPassword:ApplicationPassword", "jc-secret"),
        { applicationId: app.id, displayName: "JumpCloud IdP", endDate },
    );
    const clientSecret = String(plainValue(password.outs.value));

    const jumpCloud = await JumpCloudEmulator.start({ apiKey: VERIFY_API_KEY });
    const orgId = jumpCloud.organizations[0];
    const issuerUrl = `https://login.microsoftonline.com/${VERIFY_TENANT}`;
    const idp = jumpCloud.seedIdentityProvider(orgId, {
        name: "Entra OIDC",
        type: "AZURE",
        oidc: { clientId, clientSecret, url: issuerUrl },
    });
    const jumpCloudUsers = users.map((email) => jumpCloud.seedUser(orgId, email));
    const group = jumpCloud.seedUserGroup(orgId, "Engineering");
    jumpCloud.seedGroupMember(orgId, group.id, jumpCloudUsers[0]._id);
    const policy = jumpCloud.seedRoutingPolicy(orgId);
    await sendRequest(
        { baseUrl: jumpCloud.url, apiKey: VERIFY_API_KEY },
        {
            method: "POST",
            path: PATHS.routingPolicyAssociations(policy),
            body: { op: "add", type: "user_group", id: group.id },
        },
        { maxAttempts: 1, timeoutMs: 5_000, totalBudgetMs: 5_000, baseDelayMs: 0, maxDelayMs: 0 },
    );
    const login = await EntraLoginEmulator.start(stateDir);
    const target: VerifyTarget = {
        tenantId: VERIFY_TENANT,
        issuerUrl,
        clientId,
        clientSecret,
        clientSecretEndDate: String(password.outs.endDate),
        region: "us",
        identityProviderId: idp.id,
        userPrincipalNames: users,
        routing: { policyId: policy, groupIds: [group.id] },
        warnBeforeExpiryDays: 30,
        jumpCloud: { apiKey: VERIFY_API_KEY, apiUrl: jumpCloud.url },
    };
    return {
        target,
        jumpCloud,
        login,
        tenant: new StateStore("azuread", { [STATE_DIR_ENV]: stateDir }).tenant(VERIFY_TENANT),
        ids: { app: app.id, password: password.id, policy, group: group.id },
        async stop() {
            await Promise.all([jumpCloud.stop(), login.stop()]);
            fs.rmSync(stateDir, { recursive: true, force: true });
        },
    };
}
