/**
 * The article's "copy the secret value to a secure location", as code: the client secret stored
 * as an Azure Key Vault secret that expires with it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { KeyVaultArgs } from "./args";

export function copySecretToKeyVault(
    name: string,
    args: KeyVaultArgs & { readonly secretName: string },
    value: pulumi.Output<string>,
    endDate: pulumi.Output<string>,
    parent: pulumi.Resource,
): pulumi.CustomResource {
    // Loaded here, on first use, and only its Key Vault module: @pulumi/azure-native is large, and
    // programs that do not ask for a Key Vault copy never load it.
    const keyvault =
        require("@pulumi/azure-native/keyvault") as typeof import("@pulumi/azure-native/keyvault");
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
