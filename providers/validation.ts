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

/** A JumpCloud identity provider id, as `jumpCloud.existingId` takes it: letters and digits only. */
export function checkIdentityProviderId(value: unknown): string | undefined {
    if (typeof value !== "string" || !/^[A-Za-z0-9]{1,64}$/.test(value)) {
        return `must be a JumpCloud identity provider id (letters and digits), got ${shown(value)}`;
    }
    return undefined;
}

export function checkNonEmpty(value: unknown, maxLength: number): string | undefined {
    if (typeof value !== "string" || value.trim().length === 0) {
        return "must be a non-empty string";
    }
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
 * Values are quoted and cut short so an error never carries a whole pasted blob. (Not named
 * `describe`: under mocha that is a global, which the closure serializer would not capture.)
 */
function shown(value: unknown): string {
    if (value === undefined) return "nothing";
    if (typeof value !== "string") return typeof value;
    if (value === "") return '""';
    return JSON.stringify(value.length > 64 ? `${value.slice(0, 61)}...` : value);
}
