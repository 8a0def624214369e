/**
 * The three sign-in endpoints `verify` calls, answered from the tenant's objects: OpenID
 * configuration, authorize (never followed further than its first answer) and token
 * (client-credentials grant). Each rule's source is in docs/entra-login.md.
 */
import {
    ENTRA_ERRORS,
    authorizeErrorRedirect,
    errorPage,
    jsonAnswer,
    signInPage,
    tokenError,
    type EntraError,
    type HttpAnswer,
} from "./entraErrors";
import type { TenantDirectory } from "./tenantDirectory";

export interface LoginRequest {
    readonly method: string;
    readonly path: string;
    readonly query: URLSearchParams;
    /** The form body of a POST. */
    readonly form: URLSearchParams;
}

const ROUTES: { pattern: RegExp; method: string; name: "discovery" | "authorize" | "token" }[] = [
    { pattern: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/, method: "GET", name: "discovery" },
    { pattern: /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/, method: "GET", name: "authorize" },
    { pattern: /^\/([^/]+)\/oauth2\/v2\.0\/token$/, method: "POST", name: "token" },
];

export function answer(request: LoginRequest, directory: TenantDirectory, loginUrl: string): HttpAnswer {
    for (const route of ROUTES) {
        const match = route.pattern.exec(request.path);
        if (!match) continue;
        if (request.method !== route.method) return jsonAnswer(405, { error: "method_not_allowed" });
        const tenant = decodeURIComponent(match[1]);
        switch (route.name) {
            case "discovery":
                return discovery(tenant, directory, loginUrl);
            case "authorize":
                return authorize(tenant, request.query, directory);
            case "token":
                return token(tenant, request.form, directory, loginUrl);
        }
    }
    return jsonAnswer(404, { error: "not_found" });
}

function discovery(tenant: string, directory: TenantDirectory, loginUrl: string): HttpAnswer {
    if (!directory.hasTenant(tenant)) return tokenError(400, ENTRA_ERRORS.tenantNotFound(tenant), loginUrl);
    const base = `${loginUrl}/${tenant}`;
    return jsonAnswer(200, {
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        jwks_uri: `${loginUrl}/${tenant}/discovery/v2.0/keys`,
        response_modes_supported: ["query", "fragment", "form_post"],
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        scopes_supported: ["openid", "profile", "email", "offline_access"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: [
            "client_secret_post",
            "private_key_jwt",
            "client_secret_basic",
        ],
        tenant_region_scope: "NA",
    });
}

function authorize(tenant: string, query: URLSearchParams, directory: TenantDirectory): HttpAnswer {
    // Until the redirect URI is known to be the app's, errors are shown on a page, never redirected.
    if (!directory.hasTenant(tenant)) return errorPage(ENTRA_ERRORS.tenantNotFound(tenant));
    const clientId = query.get("client_id");
    if (!clientId) return errorPage(ENTRA_ERRORS.missingParameter("client_id"));
    const app = directory.app(tenant, clientId);
    if (!app || !directory.hasServicePrincipal(tenant, clientId)) {
        return errorPage(ENTRA_ERRORS.appNotFound(clientId, tenant));
    }
    const redirectUri = query.get("redirect_uri");
    if (!redirectUri || !app.webRedirectUris.includes(redirectUri)) {
        return errorPage(ENTRA_ERRORS.redirectMismatch(redirectUri ?? "", clientId));
    }
    const responseTypes = (query.get("response_type") ?? "").split(" ").filter(Boolean);
    const mode = query.get("response_mode") ?? (responseTypes.includes("id_token") ? "fragment" : "query");
    const refuse = (e: EntraError) =>
        mode === "form_post"
            ? formPost(redirectUri, e, query.get("state") ?? undefined)
            : authorizeErrorRedirect(
                  redirectUri,
                  mode === "query" ? "query" : "fragment",
                  e,
                  query.get("state") ?? undefined,
              );
    if (responseTypes.length === 0) return refuse(ENTRA_ERRORS.missingParameter("response_type"));
    if (responseTypes.includes("id_token") && !app.idTokenIssuanceEnabled) {
        return refuse(ENTRA_ERRORS.idTokenNotEnabled());
    }
    if (responseTypes.includes("id_token") && !(query.get("scope") ?? "").split(" ").includes("openid")) {
        return refuse(ENTRA_ERRORS.missingParameter("scope (with openid)"));
    }
    return signInPage(app.displayName);
}

/** response_mode=form_post: a page whose form posts the error to the redirect URI. */
function formPost(redirectUri: string, e: EntraError, state: string | undefined): HttpAnswer {
    const redirect = authorizeErrorRedirect(redirectUri, "query", e, state);
    const params = new URL(redirect.headers.Location).searchParams;
    const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const inputs = [...params]
        .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}"/>`)
        .join("");
    return {
        status: 200,
        headers: { "Content-Type": "text/html; charset=utf-8" },
        body: `<html><body onload="document.forms[0].submit()"><form method="POST" action="${esc(redirectUri)}">${inputs}</form></body></html>`,
    };
}

function token(
    tenant: string,
    form: URLSearchParams,
    directory: TenantDirectory,
    loginUrl: string,
): HttpAnswer {
    if (!directory.hasTenant(tenant)) return tokenError(400, ENTRA_ERRORS.tenantNotFound(tenant), loginUrl);
    const grant = form.get("grant_type") ?? "";
    if (grant !== "client_credentials")
        return tokenError(400, ENTRA_ERRORS.unsupportedGrant(grant), loginUrl);
    const clientId = form.get("client_id");
    if (!clientId) return tokenError(400, ENTRA_ERRORS.missingParameter("client_id"), loginUrl);
    const app = directory.app(tenant, clientId);
    if (!app || !directory.hasServicePrincipal(tenant, clientId)) {
        return tokenError(400, ENTRA_ERRORS.appNotFound(clientId, tenant), loginUrl);
    }
    const secret = form.get("client_secret") ?? "";
    const matching = directory.passwords(tenant, app).find((p) => p.value === secret);
    if (!matching) return tokenError(401, ENTRA_ERRORS.invalidSecret(clientId), loginUrl);
    if (matching.endDate && matching.endDate.getTime() <= Date.now()) {
        return tokenError(401, ENTRA_ERRORS.expiredSecret(clientId), loginUrl);
    }
    return jsonAnswer(200, {
        token_type: "Bearer",
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: `simulated-access-token.${app.clientId}`,
    });
}
