/**
 * One HTTP request to Entra's sign-in host that always ends: a wall-clock deadline over connect,
 * headers and body; a size cap; redirects never followed (the authorize answer *is* a redirect);
 * every status returned rather than thrown. A failure says what happened in a few words, never
 * the request (a client secret travels in a token request's body).
 */
import axios from "axios";
import { axiosProxy, proxyFor } from "../providers/proxySettings";

export const MAX_LOGIN_REPLY_BYTES = 256 * 1024;

export type LoginReply =
    | {
          readonly ok: true;
          readonly status: number;
          readonly headers: Record<string, string>;
          readonly body: string;
      }
    | { readonly ok: false; readonly problem: string };

export async function loginRequest(
    url: string,
    init: { method: "GET" | "POST"; form?: Record<string, string>; timeoutMs: number },
): Promise<LoginReply> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), init.timeoutMs);
    const proxy = proxyFor(url);
    try {
        const response = await axios.request<string>({
            url,
            method: init.method,
            data: init.form ? new URLSearchParams(init.form).toString() : undefined,
            headers: init.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {},
            timeout: 0,
            signal: deadline.signal,
            maxRedirects: 0,
            validateStatus: () => true,
            responseType: "text",
            transformResponse: (data: unknown) => data,
            maxContentLength: MAX_LOGIN_REPLY_BYTES,
            proxy: axiosProxy(proxy),
        });
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(response.headers)) {
            if (typeof v === "string") headers[k.toLowerCase()] = v;
        }
        return { ok: true, status: response.status, headers, body: String(response.data ?? "") };
    } catch (error) {
        const host = new URL(url).host;
        if (deadline.signal.aborted) {
            return { ok: false, problem: `${host} did not answer within ${init.timeoutMs} ms` };
        }
        const code = (error as { code?: string }).code;
        return { ok: false, problem: `${host} could not be reached (${code ?? "network error"})` };
    } finally {
        clearTimeout(timer);
    }
}
