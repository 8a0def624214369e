/**
 * Turns a stack's configuration into component arguments. Used by the stack program only; kept
 * apart so that the mapping can be tested without a stack.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EntraIdentityProviderArgs, EntraUserArgs, KeyVaultArgs, RoutingArgs } from "./args";
import type { Region } from "../providers/connection";
import { rememberStackKeys } from "./argumentNames";

/** Each argument path and the stack key (without the project prefix) it is read from. */
export const STACK_KEYS: Readonly<Record<string, string>> = {
    applicationName: "applicationName",
    region: "region",
    identityProviderName: "identityProviderName",
    grantAdminConsent: "grantAdminConsent",
    optionalClaims: "optionalClaims",
    additionalRedirectUris: "additionalRedirectUris",
    "clientSecret.description": "clientSecretDescription",
    "clientSecret.expiresInDays": "clientSecretExpiresInDays",
    "clientSecret.endDate": "clientSecretEndDate",
    "clientSecret.rotateAfterDays": "clientSecretRotateAfterDays",
    "clientSecret.rotateWhenChanged": "clientSecretRotation",
    "clientSecret.warnBeforeExpiryDays": "clientSecretWarnBeforeExpiryDays",
    users: "users",
    "jumpCloud.orgId": "jumpCloudOrgId",
    "jumpCloud.apiUrl": "jumpCloudApiUrl",
    "jumpCloud.adoptExisting": "jumpCloudAdoptExisting",
    "jumpCloud.existingId": "jumpCloudExistingId",
    "jumpCloud.routing": "jumpCloudRouting",
    "jumpCloud.requireUsers": "jumpCloudRequireUsers",
    keyVault: "keyVault",
};

/**
 * Reads the keys declared in Pulumi.yaml; empty strings and zeros mean "not set". The arguments
 * remember which stack key each came from, so a bad value is reported under the key the user wrote.
 */
export function argsFromConfig(config: pulumi.Config): EntraIdentityProviderArgs {
    const text = (key: string) => {
        const value = config.get(key);
        return value === undefined || value === "" ? undefined : value;
    };
    // Whole numbers are read strictly: `config.getNumber` would read "180 days" as 180. Anything
    // that is not plainly a number is passed on as the text it is, and the argument check then
    // refuses it quoting it as given (`got "180 days" (a string)`) under its stack key.
    const wholeNumber = (key: string): number | undefined => {
        const value = text(key);
        if (value === undefined) return undefined;
        return /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : (value as unknown as number);
    };
    const list = (key: string) => {
        const value = config.getObject<string[]>(key);
        return value && value.length > 0 ? value : undefined;
    };
    const rotateAfterDays = wholeNumber("clientSecretRotateAfterDays");
    const rotation = text("clientSecretRotation");
    const orgId = text("jumpCloudOrgId");
    const apiUrl = text("jumpCloudApiUrl");
    const existingId = text("jumpCloudExistingId");
    const routing = config.getObject<RoutingArgs>("jumpCloudRouting");
    const keyVault = config.getObject<KeyVaultArgs>("keyVault");
    const args: EntraIdentityProviderArgs = {
        applicationName: text("applicationName"),
        region: text("region") as Region | undefined,
        identityProviderName: text("identityProviderName"),
        grantAdminConsent: config.getBoolean("grantAdminConsent"),
        optionalClaims: list("optionalClaims"),
        additionalRedirectUris: list("additionalRedirectUris"),
        clientSecret: {
            description: text("clientSecretDescription"),
            expiresInDays: wholeNumber("clientSecretExpiresInDays"),
            endDate: text("clientSecretEndDate"),
            rotateAfterDays: rotateAfterDays ? rotateAfterDays : undefined,
            // Any new value rotates: a new secret, the IdP updated with it, then the old one deleted.
            ...(rotation ? { rotateWhenChanged: { clientSecretRotation: rotation } } : {}),
            warnBeforeExpiryDays: wholeNumber("clientSecretWarnBeforeExpiryDays"),
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
    rememberStackKeys(
        args,
        Object.fromEntries(Object.entries(STACK_KEYS).map(([path, key]) => [path, `${config.name}:${key}`])),
    );
    return args;
}
