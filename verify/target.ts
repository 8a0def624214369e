/**
 * What `verify` checks against: the values a stack knows on both sides (its outputs and the
 * settings that made them), and the result of each check.
 */
import type { Region } from "../providers/connection";

export interface VerifyTarget {
    /** The Entra tenant (directory) id: stack output `tenantId`. */
    readonly tenantId: string;
    /** The JumpCloud IdP URL the stack set: stack output `issuerUrl`. */
    readonly issuerUrl: string;
    /** The app registration's Application (client) ID: stack output `clientId`. */
    readonly clientId: string;
    /** The client secret JumpCloud holds (a secret): stack output `clientSecret`. */
    readonly clientSecret: string;
    /** RFC 3339: stack output `clientSecretEndDate`. */
    readonly clientSecretEndDate: string;
    /** The JumpCloud region the stack is set to now (its redirect URI is what JumpCloud sends). */
    readonly region: Region;
    /** stack output `identityProviderId`. */
    readonly identityProviderId: string;
    /** The Entra users the stack made (their user principal names are their emails). */
    readonly userPrincipalNames: readonly string[];
    /** The routing policy and the groups the stack bound to it (stack output `routedUserGroupIds`). */
    readonly routing?: { readonly policyId: string; readonly groupIds: readonly string[] };
    /** Fewer days left than this fails the lifetime check. */
    readonly warnBeforeExpiryDays: number;
    /** How fixes name the settings; default: the component's argument paths alone. */
    readonly naming?: SettingNaming;
    readonly jumpCloud: {
        /** A secret; undefined: none found (the JumpCloud checks then fail on the key). */
        readonly apiKey?: string;
        readonly apiUrl?: string;
        readonly orgId?: string;
    };
}

/** How a fix names a setting, so that it reads as what the user wrote. */
export interface SettingNaming {
    /** `stack`: this package's stack keys (`jumpcloud-entra-idp:users`); `arguments`: the component's argument paths. */
    readonly style: "stack" | "arguments";
    /** Put before an argument path, as the user's file nests it (the fleet inventory: `component.`). */
    readonly prefix?: string;
    /** Said after it: where the arguments were written (`of EntraIdentityProvider "contoso"`). */
    readonly where?: string;
    /** The tenant setting's own name, when the user wrote the tenant elsewhere (the inventory's `entraTenantId`). */
    readonly tenant?: string;
}

export interface VerifyOptions {
    /** Entra's sign-in host. Default https://login.microsoftonline.com. */
    readonly loginUrl?: string;
    /** JumpCloud's API base URL; default: the target's, else the region's. */
    readonly apiUrl?: string;
    /** Per request; default 10 s. */
    readonly timeoutMs?: number;
    /** For the lifetime check; default now. */
    readonly now?: Date;
}

export type CheckId =
    | "openid-configuration"
    | "authorize"
    | "client-secret"
    | "jumpcloud-key"
    | "identity-provider"
    | "users"
    | "routing"
    | "secret-lifetime";

export interface CheckResult {
    readonly id: CheckId;
    /** pass ✓, fail ✗, skip – (could not run because an earlier check failed). */
    readonly status: "pass" | "fail" | "skip";
    /** One line: what was checked and found. */
    readonly summary: string;
    /** For a failure: what to change, in the user's terms (stack key, admin screen). */
    readonly fix?: string;
    /** Entra's AADSTS number, when Entra gave one. */
    readonly entraCode?: number;
    /** The host did not answer at all (no HTTP reply within the time). */
    readonly unreachable?: boolean;
}

export const DEFAULT_LOGIN_URL = "https://login.microsoftonline.com";
export const DEFAULT_TIMEOUT_MS = 10_000;
