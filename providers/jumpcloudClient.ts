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
 * Every request ends: each attempt has one wall-clock deadline (an AbortSignal) covering connect,
 * headers and the whole body, cut short by the total budget when less remains; a reply larger than
 * MAX_REPLY_BYTES is refused while it streams. No reply is trusted unchecked: a 2xx must be JSON of
 * the shape the caller expects, and an error reply that is not JumpCloud's JSON is reported as coming
 * from something else (a proxy, a gateway), without JumpCloud's hints.
 *
 * The axios instance is built inside each call: a module-level client would be serialized by
 * value into the dynamic provider.
 */
import axios from "axios";
import type { Readable } from "stream";
import { HEADERS, JSON_MEDIA_TYPE, type ErrorBody } from "./jumpcloudApi";
import { backoffDelayMs, retryAfterMs, type RetryPolicy } from "./retryPolicy";
import { axiosProxy, proxyFor, type ProxyChoice } from "./proxySettings";
import { redact, safeExcerpt } from "./redaction";

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
    /**
     * What a 2xx reply's JSON must be: returns what is wrong with it, or undefined. Without it a 2xx
     * may be empty, but a body that is there must still be JSON.
     */
    readonly expect?: (data: unknown) => string | undefined;
}

export interface Reply<T> {
    readonly status: number;
    readonly data: T;
    /** How many attempts it took; 1 when the first one answered. */
    readonly attempts: number;
}

/** Far above any JumpCloud reply this package reads (a full page of 100 identity providers is ~30 KB). */
export const MAX_REPLY_BYTES = 1024 * 1024;
/** How much of JumpCloud's own error message a failure shows. */
export const MAX_API_MESSAGE_CHARS = 300;

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
 * A failed JumpCloud call. The message names method, path, status, who answered, JumpCloud's words
 * and a hint.
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
    /** JumpCloud's own message, redacted and cut short; only when JumpCloud answered. */
    readonly apiMessage: string | undefined;
    /** Who answered the last attempt: JumpCloud (its JSON), something else, or nothing at all. */
    readonly answeredBy: "jumpcloud" | "other" | "nobody";
    /**
     * The request may have been applied although no usable reply says so: a 2xx whose body could not
     * be used. (A lost reply is retried instead; the retry's answer decides.)
     */
    readonly outcomeUnknown: boolean;
}

/**
 * With `status`: only when JumpCloud itself answered with it. A proxy's 404 on a DELETE is not
 * "already gone", and a gateway's 409 is not JumpCloud's one-per-organization rule.
 */
export function isApiError(error: unknown, status?: number): error is JumpCloudApiError {
    if (!(error instanceof Error) || error.name !== "JumpCloudApiError") return false;
    const apiError = error as JumpCloudApiError;
    return status === undefined || (apiError.status === status && apiError.answeredBy === "jumpcloud");
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

/** How one attempt ended. */
type Outcome =
    | { readonly kind: "ok"; readonly status: number; readonly data: unknown }
    /** An answer that is not a success; `retryable` decides whether another attempt may help. */
    | {
          readonly kind: "refused";
          readonly status: number | undefined;
          readonly problem: string;
          readonly retryable: boolean;
          readonly answeredBy: JumpCloudApiError["answeredBy"];
          readonly apiMessage?: string;
          readonly retryAfter?: unknown;
          readonly outcomeUnknown?: boolean;
      }
    /** The total budget ran out while this attempt was in flight. */
    | { readonly kind: "outOfBudget"; readonly problem: string };

/** Sends one request, retrying 429, 5xx, resets and timeouts within the policy's bounds. */
export async function sendRequest<T>(
    connection: Connection,
    spec: RequestSpec,
    policy: RetryPolicy,
    sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Reply<T>> {
    const started = Date.now();
    const secrets = [connection.apiKey, ...(spec.secrets ?? [])].filter((s) => s.length > 0);
    const proxy = proxyFor(connection.baseUrl);
    const http = axios.create({
        baseURL: connection.baseUrl,
        // The attempt's AbortSignal is the only clock: axios's own timeout stops counting once headers arrive.
        timeout: 0,
        // Every status comes back as a reply: this loop, not axios, decides what is an error.
        validateStatus: () => true,
        // Never follow a redirect to another host with the API key attached.
        maxRedirects: 0,
        // The body is read here, under the deadline and the size cap, and parsed only once checked.
        responseType: "stream",
        // The proxy this client chose and will name in errors, not one axios picks on its own.
        proxy: axiosProxy(proxy),
        headers: {
            [HEADERS.apiKey]: connection.apiKey,
            [HEADERS.accept]: JSON_MEDIA_TYPE,
            ...(connection.orgId ? { [HEADERS.orgId]: connection.orgId } : {}),
            ...(spec.body !== undefined ? { [HEADERS.contentType]: JSON_MEDIA_TYPE } : {}),
        },
    });
    const via = proxy ? ` through the proxy ${proxy.shown} (from ${proxy.source})` : "";

    for (let attempt = 1; ; attempt++) {
        const remaining = policy.totalBudgetMs - (Date.now() - started);
        const budgetBound = remaining < policy.timeoutMs;
        const deadlineMs = Math.max(1, Math.min(policy.timeoutMs, remaining));
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(), deadlineMs);
        let outcome: Outcome;
        try {
            const response = await http.request({
                method: spec.method,
                url: spec.path,
                params: spec.query,
                data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
                signal: deadline.signal,
            });
            const body = await readCapped(
                response.data as Readable,
                response.headers?.["content-length"],
                deadline.signal,
            );
            outcome = judge(spec, response.status, response.headers ?? {}, body, secrets, proxy, via);
        } catch (error) {
            if (deadline.signal.aborted) {
                outcome = budgetBound
                    ? {
                          kind: "outOfBudget",
                          problem: `no complete reply${via} before the ${policy.totalBudgetMs} ms budget ran out (attempt ${attempt} was stopped)`,
                      }
                    : {
                          kind: "refused",
                          status: undefined,
                          problem: `no complete reply${via} within ${policy.timeoutMs} ms`,
                          retryable: true,
                          answeredBy: "nobody",
                      };
            } else {
                const code = networkCode(error);
                outcome =
                    code === undefined
                        ? // Not a network fault: a bug or an unexpected library error. Say so without its
                          // details, which may include the request configuration (and so the API key).
                          {
                              kind: "refused",
                              status: undefined,
                              problem: `unexpected client error ${describeError(error)}`,
                              retryable: false,
                              answeredBy: "nobody",
                          }
                        : {
                              kind: "refused",
                              status: undefined,
                              problem: `connection failed (${code})${via}`,
                              retryable: true,
                              answeredBy: "nobody",
                          };
            }
        } finally {
            clearTimeout(timer);
        }

        if (outcome.kind === "ok") {
            return { status: outcome.status, data: outcome.data as T, attempts: attempt };
        }
        const elapsed = Date.now() - started;
        if (outcome.kind === "outOfBudget") {
            throw failure(
                spec,
                { status: undefined, answeredBy: "nobody", problem: outcome.problem },
                attempt,
                secrets,
            );
        }
        if (!outcome.retryable) throw failure(spec, outcome, attempt, secrets);
        // JumpCloud's Retry-After is honoured as given (waiting less only earns another 429);
        // the total budget below bounds it.
        const delay = retryAfterMs(outcome.retryAfter) ?? backoffDelayMs(policy, attempt);
        if (attempt >= policy.maxAttempts || elapsed + delay > policy.totalBudgetMs) {
            const why =
                attempt >= policy.maxAttempts
                    ? `gave up after ${attempt} attempts`
                    : `gave up after ${attempt} attempts and ${elapsed} ms: the next wait (${delay} ms) would exceed the ${policy.totalBudgetMs} ms budget`;
            throw failure(spec, outcome, attempt, secrets, why);
        }
        await sleep(delay);
    }
}

/** A reply body, read under the attempt's deadline and refused past MAX_REPLY_BYTES. */
interface Body {
    readonly text: string;
    readonly bytes: number;
    /** Set when the reply was larger than MAX_REPLY_BYTES: reading stopped there. */
    readonly tooLarge: boolean;
}

function readCapped(stream: Readable, contentLength: unknown, signal: AbortSignal): Promise<Body> {
    return new Promise<Body>((resolve, reject) => {
        const declared = Number(contentLength);
        if (Number.isFinite(declared) && declared > MAX_REPLY_BYTES) {
            stream.destroy();
            resolve({ text: "", bytes: declared, tooLarge: true });
            return;
        }
        const chunks: Buffer[] = [];
        let bytes = 0;
        let settled = false;
        // One exit for every way reading ends. (No helper refers to another declared after it: the
        // closure serializer cannot carry such forward references into the provider host.)
        const finish = (result: Body | Error) => {
            if (settled) return;
            settled = true;
            signal.removeEventListener("abort", onAbort);
            if (result instanceof Error || result.tooLarge) stream.destroy();
            if (result instanceof Error) reject(result);
            else resolve(result);
        };
        function onAbort(): void {
            finish(new Error("aborted by the attempt's deadline"));
        }
        if (signal.aborted) {
            finish(new Error("aborted by the attempt's deadline"));
            return;
        }
        signal.addEventListener("abort", onAbort, { once: true });
        stream.on("data", (chunk: Buffer) => {
            if (settled) return;
            bytes += chunk.length;
            if (bytes > MAX_REPLY_BYTES) finish({ text: "", bytes, tooLarge: true });
            else chunks.push(chunk);
        });
        stream.on("end", () =>
            finish({ text: Buffer.concat(chunks).toString("utf8"), bytes, tooLarge: false }),
        );
        stream.on("error", (error: Error) => finish(error));
    });
}

/** Decides what a reply means: a usable success, JumpCloud's refusal, or something else's answer. */
function judge(
    spec: RequestSpec,
    status: number,
    headers: Record<string, unknown>,
    body: Body,
    secrets: readonly string[],
    proxy: ProxyChoice | undefined,
    via: string,
): Outcome {
    const contentType = String(headers["content-type"] ?? "").trim();
    const json = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(contentType);
    const what = `${contentType === "" ? "no content type" : contentType.split(";")[0].trim()}, ${body.bytes} bytes`;
    const success = status >= 200 && status < 300;
    if (body.tooLarge) {
        return {
            kind: "refused",
            status,
            problem: `${status} with a reply larger than ${MAX_REPLY_BYTES} bytes (${what}), refused`,
            retryable: false,
            answeredBy: "other",
            outcomeUnknown: success,
        };
    }
    if (status >= 300 && status < 400) {
        return {
            kind: "refused",
            status,
            problem: `${status} redirect to ${originOf(headers.location)}${via}, not followed: the API key is only ever sent to the configured base URL (check jumpCloud.apiUrl / JUMPCLOUD_API_URL)`,
            retryable: false,
            answeredBy: "other",
        };
    }
    const parsed = json && body.text.trim() !== "" ? parseJson(body.text) : undefined;
    if (success) {
        // A 2xx may mean the request was applied, whoever answered: the caller resolves that (a create
        // looks for its object), retrying blindly could apply it twice.
        const bad = (why: string, answeredBy: JumpCloudApiError["answeredBy"] = "other"): Outcome => ({
            kind: "refused",
            status,
            problem: `${status} with ${why}`,
            retryable: false,
            answeredBy,
            outcomeUnknown: true,
        });
        if (body.text.trim() === "") {
            return spec.expect
                ? bad(`an empty body where JumpCloud sends JSON (${what})`)
                : { kind: "ok", status, data: undefined };
        }
        if (!json)
            return bad(`a body that is not JSON (${what}); it did not come from JumpCloud's API${via}`);
        if (!parsed?.ok) return bad(`a body that is not valid JSON (${what})`);
        const wrong = spec.expect?.(parsed.value);
        if (wrong) return bad(`a JSON body of the wrong shape: ${wrong}`, "jumpcloud");
        return { kind: "ok", status, data: parsed.value };
    }
    const retryAfter = headers["retry-after"];
    const message = parsed?.ok ? (parsed.value as ErrorBody | null)?.message : undefined;
    if (
        parsed?.ok &&
        parsed.value !== null &&
        typeof parsed.value === "object" &&
        !Array.isArray(parsed.value)
    ) {
        // JumpCloud's error schema: only its `message` is shown, never the rest of a body that may echo the request.
        const apiMessage =
            typeof message === "string" && message.trim() !== ""
                ? safeExcerpt(message.trim(), secrets, MAX_API_MESSAGE_CHARS)
                : undefined;
        return {
            kind: "refused",
            status,
            problem: `${status}${apiMessage ? `: ${apiMessage}` : ""}`,
            retryable: RETRYABLE_STATUS.includes(status),
            answeredBy: "jumpcloud",
            ...(apiMessage ? { apiMessage } : {}),
            retryAfter,
        };
    }
    // Not JumpCloud's JSON error: a proxy, a load balancer or a captive portal answered. Its body is not
    // shown (it may echo the request), and JumpCloud's hints for this status do not apply.
    const who = proxy
        ? status === 407
            ? `the proxy ${proxy.shown} (from ${proxy.source}) asks for credentials: put them in ${proxy.source} as http://user:password@host:port`
            : `the request went through the proxy ${proxy.shown} (from ${proxy.source}), which may have refused it`
        : "a gateway, firewall or captive portal between here and JumpCloud may have answered";
    return {
        kind: "refused",
        status,
        problem: `${status} from something other than JumpCloud (${what}, not JumpCloud's JSON error; body not shown): ${who}`,
        retryable: RETRYABLE_STATUS.includes(status),
        answeredBy: "other",
        retryAfter,
    };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
    try {
        return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
        return { ok: false };
    }
}

/** A redirect's target as a message may show it: its origin only (no path, query or user-info). */
function originOf(location: unknown): string {
    if (typeof location !== "string" || location === "") return "an unnamed location";
    try {
        return new URL(location, "http://relative.invalid").origin.replace(
            "http://relative.invalid",
            "the same host",
        );
    } catch {
        return "an unreadable location";
    }
}

function failure(
    spec: RequestSpec,
    outcome: {
        readonly status: number | undefined;
        readonly problem: string;
        readonly answeredBy: JumpCloudApiError["answeredBy"];
        readonly apiMessage?: string;
        readonly outcomeUnknown?: boolean;
    },
    attempts: number,
    secrets: readonly string[],
    /** Why retrying stopped, when it did; it names the attempts itself. */
    gaveUp?: string,
): JumpCloudApiError {
    // JumpCloud's hints only when JumpCloud said it: a proxy's 403 is not a billing-rights problem.
    const hint = outcome.answeredBy === "jumpcloud" ? hintFor(outcome.status) : undefined;
    const tries = gaveUp ? `; ${gaveUp}` : ` (${attempts} attempt${attempts === 1 ? "" : "s"})`;
    const text = `JumpCloud ${spec.method} ${spec.path} failed: ${outcome.problem}${tries}${hint ? `. Hint: ${hint}` : ""}`;
    return Object.assign(new Error(redact(text, secrets)), {
        name: "JumpCloudApiError" as const,
        method: spec.method,
        path: spec.path,
        status: outcome.status,
        attempts,
        apiMessage: outcome.apiMessage,
        answeredBy: outcome.answeredBy,
        outcomeUnknown: outcome.outcomeUnknown === true,
    });
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

/** Kept for callers that redact with the client's rules (the fleet): the one implementation is redaction.ts. */
export { redact } from "./redaction";
