/**
 * The component side of the benchmark's side-by-side figure: per JumpCloud organization, one
 * EntraIdentityProvider with two users, the same objects ../handWritten/index.ts writes by hand.
 * The API URL comes from JUMPCLOUD_API_URL (the emulator).
 */
import * as pulumi from "@pulumi/pulumi";
import { EntraIdentityProvider } from "jumpcloud-entra-idp";

const organizations = new pulumi.Config().requireObject<string[]>("organizations");

export const identityProviderIds = organizations.map(
    (orgId, i) =>
        new EntraIdentityProvider(`org${i}`, {
            users: [
                { userPrincipalName: `first${i}@contoso.com`, displayName: `First ${i}` },
                { userPrincipalName: `second${i}@contoso.com`, displayName: `Second ${i}` },
            ],
            jumpCloud: { orgId, checkUsers: false },
        }).identityProviderId,
);
