/** The resources the policies look at, and how to tell the component's own children. */
// The tokens come from the component's own list: a relative import that ts-node (the policy pack's
// runtime) and the root build both compile, so the pack and the component cannot drift apart.
import { COMPONENT_TYPE, RESOURCE_TYPES } from "../components/resourceTypes";

export { COMPONENT_TYPE, RESOURCE_TYPES as TYPES };

/** Whether a resource is a child (at any depth) of an EntraIdentityProvider, from its URN. */
export function insideComponent(urn: string): boolean {
    // urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>
    const qualifiedType = urn.split("::")[2] ?? "";
    return qualifiedType.split("$").slice(0, -1).includes(COMPONENT_TYPE);
}
