/**
 * The structure of an inventory entry's `component:` map: the `EntraIdentityProviderArgs` an
 * inventory can give (region and jumpCloud.orgId are the organization's own fields instead).
 */
import { boolean, listOf, number, objectOf, recordOf, string, type Shape } from "./shape";

export const COMPONENT_SHAPE: Shape = objectOf({
    applicationName: string,
    additionalRedirectUris: listOf(string),
    optionalClaims: listOf(string),
    grantAdminConsent: boolean,
    clientSecret: objectOf({
        description: string,
        expiresInDays: number,
        endDate: string,
        rotateWhenChanged: recordOf(string),
        rotateAfterDays: number,
        warnBeforeExpiryDays: number,
    }),
    users: listOf(
        objectOf({
            userPrincipalName: string,
            displayName: string,
            mailNickname: string,
            accountEnabled: boolean,
        }),
    ),
    identityProviderName: string,
    jumpCloud: objectOf({
        apiUrl: string,
        adoptExisting: boolean,
        existingId: string,
        routing: objectOf({ policyId: string, userGroups: listOf(string) }),
        checkUsers: boolean,
        requireUsers: boolean,
    }),
    keyVault: objectOf({ resourceGroupName: string, vaultName: string, secretName: string }),
});
