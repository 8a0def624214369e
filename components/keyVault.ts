/**
 * The article's "copy the secret value to a secure location", as code: the client secret stored
 * as an Azure Key Vault secret that expires with it.
 *
 * `@pulumi/azure-native` (about 136 MB installed) is an optional peer dependency: only this copy
 * uses it, so a program that wants it installs it itself.
 */
import * as pulumi from "@pulumi/pulumi";
import type { KeyVaultArgs } from "./args";

type KeyVaultModule = typeof import("@pulumi/azure-native/keyvault");

/** The optional peer's range, as declared in package.json `peerDependencies` (a test keeps them equal). */
export const AZURE_NATIVE_PEER_RANGE = "^3.28.0";
const KEY_VAULT_MODULE = "@pulumi/azure-native/keyvault";

/**
 * Loads only the Key Vault module of `@pulumi/azure-native`, or throws an error that says exactly
 * what to install. Called before the component registers anything, so a missing package creates
 * nothing. `resolve` is replaceable so that tests can stand in for a program without the package.
 */
export function loadKeyVaultModule(
    componentName: string,
    resolve: (id: string) => string = require.resolve,
): KeyVaultModule {
    let file: string;
    try {
        file = resolve(KEY_VAULT_MODULE);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
        // The user's install, not a bug: the message alone (RunError), before anything is registered.
        throw new pulumi.RunError(
            `EntraIdentityProvider "${componentName}": keyVault needs the package @pulumi/azure-native, ` +
                "which is not installed. It is an optional peer dependency of jumpcloud-entra-idp (only the " +
                `Key Vault copy uses it): run \`npm install @pulumi/azure-native@"${AZURE_NATIVE_PEER_RANGE}"\` ` +
                "in your program, or remove keyVault.",
        );
    }
    return require(file) as KeyVaultModule;
}

export function copySecretToKeyVault(
    keyvault: KeyVaultModule,
    name: string,
    args: KeyVaultArgs & { readonly secretName: string },
    value: pulumi.Output<string>,
    endDate: pulumi.Output<string>,
    parent: pulumi.Resource,
): pulumi.CustomResource {
    return new keyvault.Secret(
        `${name}-keyvault-secret`,
        {
            resourceGroupName: args.resourceGroupName,
            vaultName: args.vaultName,
            secretName: args.secretName,
            properties: {
                value: pulumi.secret(value),
                contentType: "JumpCloud identity provider client secret (Entra ID)",
                attributes: {
                    enabled: true,
                    // Key Vault wants seconds since the epoch.
                    expires: endDate.apply((end) => Math.floor(Date.parse(end) / 1000)),
                },
            },
        },
        { parent },
    );
}
