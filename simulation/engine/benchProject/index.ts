/**
 * The benchmark's stack program: one EntraIdentityProvider per JumpCloud organization in the
 * `organizations` setting (one identity provider per organization is all JumpCloud allows), each
 * with one user. The API URL comes from JUMPCLOUD_API_URL (the emulator).
 */
import * as pulumi from "@pulumi/pulumi";
import { EntraIdentityProvider } from "jumpcloud-entra-idp";

const organizations = new pulumi.Config().requireObject<string[]>("organizations");

export const identityProviderIds = organizations.map(
    (orgId, i) =>
        new EntraIdentityProvider(`org${i}`, {
            users: [{ userPrincipalName: `person${i}@contoso.com`, displayName: `Person ${i}` }],
            jumpCloud: { orgId, checkUsers: false },
        }).identityProviderId,
);
