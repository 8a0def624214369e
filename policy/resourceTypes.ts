/** The resources the policies look at, and how to tell the component's own children. */

/** The component's type; its children's URNs carry it in their type chain. */
export const COMPONENT_TYPE = "jumpcloud-entra-idp:index:EntraIdentityProvider";

export const TYPES = {
    application: "azuread:index/application:Application",
    applicationPassword: "azuread:index/applicationPassword:ApplicationPassword",
    user: "azuread:index/user:User",
    identityProvider: "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider",
} as const;

/** Whether a resource is a child (at any depth) of an EntraIdentityProvider, from its URN. */
export function insideComponent(urn: string): boolean {
    // urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>
    const qualifiedType = urn.split("::")[2] ?? "";
    return qualifiedType.split("$").slice(0, -1).includes(COMPONENT_TYPE);
}
