/**
 * Faults in the reply itself, for the emulator: what a slow proxy, a stuck load balancer, a captive
 * portal, a misconfigured gateway or a chatty server sends back. Kept apart from the emulator's
 * routes and state: each fault decides only how the reply goes out, given the reply the emulator
 * would have sent (when the fault lets the request be applied).
 *
 * | kind           | applied?          | what the client receives                                              |
 * | -------------- | ----------------- | --------------------------------------------------------------------- |
 * | `slowBody`     | yes               | the real status and headers at once, then the body a few bytes a tick |
 * | `oversizeBody` | yes               | the real status, then a JSON body of `bytes` bytes                    |
 * | `rawReply`     | when `applied`    | `status`, `contentType` and `body` exactly as given (HTML, bad JSON)  |
 * | `echoError`    | no                | a JSON error whose message (and more) echoes the request and its key |
 * | `redirect`     | no                | a 3xx with `Location: location` (another origin, say)                 |
 */
import type * as http from "node:http";

export type ReplyFault =
    /** Apply, send status and headers, then `bytesPerTick` bytes of the body every `tickMs`. */
    | { kind: "slowBody"; tickMs: number; bytesPerTick?: number }
    /** Apply, then send a JSON body of `bytes` bytes; `declareLength` sends Content-Length first. */
    | { kind: "oversizeBody"; bytes: number; declareLength?: boolean }
    /** Send this reply as it is; `applied` first applies the request (a POST does create). */
    | { kind: "rawReply"; status: number; contentType?: string; body: string; applied?: boolean }
    /**
     * Do not apply; answer `status` with a JSON error whose `message` is `padding` characters of
     * filler, then the raw request body and the `x-api-key` header, and whose other fields echo the
     * request again. `padding` moves the secrets across any truncation limit.
     */
    | { kind: "echoError"; status: number; padding: number }
    /** Do not apply; answer a redirect to `location`. */
    | { kind: "redirect"; status: 301 | 302 | 303 | 307 | 308; location: string };

const REPLY_FAULT_KINDS: readonly string[] = [
    "slowBody",
    "oversizeBody",
    "rawReply",
    "echoError",
    "redirect",
];

export function isReplyFault(fault: { kind: string }): fault is ReplyFault {
    return REPLY_FAULT_KINDS.includes(fault.kind);
}

/** Throws when a rule could not be honoured. */
export function checkReplyFault(fault: ReplyFault): void {
    const positive = (value: unknown, what: string) => {
        if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
            throw new Error(`JumpCloudEmulator: ${fault.kind} ${what} must be a number > 0`);
        }
    };
    switch (fault.kind) {
        case "slowBody":
            positive(fault.tickMs, "tickMs");
            if (fault.bytesPerTick !== undefined) positive(fault.bytesPerTick, "bytesPerTick");
            return;
        case "oversizeBody":
            positive(fault.bytes, "bytes");
            return;
        case "rawReply":
        case "echoError":
            if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) {
                throw new Error(`JumpCloudEmulator: ${fault.kind} status must be an HTTP status`);
            }
            if (fault.kind === "echoError" && !(Number.isInteger(fault.padding) && fault.padding >= 0)) {
                throw new Error("JumpCloudEmulator: echoError padding must be a whole number >= 0");
            }
            return;
        case "redirect":
            if (![301, 302, 303, 307, 308].includes(fault.status) || typeof fault.location !== "string") {
                throw new Error("JumpCloudEmulator: redirect needs a 3xx status and a location");
            }
            return;
    }
}

/** Whether the emulator applies the request before the faulty reply goes out. */
export function appliesRequest(fault: ReplyFault): boolean {
    return (
        fault.kind === "slowBody" ||
        fault.kind === "oversizeBody" ||
        (fault.kind === "rawReply" && fault.applied === true)
    );
}

/** The reply the emulator would have sent, when the request was applied. */
export interface RealReply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

export interface FaultContext {
    /** The applied request's real reply (only for faults that apply). */
    readonly reply?: RealReply;
    readonly rawBody: Buffer;
    readonly headers: http.IncomingHttpHeaders;
    /** Timers to clear when the emulator stops (a slow body must not outlive it). */
    readonly timers: Set<NodeJS.Timeout>;
}

const JSON_TYPE = "application/json; charset=utf-8";

/** Sends the faulty reply and returns the status to record. */
export function sendFaultyReply(res: http.ServerResponse, fault: ReplyFault, ctx: FaultContext): number {
    switch (fault.kind) {
        case "slowBody": {
            const status = ctx.reply?.status ?? 200;
            const payload = Buffer.from(JSON.stringify(ctx.reply?.body ?? {}));
            res.writeHead(status, { ...ctx.reply?.headers, "Content-Type": JSON_TYPE });
            trickle(res, payload, fault.bytesPerTick ?? 1, fault.tickMs, ctx.timers);
            return status;
        }
        case "oversizeBody": {
            const status = ctx.reply?.status ?? 200;
            streamLargeJson(res, status, fault.bytes, fault.declareLength === true);
            return status;
        }
        case "rawReply":
            res.writeHead(fault.status, {
                ...(fault.contentType === undefined ? {} : { "Content-Type": fault.contentType }),
                "Content-Length": String(Buffer.byteLength(fault.body)),
            }).end(fault.body);
            return fault.status;
        case "echoError": {
            const raw = ctx.rawBody.toString("utf8");
            const key = headerText(ctx.headers["x-api-key"]);
            const body = {
                code: fault.status,
                message: `${"x".repeat(fault.padding)}request body ${raw} x-api-key ${key}`,
                status: "Error",
                // More of the request, beyond the message: a client must show none of it.
                request: { headers: ctx.headers, body: raw },
            };
            const payload = JSON.stringify(body);
            res.writeHead(fault.status, {
                "Content-Type": JSON_TYPE,
                "Content-Length": String(Buffer.byteLength(payload)),
            }).end(payload);
            return fault.status;
        }
        case "redirect":
            res.writeHead(fault.status, { Location: fault.location, "Content-Length": "0" }).end();
            return fault.status;
    }
}

/** Writes `payload` a few bytes at a time; stops when the client goes away or the emulator stops. */
function trickle(
    res: http.ServerResponse,
    payload: Buffer,
    bytesPerTick: number,
    tickMs: number,
    timers: Set<NodeJS.Timeout>,
): void {
    let sent = 0;
    const timer = setInterval(() => {
        if (res.destroyed || sent >= payload.length) {
            clearInterval(timer);
            timers.delete(timer);
            if (!res.destroyed) res.end();
            return;
        }
        res.write(payload.subarray(sent, sent + bytesPerTick));
        sent += bytesPerTick;
    }, tickMs);
    timers.add(timer);
    res.on("close", () => {
        clearInterval(timer);
        timers.delete(timer);
    });
}

/** A valid JSON object of about `bytes` bytes, written in chunks as the client reads. */
function streamLargeJson(
    res: http.ServerResponse,
    status: number,
    bytes: number,
    declareLength: boolean,
): void {
    const head = '{"padding":"';
    const tail = '"}';
    const fill = Math.max(0, bytes - head.length - tail.length);
    res.writeHead(status, {
        "Content-Type": JSON_TYPE,
        ...(declareLength ? { "Content-Length": String(head.length + fill + tail.length) } : {}),
    });
    res.write(head);
    const chunk = "x".repeat(64 * 1024);
    let left = fill;
    const pump = () => {
        while (left > 0 && !res.destroyed) {
            const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
            left -= piece.length;
            if (!res.write(piece)) {
                res.once("drain", pump);
                return;
            }
        }
        if (!res.destroyed) res.end(tail);
    };
    pump();
}

function headerText(value: string | string[] | undefined): string {
    return Array.isArray(value) ? value.join(", ") : (value ?? "");
}
