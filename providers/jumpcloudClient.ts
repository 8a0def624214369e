/**
 * The HTTP client for JumpCloud: one request with bounded retries, and errors that say what
 * happened without ever carrying the API key, a request body or a header.
 *
 * Why a hand-written loop rather than axios-retry: the total time budget, the attempt count in
 * the final error, Retry-After given as an HTTP date, and POSTs that are retried on purpose (a
 * lost reply is then resolved by the provider's 409 adoption) are all one small loop here,
 * whereas axios-retry would need most of them as callbacks anyway and adds a second package to
 * the serialized closure.
 *
 * The axios instance is built inside each call: a module-level client would be serialized by
 * value into the dynamic provider.
 */
import axios from "axios";
import { HEADERS, JSON_MEDIA_TYPE, type ErrorBody } from "./jumpcloudApi";
import { backoffDelayMs, retryAfterMs, type RetryPolicy } from "./retryPolicy";

/** Where and as whom to call. Resolved at call time by `connection.ts`. */
export interface Connection {
    readonly baseUrl: string;
    readonly apiKey: string;
    readonly orgId?: string;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestSpec {
    readonly method: HttpMethod;
    readonly path: string;
    readonly query?: Record<string, string | number>;
    readonly body?: unknown;
    /** Values that must never appear in an error message (the client secret, for one). */
    readonly secrets?: readonly string[];
}

export interface Reply<T> {
    readonly status: number;
    readonly data: T;
    /** How many attempts it took; 1 when the first one answered. */
    readonly attempts: number;
}

// Arrays, not Sets: the closure serializer cannot carry a Set's contents into the provider host.
const RETRYABLE_STATUS: readonly number[] = [429, 500, 502, 503, 504];
const RETRYABLE_CODES: readonly string[] = [
    "ECONNRESET",
    "ECONNREFUSED",
    "ECONNABORTED",
    "ETIMEDOUT",
    "EPIPE",
    "EAI_AGAIN",
    "ERR_SOCKET_CONNECTION_TIMEOUT",
];

/**
 * A failed JumpCloud call. The message names method, path, status, JumpCloud's words and a hint.
 *
 * A plain Error with fields, not a subclass: Pulumi's closure serializer rewrites classes into
 * functions whose `super(message)` no longer sets `message`, so a subclass would reach the
 * operator as "undefined". Recognise one with `isApiError`, not `instanceof`.
 */
export interface JumpCloudApiError extends Error {
    readonly name: "JumpCloudApiError";
    readonly method: HttpMethod;
    readonly path: string;
    readonly status: number | undefined;
    readonly attempts: number;
    readonly apiMessage: string | undefined;
}

export function isApiError(error: unknown, status?: number): error is JumpCloudApiError {
    return (
        error instanceof Error &&
        error.name === "JumpCloudApiError" &&
        (status === undefined || (error as JumpCloudApiError).status === status)
    );
}

/** What to do about each status that retrying cannot fix. */
export function hintFor(status: number | undefined): string | undefined {
    switch (status) {
        case 401:
            return (
                "check the API key (JUMPCLOUD_API_KEY or `pulumi config set --secret jumpcloud:apiKey`); " +
                "a multi-tenant (MSP) administrator must also set the organization id (jumpCloud.orgId or JUMPCLOUD_ORG_ID)"
            );
        case 403:
            return "the API key's administrator lacks the rights: configuring an identity provider needs an administrator with billing rights";
        case 404:
            return "the object does not exist in this organization (deleted by hand, or another organization or region)";
        case 409:
            return "JumpCloud allows one identity provider per organization";
        case 400:
        case 422:
            return "JumpCloud refused a value; the message above names it";
        default:
            return undefined;
    }
}

/** Sends one request, retrying 429, 5xx, resets and timeouts within the policy's bounds. */
export async function sendRequest<T>(
    connection: Connection,
    spec: RequestSpec,
    policy: RetryPolicy,
    sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Reply<T>> {
    const started = Date.now();
    const secrets = [connection.apiKey, ...(spec.secrets ?? [])].filter((s) => s.length > 0);
    const http = axios.create({
        baseURL: connection.baseUrl,
        timeout: policy.timeoutMs,
        // Every status comes back as a reply: this loop, not axios, decides what is an error.
        validateStatus: () => true,
        // Never follow a redirect to another host with the API key attached.
        maxRedirects: 0,
        headers: {
            [HEADERS.apiKey]: connection.apiKey,
            [HEADERS.accept]: JSON_MEDIA_TYPE,
            ...(connection.orgId ? { [HEADERS.orgId]: connection.orgId } : {}),
            ...(spec.body !== undefined ? { [HEADERS.contentType]: JSON_MEDIA_TYPE } : {}),
        },
    });

    let lastProblem = "";
    let lastStatus: number | undefined;
    let lastApiMessage: string | undefined;
    for (let attempt = 1; ; attempt++) {
        let waitMs: number | undefined;
        try {
            // No attempt may run past the total budget.
            const remaining = policy.totalBudgetMs - (Date.now() - started);
            const response = await http.request({
                timeout: Math.max(1, Math.min(policy.timeoutMs, remaining)),
                method: spec.method,
                url: spec.path,
                params: spec.query,
                data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
            });
            if (response.status >= 200 && response.status < 300) {
                return { status: response.status, data: response.data as T, attempts: attempt };
            }
            lastStatus = response.status;
            lastApiMessage = apiMessageOf(response.data);
            lastProblem = `${response.status}${lastApiMessage ? `: ${lastApiMessage}` : ""}`;
            if (!RETRYABLE_STATUS.includes(response.status)) {
                throw failure(spec, lastStatus, attempt, lastApiMessage, lastProblem, secrets);
            }
            waitMs = retryAfterMs(response.headers?.["retry-after"]);
        } catch (error) {
            if (isApiError(error)) throw error;
            const code = networkCode(error);
            if (code === undefined) {
                // Not a network fault: a bug or an unexpected library error. Say so without its details,
                // which may include the request configuration (and so the API key).
                throw failure(
                    spec,
                    undefined,
                    attempt,
                    undefined,
                    `unexpected client error ${describeError(error)}`,
                    secrets,
                );
            }
            lastStatus = undefined;
            lastApiMessage = undefined;
            lastProblem =
                code === "ECONNABORTED"
                    ? `no reply within ${policy.timeoutMs} ms`
                    : `connection failed (${code})`;
        }

        // JumpCloud's Retry-After is honoured as given (waiting less only earns another 429);
        // the total budget below bounds it.
        const delay = waitMs ?? backoffDelayMs(policy, attempt);
        const elapsed = Date.now() - started;
        if (attempt >= policy.maxAttempts || elapsed + delay > policy.totalBudgetMs) {
            const why =
                attempt >= policy.maxAttempts
                    ? `gave up after ${attempt} attempts`
                    : `gave up after ${attempt} attempts and ${elapsed} ms: the next wait (${delay} ms) would exceed the ${policy.totalBudgetMs} ms budget`;
            throw failure(spec, lastStatus, attempt, lastApiMessage, lastProblem, secrets, why);
        }
        await sleep(delay);
    }
}

function failure(
    spec: RequestSpec,
    status: number | undefined,
    attempts: number,
    apiMessage: string | undefined,
    problem: string,
    secrets: readonly string[],
    /** Why retrying stopped, when it did; it names the attempts itself. */
    gaveUp?: string,
): JumpCloudApiError {
    const hint = hintFor(status);
    const tries = gaveUp ? `; ${gaveUp}` : ` (${attempts} attempt${attempts === 1 ? "" : "s"})`;
    const text = `JumpCloud ${spec.method} ${spec.path} failed: ${problem}${tries}${hint ? `. Hint: ${hint}` : ""}`;
    return Object.assign(new Error(redact(text, secrets)), {
        name: "JumpCloudApiError" as const,
        method: spec.method,
        path: spec.path,
        status,
        attempts,
        apiMessage: apiMessage === undefined ? undefined : redact(apiMessage, secrets),
    });
}

/** JumpCloud's own error text, cut to a sane length. */
function apiMessageOf(data: unknown): string | undefined {
    if (data && typeof data === "object" && typeof (data as ErrorBody).message === "string") {
        const message = (data as ErrorBody).message as string;
        return message.length > 300 ? `${message.slice(0, 297)}...` : message;
    }
    if (typeof data === "string" && data.trim() !== "") {
        const text = data.trim();
        return text.length > 300 ? `${text.slice(0, 297)}...` : text;
    }
    return undefined;
}

function networkCode(error: unknown): string | undefined {
    if (!error || typeof error !== "object") return undefined;
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE_CODES.includes(code)) return code;
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && /socket hang up|aborted/i.test(message)) return "ECONNRESET";
    return undefined;
}

function describeError(error: unknown): string {
    if (error && typeof error === "object") {
        const code = (error as { code?: unknown }).code;
        return typeof code === "string" ? `(${code})` : `(${(error as Error).name ?? "Error"})`;
    }
    return "";
}

/** Replaces every occurrence of each secret with a marker, so no message can carry one. */
export function redact(text: string, secrets: readonly string[]): string {
    let result = text;
    for (const secret of secrets) {
        if (secret.length >= 4) result = result.split(secret).join("[redacted]");
    }
    return result;
}
