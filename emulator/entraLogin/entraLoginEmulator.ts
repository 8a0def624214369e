/**
 * A loopback stand-in for Entra's sign-in host (login.microsoftonline.com), answering from the
 * simulated azuread plugin's objects (`JCE_SIMULATED_AZURE_STATE_DIR`): see routes.ts for what it
 * answers and docs/entra-login.md for where each behaviour comes from. Test scaffolding only.
 */
import * as http from "http";
import type * as net from "net";
import { StateStore, STATE_DIR_ENV } from "../../simulation/azurePlugin/stateStore";
import { answer } from "./routes";
import { TenantDirectory } from "./tenantDirectory";

/** A request as received: the form's keys only, never a value (a client secret travels there). */
export interface RecordedLoginRequest {
    readonly method: string;
    readonly path: string;
    readonly formKeys: string[];
}

const MAX_BODY_BYTES = 64 * 1024;

export class EntraLoginEmulator {
    readonly requests: RecordedLoginRequest[] = [];
    private readonly sockets = new Set<net.Socket>();
    private baseUrl = "";

    private constructor(
        private readonly server: http.Server,
        private readonly directory: TenantDirectory,
    ) {}

    /** Listens on 127.0.0.1 at a free port; `stateDir` is the simulated Azure's folder. */
    static async start(stateDir: string): Promise<EntraLoginEmulator> {
        const directory = new TenantDirectory(new StateStore("azuread", { [STATE_DIR_ENV]: stateDir }));
        const server = http.createServer();
        const emulator = new EntraLoginEmulator(server, directory);
        server.on("connection", (socket) => {
            emulator.sockets.add(socket);
            socket.on("close", () => emulator.sockets.delete(socket));
        });
        server.on("request", (req, res) => emulator.onRequest(req, res));
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(0, "127.0.0.1", () => resolve());
        });
        emulator.baseUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
        return emulator;
    }

    /** "http://127.0.0.1:<port>": what `verify --login-url` takes. */
    get url(): string {
        return this.baseUrl;
    }

    stop(): Promise<void> {
        return new Promise((resolve) => {
            this.server.close(() => resolve());
            for (const socket of this.sockets) socket.destroy();
        });
    }

    private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        req.on("end", () => {
            const url = new URL(req.url ?? "/", this.baseUrl);
            const form = new URLSearchParams(
                size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString("utf8") : "",
            );
            const method = (req.method ?? "GET").toUpperCase();
            this.requests.push({ method, path: url.pathname, formKeys: [...form.keys()] });
            const reply = answer(
                { method, path: url.pathname, query: url.searchParams, form },
                this.directory,
                this.baseUrl,
            );
            res.writeHead(reply.status, reply.headers);
            res.end(reply.body);
        });
    }
}
