/**
 * The library entry of `jumpcloud-entra-idp`. Requiring it creates nothing and reads no config.
 */
export { EntraIdentityProvider, type EntraUserOutput } from "./entraIdentityProvider";
export type {
    EntraIdentityProviderArgs,
    ClientSecretArgs,
    EntraUserArgs,
    JumpCloudArgs,
    RoutingArgs,
} from "./args";
export { ID_TOKEN_OPTIONAL_CLAIMS, GRAPH_SCOPES, REDIRECT_URIS, MICROSOFT_GRAPH_APP_ID } from "./constants";
export { IdentityProvider, type IdentityProviderArgs } from "../providers/identityProvider";
export type { Region } from "../providers/connection";
