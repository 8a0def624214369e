/**
 * The yardstick of the benchmark's side-by-side figure: what a user writes without the component,
 * per JumpCloud organization: the app registration, its service principal, admin consent, a
 * client secret, two users with generated first passwords, and one minimal dynamic resource for
 * the JumpCloud identity provider (no retries, no checks; see simulation/minimalProvider.ts).
 * Self-contained, as a user's program is. The API URL comes from JUMPCLOUD_API_URL (the emulator).
 */
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import { randomBytes } from "crypto";

const organizations = new pulumi.Config().requireObject<string[]>("organizations");
const apiUrl = process.env.JUMPCLOUD_API_URL ?? "https://console.jumpcloud.com";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const SCOPES = ["openid", "email", "profile"];

interface IdpInputs {
    apiUrl: string;
    orgId: string;
    name: string;
    url: string;
    clientId: string;
    clientSecret: string;
}

const idpProvider: pulumi.dynamic.ResourceProvider<IdpInputs, IdpInputs> & { apiKey?: string } = {
    async configure(req) {
        idpProvider.apiKey = req.config.get("jumpcloud:apiKey");
    },
    async create(inputs) {
        const axios = require("axios");
        const body = {
            name: inputs.name,
            type: "AZURE",
            oidc: { url: inputs.url, clientId: inputs.clientId, clientSecret: inputs.clientSecret },
        };
        const reply = await axios.post(`${inputs.apiUrl}/api/v2/identity-providers`, body, {
            headers: { "x-api-key": idpProvider.apiKey, "x-org-id": inputs.orgId },
        });
        return { id: reply.data.id, outs: inputs };
    },
    async delete(id, props) {
        const axios = require("axios");
        await axios.delete(`${props.apiUrl}/api/v2/identity-providers/${id}`, {
            headers: { "x-api-key": idpProvider.apiKey, "x-org-id": props.orgId },
        });
    },
};

class IdentityProvider extends pulumi.dynamic.Resource {
    constructor(
        name: string,
        args: { [K in keyof IdpInputs]: pulumi.Input<IdpInputs[K]> },
        opts: pulumi.CustomResourceOptions,
    ) {
        super(idpProvider, name, args, { ...opts, additionalSecretOutputs: ["clientSecret"] });
    }
}

const tenantId = azuread.getClientConfigOutput().tenantId;
const graph = azuread.getServicePrincipalOutput({ clientId: GRAPH });

export const identityProviderIds = organizations.map((orgId, i) => {
    const app = new azuread.Application(`org${i}-app`, {
        displayName: "JumpCloud",
        signInAudience: "AzureADMyOrg",
        web: {
            redirectUris: ["https://login.jumpcloud.com/oauth/callback"],
            implicitGrant: { idTokenIssuanceEnabled: true, accessTokenIssuanceEnabled: false },
        },
        optionalClaims: { idTokens: [{ name: "email" }, { name: "upn" }] },
        requiredResourceAccesses: [
            {
                resourceAppId: GRAPH,
                resourceAccesses: SCOPES.map((scope) => ({
                    id: graph.oauth2PermissionScopeIds.apply((ids) => ids[scope]),
                    type: "Scope",
                })),
            },
        ],
    });
    const sp = new azuread.ServicePrincipal(`org${i}-sp`, { clientId: app.clientId });
    const consent = new azuread.ServicePrincipalDelegatedPermissionGrant(`org${i}-consent`, {
        servicePrincipalObjectId: sp.objectId,
        resourceServicePrincipalObjectId: graph.objectId,
        claimValues: SCOPES,
    });
    const secret = new azuread.ApplicationPassword(
        `org${i}-secret`,
        { applicationId: app.id, displayName: "JumpCloud IdP", endDate: "2027-06-01T00:00:00Z" },
        { additionalSecretOutputs: ["value"] },
    );
    for (const who of ["first", "second"]) {
        new azuread.User(
            `org${i}-${who}`,
            {
                userPrincipalName: `${who}${i}@contoso.com`,
                displayName: `${who} ${i}`,
                mailNickname: `${who}${i}`,
                mail: `${who}${i}@contoso.com`,
                accountEnabled: true,
                // A first password made here and kept from the first run on (ignoreChanges).
                password: pulumi.secret(randomBytes(18).toString("base64") + "aA1!"),
                forcePasswordChange: true,
            },
            { ignoreChanges: ["password"] },
        );
    }
    // After consent, as the component does, so JumpCloud's first sign-in meets no consent prompt.
    const idp = new IdentityProvider(
        `org${i}-idp`,
        {
            apiUrl,
            orgId,
            name: "Entra OIDC",
            url: pulumi.interpolate`https://login.microsoftonline.com/${tenantId}`,
            clientId: app.clientId,
            clientSecret: secret.value,
        },
        { dependsOn: [consent] },
    );
    return idp.id;
});
