/**
 * The inline Pulumi program every organization's stack runs: one `EntraIdentityProvider` built
 * from the inventory entry, and its outputs as the stack's outputs (the same ones index.ts exports).
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { EntraIdentityProvider } from "../components";
import type { EntraIdentityProviderArgs } from "../components/args";

/** The component's name in every fleet stack: one per stack, so it need not vary. */
export const FLEET_COMPONENT_NAME = "jumpcloud-entra";

export function fleetProgram(args: EntraIdentityProviderArgs): PulumiFn {
    return async () => {
        const idp = new EntraIdentityProvider(FLEET_COMPONENT_NAME, args);
        return {
            applicationObjectId: idp.applicationObjectId,
            clientId: idp.clientId,
            tenantId: idp.tenantId,
            issuerUrl: idp.issuerUrl,
            redirectUri: idp.redirectUri,
            clientSecret: idp.clientSecret,
            clientSecretEndDate: idp.clientSecretEndDate,
            clientSecretDaysLeft: idp.clientSecretDaysLeft,
            users: idp.users,
            userPasswords: idp.userPasswords,
            adminConsentUrl: idp.adminConsentUrl,
            identityProviderId: idp.identityProviderId,
            jumpCloudUsers: idp.jumpCloudUsers,
            routedUserGroupIds: idp.routedUserGroupIds,
            keyVaultSecretId: idp.keyVaultSecretId,
        };
    };
}
