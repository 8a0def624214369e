/**
 * The type tokens of what the component registers: its own type and its children's. The one
 * source for the component, the policy pack (which imports this file from ../components), the
 * simulated Azure and the tests. No imports, so that the policy pack compiles it on its own.
 */

/** The component's type; its children's URNs carry it in their type chain. */
export const COMPONENT_TYPE = "jumpcloud-entra-idp:index:EntraIdentityProvider";

export const RESOURCE_TYPES = {
    application: "azuread:index/application:Application",
    servicePrincipal: "azuread:index/servicePrincipal:ServicePrincipal",
    delegatedPermissionGrant:
        "azuread:index/servicePrincipalDelegatedPermissionGrant:ServicePrincipalDelegatedPermissionGrant",
    applicationPassword: "azuread:index/applicationPassword:ApplicationPassword",
    user: "azuread:index/user:User",
    keyVaultSecret: "azure-native:keyvault:Secret",
    /** Dynamic resources: Pulumi names them `pulumi-nodejs:dynamic/<module>:<type>`. */
    identityProvider: "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider",
    routingBindings: "pulumi-nodejs:dynamic/jumpcloud:RoutingBindings",
    generatedPassword: "pulumi-nodejs:dynamic/jumpcloud-entra-idp:GeneratedPassword",
    secretLifetime: "pulumi-nodejs:dynamic/jumpcloud-entra-idp:SecretLifetime",
} as const;
