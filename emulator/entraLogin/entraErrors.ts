/**
 * Entra's error shapes, as its documentation gives them (see docs/entra-login.md):
 * - the token endpoint answers JSON `{error, error_description, error_codes, timestamp, trace_id,
 *   correlation_id, error_uri}` with 400 or 401;
 * - the authorize endpoint redirects to the app's redirect URI with `error` and
 *   `error_description` when it can trust that URI, and otherwise shows an error page (HTTP 200)
 *   naming the AADSTS code, without redirecting anywhere.
 */
import { randomUUID } from "crypto";

export interface EntraError {
    /** The OAuth 2.0 error (RFC 6749 §4.1.2.1 / §5.2). */
    readonly error: string;
    /** The AADSTS number. */
    readonly code: number;
    readonly message: string;
}

export interface HttpAnswer {
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly body: string;
}

function timestamp(): string {
    return new Date()
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, "Z");
}

function description(e: EntraError, traceId: string, correlationId: string): string {
    return `AADSTS${e.code}: ${e.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp()}`;
}

export function jsonAnswer(status: number, body: unknown): HttpAnswer {
    return {
        status,
        headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
        body: JSON.stringify(body),
    };
}

/** A token (or discovery) endpoint error: JSON with the AADSTS code in `error_codes`. */
export function tokenError(status: number, e: EntraError, loginUrl: string): HttpAnswer {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    return jsonAnswer(status, {
        error: e.error,
        error_description: description(e, traceId, correlationId),
        error_codes: [e.code],
        timestamp: timestamp(),
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `${loginUrl}/error?code=${e.code}`,
    });
}

/** An authorize error sent back to a trusted redirect URI (response_mode=fragment or query). */
export function authorizeErrorRedirect(
    redirectUri: string,
    responseMode: "fragment" | "query",
    e: EntraError,
    state: string | undefined,
): HttpAnswer {
    const params = new URLSearchParams({
        error: e.error,
        error_description: description(e, randomUUID(), randomUUID()),
        ...(state !== undefined ? { state } : {}),
    });
    const location =
        responseMode === "fragment"
            ? `${redirectUri}#${params.toString()}`
            : `${redirectUri}${redirectUri.includes("?") ? "&" : "?"}${params.toString()}`;
    return { status: 302, headers: { Location: location }, body: "" };
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page Entra shows when it cannot send the error back to the app. */
export function errorPage(e: EntraError): HttpAnswer {
    const text = escapeHtml(description(e, randomUUID(), randomUUID()));
    return {
        status: 200,
        headers: { "Content-Type": "text/html; charset=utf-8" },
        body: `<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body><div id="error">Sorry, but we're having trouble signing you in.</div><pre>${text}</pre></body></html>`,
    };
}

/** The sign-in page: what a valid authorize request shows a browser with no session. */
export function signInPage(appName: string): HttpAnswer {
    return {
        status: 200,
        headers: { "Content-Type": "text/html; charset=utf-8" },
        body: `<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body><form id="signin"><h1>Sign in</h1><p>to continue to ${escapeHtml(appName)}</p><input name="loginfmt" type="email"/></form></body></html>`,
    };
}

/** Entra's errors the emulator gives, by AADSTS number, with Microsoft's wording shortened. */
export const ENTRA_ERRORS = {
    tenantNotFound: (tenant: string): EntraError => ({
        error: "invalid_tenant",
        code: 90002,
        message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    }),
    appNotFound: (clientId: string, tenant: string): EntraError => ({
        error: "unauthorized_client",
        code: 700016,
        message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    }),
    redirectMismatch: (redirectUri: string, clientId: string): EntraError => ({
        error: "invalid_request",
        code: 50011,
        message: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
    }),
    idTokenNotEnabled: (): EntraError => ({
        error: "unsupported_response_type",
        code: 700054,
        message: "response_type 'id_token' is not enabled for the application.",
    }),
    missingParameter: (name: string): EntraError => ({
        error: "invalid_request",
        code: 900144,
        message: `The request body must contain the following parameter: '${name}'.`,
    }),
    invalidSecret: (clientId: string): EntraError => ({
        error: "invalid_client",
        code: 7000215,
        message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    }),
    expiredSecret: (clientId: string): EntraError => ({
        error: "invalid_client",
        code: 7000222,
        message: `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app.`,
    }),
    unsupportedGrant: (grant: string): EntraError => ({
        error: "unsupported_grant_type",
        code: 70003,
        message: `The app requested an unsupported grant type '${grant}'.`,
    }),
} as const;
