/**
 * Every JumpCloud endpoint path, header and body shape this package relies on, in one place.
 *
 * The facts come from docs/jumpcloud-api.md, each with a confidence mark: [D] documented,
 * [P] probed on the live API, [I] inferred. When the reference is corrected, this is the one
 * file to change: the HTTP client, the dynamic provider, the emulator and the contract suite
 * all build their requests and read their replies through it.
 *
 * This module holds plain data and pure functions only: it is captured by value into the
 * serialized dynamic provider, so it must not import anything with state.
 */

/** [D] Base URLs by JumpCloud region. */
export const JUMPCLOUD_BASE_URLS = {
    us: "https://console.jumpcloud.com",
    eu: "https://console.eu.jumpcloud.com",
} as const;

/** [D] Header names. The API key goes in `x-api-key`; there is no bearer token. */
export const HEADERS = {
    apiKey: "x-api-key",
    orgId: "x-org-id",
    accept: "Accept",
    contentType: "Content-Type",
} as const;

/** [D] Every request asks for and sends JSON. */
export const JSON_MEDIA_TYPE = "application/json";

/** [P] Identity provider types JumpCloud knows. Entra ID is `AZURE`. */
export const IDENTITY_PROVIDER_TYPES = ["OIDC", "GOOGLE", "OKTA", "AZURE"] as const;
export type IdentityProviderType = (typeof IDENTITY_PROVIDER_TYPES)[number];

/** [D] v2 list endpoints page with `limit` (at most 100) and `skip`. */
export const MAX_PAGE_SIZE = 100;

/** [P] The identity provider as JumpCloud's API sends and receives it. */
export interface IdentityProviderBody {
    name: string;
    type: IdentityProviderType;
    oidc: {
        clientId: string;
        /** [P] Write-only: every read returns "". */
        clientSecret: string;
        url: string;
    };
}

/** A stored identity provider as read back: the body plus its `id`. */
export interface IdentityProviderRecord extends IdentityProviderBody {
    id: string;
}

/** [P] `GET /api/v2/identity-providers` wraps its list. */
export interface IdentityProviderList {
    identityProviders: IdentityProviderRecord[];
    totalCount: number;
}

/** [D] Error bodies carry a `message` (spec schema `{code, message, status}`). */
export interface ErrorBody {
    code?: number;
    message?: string;
    status?: string;
}

/** [D] Binding operations on an identity-provider routing policy. */
export type AssociationOp = "add" | "remove";
export type AssociationTarget = "user_group" | "user";
export interface PolicyAssociationBody {
    op: AssociationOp;
    type: AssociationTarget;
    id: string;
}
/** [D] One bound target as listed by the associations endpoint. */
export interface PolicyAssociation {
    to: { id: string; type: AssociationTarget };
}

/** [D] v1 system user search reply. */
export interface SystemUserList {
    totalCount: number;
    results: { _id: string; email: string; username?: string }[];
}

/** [D] v2 user group (bare array reply to a filtered list). */
export interface UserGroup {
    id: string;
    name: string;
    type: "user_group";
}

/** Paths, built from ids. Ids are URI-encoded so a hostile value cannot change the path. */
export const PATHS = {
    /** [P] list (GET) and create (POST) */
    identityProviders: "/api/v2/identity-providers",
    /** [P] read (GET), replace (PUT), delete (DELETE); no PATCH */
    identityProvider: (id: string) => `/api/v2/identity-providers/${encodeURIComponent(id)}`,
    /** [D] list (GET, `targets=user_group|user`) and bind/unbind (POST) */
    routingPolicyAssociations: (policyId: string) =>
        `/api/v2/identity-provider/policies/${encodeURIComponent(policyId)}/associations`,
    /** [D] v1 user search */
    systemUsers: "/api/systemusers",
    /** [D] v2 user groups */
    userGroups: "/api/v2/usergroups",
    /** [D] a user group's direct members (GET), `{to: {id, type: "user"}}` each */
    userGroupMembers: (groupId: string) => `/api/v2/usergroups/${encodeURIComponent(groupId)}/members`,
} as const;

/** [D] Query strings for the look-ups. */
export const QUERIES = {
    listPage: (skip: number) => ({ limit: MAX_PAGE_SIZE, skip }),
    systemUserByEmail: (email: string) => ({ filter: `email:$eq:${email}` }),
    userGroupByName: (name: string) => ({ filter: `name:eq:${name}` }),
    associationTargets: (target: AssociationTarget) => ({ targets: target }),
} as const;

/** The create/replace body for an Entra ID (type AZURE) identity provider. */
export function azureIdentityProviderBody(p: {
    name: string;
    clientId: string;
    clientSecret: string;
    url: string;
}): IdentityProviderBody {
    return {
        name: p.name,
        type: "AZURE",
        oidc: { clientId: p.clientId, clientSecret: p.clientSecret, url: p.url },
    };
}

/** [I] JumpCloud object ids look like 24 hex characters. */
export const OBJECT_ID_PATTERN = /^[0-9a-f]{24}$/;

// ---------------------------------------------------------------------------------------------
// Reply shapes. Each returns what is wrong with a parsed 2xx body, or undefined, so the client can
// refuse a reply that is not what the sheet says before anything reads a field of it.
// ---------------------------------------------------------------------------------------------

/** [P] An identity provider id as the API returns it (letters and digits; 24 hex in practice). */
const RETURNED_ID_PATTERN = /^[A-Za-z0-9]{1,64}$/;

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
    if (value === undefined) return "missing";
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** One identity provider: `{id, name, type, oidc: {clientId, url}}`. `at` prefixes field names in a list. */
export function identityProviderRecordProblem(data: unknown, at = ""): string | undefined {
    if (!isObject(data)) return `${at || "the reply"} is ${kindOf(data)}, not an identity provider object`;
    if (typeof data.id !== "string" || !RETURNED_ID_PATTERN.test(data.id)) {
        return `${at}id is not a usable id (got ${typeof data.id === "string" ? JSON.stringify(data.id.slice(0, 64)) : kindOf(data.id)})`;
    }
    if (typeof data.name !== "string") return `${at}name is ${kindOf(data.name)}, not a string`;
    if (typeof data.type !== "string") return `${at}type is ${kindOf(data.type)}, not a string`;
    if (!isObject(data.oidc)) return `${at}oidc is ${kindOf(data.oidc)}, not an object`;
    for (const field of ["clientId", "url"] as const) {
        if (typeof data.oidc[field] !== "string") {
            return `${at}oidc.${field} is ${kindOf(data.oidc[field])}, not a string`;
        }
    }
    return undefined;
}

/** `{identityProviders: [...], totalCount}`. */
export function identityProviderListProblem(data: unknown): string | undefined {
    if (!isObject(data)) return `the reply is ${kindOf(data)}, not {identityProviders, totalCount}`;
    if (!Array.isArray(data.identityProviders)) {
        return `identityProviders is ${kindOf(data.identityProviders)}, not a list`;
    }
    if (typeof data.totalCount !== "number") return `totalCount is ${kindOf(data.totalCount)}, not a number`;
    for (let i = 0; i < data.identityProviders.length; i++) {
        const problem = identityProviderRecordProblem(data.identityProviders[i], `identityProviders[${i}].`);
        if (problem) return problem;
    }
    return undefined;
}

/** `{totalCount, results: [{_id, email}]}`. */
export function systemUserListProblem(data: unknown): string | undefined {
    if (!isObject(data) || !Array.isArray(data.results)) {
        return `the reply is ${kindOf(data)} without a results list, not {totalCount, results}`;
    }
    const bad = data.results.findIndex((u) => !isObject(u) || typeof u.email !== "string");
    return bad >= 0 ? `results[${bad}] has no email string` : undefined;
}

/** A bare list of `{id, name}` user groups. */
export function userGroupListProblem(data: unknown): string | undefined {
    if (!Array.isArray(data)) return `the reply is ${kindOf(data)}, not a list of user groups`;
    const bad = data.findIndex((g) => !isObject(g) || typeof g.id !== "string" || typeof g.name !== "string");
    return bad >= 0 ? `[${bad}] is not a user group with an id and a name` : undefined;
}

/** A bare list of `{to: {id, type}}` associations. */
export function policyAssociationListProblem(data: unknown): string | undefined {
    if (!Array.isArray(data)) return `the reply is ${kindOf(data)}, not a list of associations`;
    const bad = data.findIndex((a) => !isObject(a) || !isObject(a.to) || typeof a.to.id !== "string");
    return bad >= 0 ? `[${bad}] is not an association {to: {id, type}}` : undefined;
}
