/**
 * Pure input checks shared by the component (before anything is created) and the dynamic
 * provider's `check` (before any API call). Each returns `undefined` when the value is fine, or
 * a reason that says what is accepted. Callers prefix the field name.
 *
 * No imports: this module is captured by value into the serialized dynamic provider.
 */

/** How the engine sends a value not known yet (during preview) to a provider's check. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for a value the engine does not know yet: it cannot be checked until it is. */
export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN_VALUE;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX24 = /^[0-9a-f]{24}$/i;
/** local@domain.tld, no spaces, one "@", a dot in the domain, nothing Entra refuses in a UPN. */
const UPN =
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function checkGuid(value: unknown): string | undefined {
    if (typeof value !== "string" || !GUID.test(value)) {
        return `must be a GUID such as 00000000-0000-0000-0000-000000000000, got ${shown(value)}`;
    }
    return undefined;
}

/** A JumpCloud object id: 24 hex characters. `what` names the kind of id in the message. */
export function checkObjectId(value: unknown, what = "JumpCloud organization id"): string | undefined {
    if (typeof value !== "string" || !HEX24.test(value)) {
        return `must be a ${what} of 24 hex characters, got ${shown(value)}`;
    }
    return undefined;
}

/**
 * A JumpCloud organization id: 24 hex characters in either case, surrounding spaces ignored.
 * The check and the canonical form are one pair, so what passes the check is what is stored,
 * compared and sent.
 */
export function checkOrgId(value: unknown): string | undefined {
    return checkObjectId(typeof value === "string" ? value.trim() : value);
}

/**
 * The one spelling of an organization id (trimmed, lower-case hex): the same organization written
 * in another case, or once through JUMPCLOUD_ORG_ID and once as an argument, compares equal and is
 * never a move. Call only on a value `checkOrgId` accepted.
 */
export function canonicalOrgId(value: string): string {
    return value.trim().toLowerCase();
}

/** A JumpCloud identity provider id, as `jumpCloud.existingId` takes it: letters and digits only. */
export function checkIdentityProviderId(value: unknown): string | undefined {
    if (typeof value !== "string" || !/^[A-Za-z0-9]{1,64}$/.test(value)) {
        return `must be a JumpCloud identity provider id (letters and digits), got ${shown(value)}`;
    }
    return undefined;
}

/** A whole number in [min, max]; a number written as text is shown as text, never as if valid. */
export function checkWholeNumber(value: unknown, min: number, max: number): string | undefined {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        return `must be a whole number from ${min} to ${max}, got ${shown(value, "number")}`;
    }
    return undefined;
}

export function checkNonEmpty(value: unknown, maxLength: number): string | undefined {
    if (typeof value !== "string") return `must be a non-empty string, got ${shown(value)}`;
    if (value.trim().length === 0) return "must be a non-empty string";
    if (value.length > maxLength) {
        return `must be at most ${maxLength} characters, got ${value.length}`;
    }
    return undefined;
}

/**
 * An https URL. `allowLoopbackHttp` admits http://127.0.0.1 and http://localhost, which only
 * the local JumpCloud emulator uses.
 */
export function checkHttpsUrl(value: unknown, allowLoopbackHttp = false): string | undefined {
    if (typeof value !== "string" || value.length === 0) {
        return "must be an https:// URL, got an empty value";
    }
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        return `must be an https:// URL, got ${shown(value)}`;
    }
    if (url.protocol === "https:") {
        return undefined;
    }
    const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost";
    if (url.protocol === "http:" && allowLoopbackHttp && loopback) {
        return undefined;
    }
    return allowLoopbackHttp
        ? `must be an https:// URL (http:// only for 127.0.0.1 or localhost), got ${shown(value)}`
        : `must be an https:// URL, got ${shown(value)}`;
}

/**
 * The JumpCloud API base URL (`jumpCloud.apiUrl`, `JUMPCLOUD_API_URL`): an https origin with an
 * optional path prefix, nothing else. A query or a fragment would be dropped or mangled when paths
 * are appended, and user-info (`https://user:pass@host`) would make axios send those credentials as
 * a Basic Authorization header beside the API key and keep them in state: all three are refused.
 * The message never repeats the value's user-info, query or fragment, which may hold a credential.
 */
export function checkApiBaseUrl(value: unknown): string | undefined {
    if (typeof value !== "string") return checkHttpsUrl(value, true);
    const safe = withoutCredentials(value);
    const notHttps = checkHttpsUrl(value, true);
    if (notHttps) return notHttps.split(shown(value)).join(shown(safe));
    const url = new URL(value);
    if (url.username !== "" || url.password !== "" || safe.includes("***@")) {
        return `must not carry user-info (a name or password before "@"): give the API key as JUMPCLOUD_API_KEY or jumpcloud:apiKey instead, got ${shown(safe)}`;
    }
    if (value.includes("?")) {
        return `must be an https origin with an optional path prefix, without a query string ("?..."), got ${shown(safe)}`;
    }
    if (value.includes("#")) {
        return `must be an https origin with an optional path prefix, without a fragment ("#..."), got ${shown(safe)}`;
    }
    return undefined;
}

/** A URL as it may be shown in a message: user-info masked, query and fragment cut. */
export function withoutCredentials(text: string): string {
    return text
        .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1***@")
        .replace(/[?#].*$/s, (rest) => (rest.startsWith("?") ? "?..." : "#..."));
}

/**
 * The one spelling of an API base URL (origin plus path prefix, no trailing slash), so the same
 * place is never a move. Call only on a value `checkApiBaseUrl` accepted.
 */
export function canonicalApiBaseUrl(value: string): string {
    const url = new URL(value.trim());
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * The IdP URL JumpCloud wants for Entra: the authority up to, not including,
 * `/oauth2/v2.0/authorize`, i.e. `https://<login host>/<directory (tenant) id>`.
 */
export function checkEntraAuthorityUrl(value: unknown): string | undefined {
    const notHttps = checkHttpsUrl(value);
    if (notHttps) return notHttps;
    const path = new URL(value as string).pathname.replace(/\/+$/, "");
    if (!GUID.test(path.slice(1))) {
        return `must be https://login.microsoftonline.com/<directory (tenant) id> with the tenant id a GUID, got ${shown(value)}`;
    }
    return undefined;
}

export function checkUserPrincipalName(value: unknown): string | undefined {
    if (typeof value !== "string" || !UPN.test(value) || value.length > 113) {
        return `must be an email-style user principal name such as jane.doe@contoso.com, got ${shown(value)}`;
    }
    return undefined;
}

/**
 * A value as the user gave it, quoted and cut short so an error never carries a whole pasted blob,
 * with its type when it is not the type the field takes: `got "180" (a string)` for a number field
 * never reads like a valid 180. (Not named `describe`: under mocha that is a global, which the
 * closure serializer would not capture.)
 */
export function shown(value: unknown, expected: "string" | "number" | "boolean" | "list" = "string"): string {
    if (value === undefined) return "nothing";
    if (value === null) return "null";
    const typeName = Array.isArray(value) ? "list" : typeof value;
    const article = /^[aeiou]/.test(typeName) ? "an" : "a";
    const suffix = typeName === expected ? "" : ` (${article} ${typeName})`;
    if (typeof value === "string") {
        return `${JSON.stringify(value.length > 64 ? `${value.slice(0, 61)}...` : value)}${suffix}`;
    }
    if (typeof value === "number" || typeof value === "boolean") return `${String(value)}${suffix}`;
    return `${article} ${typeName}`;
}
