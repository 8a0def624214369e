/**
 * Servers that are not JumpCloud, for the tests that prove the client tells them apart: a second
 * origin (the target of a redirect, which must never see the API key), a proxy that refuses every
 * request, both as a CONNECT tunnel (https targets) and as a forward proxy (http targets), and a
 * forwarder (another URL for the same JumpCloud organization, as an API gateway would be).
 * Each listens on 127.0.0.1 only and records what reached it.
 */
import * as http from "node:http";
import type * as net from "node:net";

export interface SeenRequest {
    readonly method: string;
    /** The request target: a path, an absolute URL (forward proxy) or host:port (CONNECT). */
    readonly target: string;
    /** Lower-case header names present on the request. */
    readonly headerNames: string[];
}

export interface OtherServer {
    /** "http://127.0.0.1:<port>" */
    readonly url: string;
    readonly port: number;
    /** Every request that reached it, in order. */
    readonly seen: SeenRequest[];
    stop(): Promise<void>;
}

/** A plain server on another origin that answers every request 200 with an empty JSON object. */
export function startSecondOrigin(): Promise<OtherServer> {
    return start((req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
}

/**
 * A proxy that refuses everything with `status` and an HTML page, as a corporate proxy does: a
 * CONNECT (the tunnel for an https target) gets the refusal before any tunnel exists; a forward
 * request (an http target) gets it instead of the target's reply.
 */
export function startRefusingProxy(status = 403): Promise<OtherServer> {
    const page = `<html><body><h1>${status} ${http.STATUS_CODES[status] ?? ""}</h1>Access denied by policy.</body></html>`;
    return start(
        (req, res) => {
            res.writeHead(status, {
                "Content-Type": "text/html",
                "Content-Length": String(Buffer.byteLength(page)),
            }).end(page);
        },
        (socket) => {
            socket.end(
                `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? "Refused"}\r\n` +
                    `Content-Type: text/html\r\nContent-Length: ${Buffer.byteLength(page)}\r\nConnection: close\r\n\r\n${page}`,
            );
        },
    );
}

/**
 * Another base URL for the same emulator: every request is passed on to `target` unchanged (path,
 * headers, body) and its reply passed back. The same organization seen through two URLs.
 */
export function startForwarder(target: string): Promise<OtherServer> {
    const to = new URL(target);
    return start((req, res, body) => {
        const onward = http.request(
            {
                host: to.hostname,
                port: to.port,
                method: req.method,
                path: req.url,
                headers: { ...req.headers, host: to.host },
            },
            (reply) => {
                res.writeHead(reply.statusCode ?? 502, reply.headers);
                reply.pipe(res);
            },
        );
        onward.on("error", () => res.destroy());
        onward.end(body);
    });
}

function start(
    onRequest: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void,
    onConnect?: (socket: net.Socket) => void,
): Promise<OtherServer> {
    const seen: SeenRequest[] = [];
    const sockets = new Set<net.Socket>();
    const server = http.createServer((req, res) => {
        seen.push(record(req));
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => onRequest(req, res, Buffer.concat(chunks)));
    });
    server.on("connection", (socket: net.Socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });
    server.on("connect", (req: http.IncomingMessage, socket: net.Socket) => {
        seen.push(record(req));
        if (onConnect) onConnect(socket);
        else socket.destroy();
    });
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            resolve({
                url: `http://127.0.0.1:${port}`,
                port,
                seen,
                stop: () =>
                    new Promise<void>((done) => {
                        server.close(() => done());
                        for (const socket of sockets) socket.destroy();
                    }),
            });
        });
    });
}

function record(req: http.IncomingMessage): SeenRequest {
    return { method: req.method ?? "", target: req.url ?? "", headerNames: Object.keys(req.headers) };
}
