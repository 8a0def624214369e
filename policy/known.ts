/**
 * Values a policy can and cannot see yet. During a preview, inputs that depend on resources not
 * yet created are unknown; @pulumi/policy throws `UnknownValueError` when one is read. Our
 * policies skip what they cannot see: the same policy runs again on `pulumi up`, when it is known.
 */
import { UnknownValueError } from "@pulumi/policy";

export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Maybe<T> = T | typeof UNKNOWN;

/** Reads a property, turning "unknown during preview" into UNKNOWN; other errors propagate. */
export function read<T>(get: () => T): Maybe<T> {
    try {
        return get();
    } catch (error) {
        if (error instanceof UnknownValueError) return UNKNOWN;
        throw error;
    }
}

/** The component's type; its children's URNs carry it in their type chain. */
export const COMPONENT_TYPE = "jumpcloud-entra-idp:index:EntraIdentityProvider";

/** Whether a resource is a child (at any depth) of an EntraIdentityProvider, from its URN. */
export function insideComponent(urn: string): boolean {
    // urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>
    const qualifiedType = urn.split("::")[2] ?? "";
    return qualifiedType.split("$").slice(0, -1).includes(COMPONENT_TYPE);
}

/** The resource types the policies look at. */
export const TYPES = {
    application: "azuread:index/application:Application",
    applicationPassword: "azuread:index/applicationPassword:ApplicationPassword",
    user: "azuread:index/user:User",
    identityProvider: "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider",
} as const;
