/**
 * Turns a stack's configuration into component arguments. Used by the stack program only; kept
 * apart so that the mapping can be tested without a stack.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EntraIdentityProviderArgs, EntraUserArgs, KeyVaultArgs, RoutingArgs } from "./args";
import type { Region } from "../providers/connection";

/** Reads the keys declared in Pulumi.yaml; empty strings and zeros mean "not set". */
export function argsFromConfig(config: pulumi.Config): EntraIdentityProviderArgs {
    const text = (key: string) => {
        const value = config.get(key);
        return value === undefined || value === "" ? undefined : value;
    };
    const list = (key: string) => {
        const value = config.getObject<string[]>(key);
        return value && value.length > 0 ? value : undefined;
    };
    const rotateAfterDays = config.getNumber("clientSecretRotateAfterDays");
    const orgId = text("jumpCloudOrgId");
    const apiUrl = text("jumpCloudApiUrl");
    const existingId = text("jumpCloudExistingId");
    const routing = config.getObject<RoutingArgs>("jumpCloudRouting");
    const keyVault = config.getObject<KeyVaultArgs>("keyVault");
    return {
        applicationName: text("applicationName"),
        region: text("region") as Region | undefined,
        identityProviderName: text("identityProviderName"),
        grantAdminConsent: config.getBoolean("grantAdminConsent"),
        optionalClaims: list("optionalClaims"),
        additionalRedirectUris: list("additionalRedirectUris"),
        clientSecret: {
            description: text("clientSecretDescription"),
            expiresInDays: config.getNumber("clientSecretExpiresInDays"),
            endDate: text("clientSecretEndDate"),
            rotateAfterDays: rotateAfterDays ? rotateAfterDays : undefined,
            warnBeforeExpiryDays: config.getNumber("clientSecretWarnBeforeExpiryDays"),
        },
        users: config.getObject<EntraUserArgs[]>("users") ?? [],
        jumpCloud: {
            ...(orgId ? { orgId } : {}),
            ...(apiUrl ? { apiUrl } : {}),
            adoptExisting: config.getBoolean("jumpCloudAdoptExisting") ?? false,
            ...(existingId ? { existingId } : {}),
            ...(routing ? { routing } : {}),
            requireUsers: config.getBoolean("jumpCloudRequireUsers") ?? false,
        },
        ...(keyVault ? { keyVault } : {}),
    };
}
