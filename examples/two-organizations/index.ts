/**
 * Using jumpcloud-entra-idp as a library: one stack, two JumpCloud organizations (an MSP), each
 * federated with its own Entra tenant through its own azuread provider.
 *
 * Stack settings (per organization): `contosoTenantId`, `contosoOrgId`, `fabrikamTenantId`,
 * `fabrikamOrgId`; optional for both: `identityProviderName` (the name shown in JumpCloud) and
 * `clientSecretRotation` (any new value rotates both client secrets on the next `pulumi up`). The
 * API key of the MSP administrator comes from JUMPCLOUD_API_KEY or
 * `pulumi config set --secret jumpcloud:apiKey`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import { EntraIdentityProvider } from "jumpcloud-entra-idp";

const config = new pulumi.Config();
const identityProviderName = config.get("identityProviderName");
const rotation = config.get("clientSecretRotation");

const organizations = [
    { name: "contoso", domain: "contoso.com", people: ["ada.lovelace", "alan.turing"] },
    { name: "fabrikam", domain: "fabrikam.com", people: ["grace.hopper"] },
];

export const identityProviders = organizations.map((org) => {
    // Each customer's Entra tenant gets its own azuread provider (credentials from its environment
    // or `azuread:*` settings of that provider).
    const tenant = new azuread.Provider(`${org.name}-tenant`, {
        tenantId: config.require(`${org.name}TenantId`),
    });
    const idp = new EntraIdentityProvider(
        org.name,
        {
            applicationName: `JumpCloud (${org.name})`,
            ...(identityProviderName ? { identityProviderName } : {}),
            ...(rotation ? { clientSecret: { rotateWhenChanged: { clientSecretRotation: rotation } } } : {}),
            users: org.people.map((person) => ({
                userPrincipalName: `${person}@${org.domain}`,
                displayName: person
                    .split(".")
                    .map((part) => part[0].toUpperCase() + part.slice(1))
                    .join(" "),
            })),
            jumpCloud: { orgId: config.require(`${org.name}OrgId`) },
        },
        { providers: { azuread: tenant } },
    );
    return {
        organization: org.name,
        clientId: idp.clientId,
        issuerUrl: idp.issuerUrl,
        identityProviderId: idp.identityProviderId,
        clientSecretEndDate: idp.clientSecretEndDate,
        // Which people still need a JumpCloud user with their email (found: false).
        jumpCloudUsers: idp.jumpCloudUsers,
        // Each person's first password, a secret: `pulumi stack output identityProviders --show-secrets`.
        userPasswords: idp.userPasswords,
    };
});
