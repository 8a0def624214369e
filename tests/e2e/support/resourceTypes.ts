/** The type tokens the e2e suites look for in the engine's events and the simulated Azure. */
export const TYPES = {
    application: "azuread:index/application:Application",
    applicationPassword: "azuread:index/applicationPassword:ApplicationPassword",
    user: "azuread:index/user:User",
} as const;

export const IDENTITY_PROVIDER_TYPE = "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider";
