/**
 * The Entra side of the sign-in JumpCloud will make: the tenant's OpenID configuration, the
 * authorize request JumpCloud sends a person's browser to, and the client secret at the token
 * endpoint. Each is one request to the login host, bounded in time, never followed further.
 */
import { REDIRECT_URIS } from "../components/constants";
import { redact } from "../providers/redaction";
import { loginRequest } from "./boundedHttp";
import { entraCodeIn, fixForEntraCode } from "./entraErrorCodes";
import type { CheckResult, VerifyTarget } from "./target";
import { laterEndDate, tenantSetting } from "./settingNames";

/** How this target's fixes name its settings. */
function names(target: VerifyTarget): { tenantSetting: string; laterEndDate: string } {
    return { tenantSetting: tenantSetting(target), laterEndDate: laterEndDate(target) };
}

/** What JumpCloud asks for (the article's delegated Graph scopes). */
export const SIGN_IN_SCOPE = "openid email profile";
/** An ID token with the code: what the app's "ID tokens" setting allows. */
export const SIGN_IN_RESPONSE_TYPE = "code id_token";

interface Settings {
    readonly loginUrl: string;
    readonly timeoutMs: number;
}

function tenantBase(target: VerifyTarget, s: Settings): string {
    return `${s.loginUrl}/${encodeURIComponent(target.tenantId)}`;
}

function failed(id: CheckResult["id"], summary: string, fix: string, entraCode?: number): CheckResult {
    return { id, status: "fail", summary, fix, ...(entraCode !== undefined ? { entraCode } : {}) };
}

/** Whether the login host answered at all (false: the other Entra checks cannot run). */
export function loginHostAnswered(result: CheckResult): boolean {
    return !(result.status === "fail" && result.unreachable === true);
}

export async function checkOpenIdConfiguration(target: VerifyTarget, s: Settings): Promise<CheckResult> {
    const id = "openid-configuration";
    const url = `${tenantBase(target, s)}/v2.0/.well-known/openid-configuration`;
    const reply = await loginRequest(url, { method: "GET", timeoutMs: s.timeoutMs });
    if (!reply.ok) {
        return {
            ...failed(
                id,
                `Entra's sign-in host: ${reply.problem}`,
                "check the network, a proxy (HTTPS_PROXY), or --login-url",
            ),
            unreachable: true,
        };
    }
    let issuer: unknown;
    let code: number | undefined;
    try {
        const body = JSON.parse(reply.body) as { issuer?: unknown; error_codes?: unknown };
        issuer = body.issuer;
        code = Array.isArray(body.error_codes) ? Number(body.error_codes[0]) : undefined;
    } catch {
        code = undefined;
    }
    const context = {
        ...names(target),
        tenantId: target.tenantId,
        clientId: target.clientId,
        redirectUri: "",
    };
    if (reply.status !== 200 || typeof issuer !== "string") {
        code ??= entraCodeIn(reply.body);
        return failed(
            id,
            `Entra's OpenID configuration for tenant ${target.tenantId}: HTTP ${reply.status}${code ? ` AADSTS${code}` : ""}`,
            code
                ? fixForEntraCode(code, context)
                : "the login host did not answer as Entra does: check --login-url",
            code,
        );
    }
    if (!issuer.toLowerCase().includes(`/${target.tenantId.toLowerCase()}/`)) {
        return failed(
            id,
            `Entra's OpenID configuration names issuer ${issuer}, not tenant ${target.tenantId}`,
            `set ${tenantSetting(target)} to the tenant's GUID (Entra admin center > Overview > Tenant ID), then run \`pulumi up\``,
        );
    }
    return {
        id,
        status: "pass",
        summary: `Entra's OpenID configuration answers for tenant ${target.tenantId} (issuer ${issuer})`,
    };
}

export async function checkAuthorize(target: VerifyTarget, s: Settings): Promise<CheckResult> {
    const id = "authorize";
    const redirectUri = REDIRECT_URIS[target.region];
    const query = new URLSearchParams({
        client_id: target.clientId,
        redirect_uri: redirectUri,
        response_type: SIGN_IN_RESPONSE_TYPE,
        response_mode: "fragment",
        scope: SIGN_IN_SCOPE,
        state: "jumpcloud-entra-verify",
        nonce: "jumpcloud-entra-verify",
    });
    const url = `${tenantBase(target, s)}/oauth2/v2.0/authorize?${query.toString()}`;
    const what = `the sign-in request JumpCloud sends (client ${target.clientId}, redirect ${redirectUri})`;
    const reply = await loginRequest(url, { method: "GET", timeoutMs: s.timeoutMs });
    if (!reply.ok)
        return failed(
            id,
            `${what}: ${reply.problem}`,
            "check the network, a proxy (HTTPS_PROXY), or --login-url",
        );
    const context = { ...names(target), tenantId: target.tenantId, clientId: target.clientId, redirectUri };
    // A redirect carries the error back to the app; a page shows it when the redirect is not trusted.
    const location = reply.headers.location ?? "";
    const answered =
        reply.status >= 300 && reply.status < 400
            ? decodeURIComponent(location.replace(/\+/g, " "))
            : reply.body;
    const code = entraCodeIn(answered);
    if (code !== undefined) {
        return failed(id, `${what}: refused with AADSTS${code}`, fixForEntraCode(code, context), code);
    }
    if (reply.status >= 300 && reply.status < 400) {
        // A redirect without an error is a session answering at once; anything else is not Entra's.
        return location.startsWith(redirectUri)
            ? { id, status: "pass", summary: `${what}: accepted (Entra answered the redirect URI)` }
            : failed(id, `${what}: redirected to ${new URL(location, url).host}`, "check --login-url");
    }
    if (reply.status !== 200) {
        return failed(
            id,
            `${what}: HTTP ${reply.status}`,
            "the login host did not answer as Entra does: check --login-url",
        );
    }
    return { id, status: "pass", summary: `${what}: accepted (Entra shows its sign-in page)` };
}

export async function checkClientSecret(target: VerifyTarget, s: Settings): Promise<CheckResult> {
    const id = "client-secret";
    const what = "the client secret JumpCloud holds";
    const reply = await loginRequest(`${tenantBase(target, s)}/oauth2/v2.0/token`, {
        method: "POST",
        timeoutMs: s.timeoutMs,
        form: {
            grant_type: "client_credentials",
            client_id: target.clientId,
            client_secret: target.clientSecret,
            scope: "https://graph.microsoft.com/.default",
        },
    });
    if (!reply.ok)
        return failed(
            id,
            `${what}: ${reply.problem}`,
            "check the network, a proxy (HTTPS_PROXY), or --login-url",
        );
    if (reply.status === 200)
        return { id, status: "pass", summary: `${what}: accepted by Entra's token endpoint` };
    let code: number | undefined;
    try {
        const body = JSON.parse(reply.body) as { error_codes?: unknown };
        code = Array.isArray(body.error_codes) ? Number(body.error_codes[0]) : undefined;
    } catch {
        code = entraCodeIn(redact(reply.body, [target.clientSecret]));
    }
    const context = {
        ...names(target),
        tenantId: target.tenantId,
        clientId: target.clientId,
        redirectUri: REDIRECT_URIS[target.region],
    };
    return failed(
        id,
        `${what}: refused by Entra's token endpoint (HTTP ${reply.status}${code ? `, AADSTS${code}` : ""})`,
        code
            ? fixForEntraCode(code, context)
            : "the login host did not answer as Entra does: check --login-url",
        code,
    );
}
