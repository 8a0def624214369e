// Test support: runs Pulumi's own dynamic-provider host (the process `pulumi up` launches for
// `pulumi-nodejs:dynamic` resources) as a child process and drives it over gRPC the way the engine does.
// Going through the real host catches problems that calling provider methods directly cannot: closure
// serialization, Struct (JSON) round trips, config plumbing and what ends up on the host's stderr.
import { ChildProcess, spawn } from "child_process";

import * as grpc from "@grpc/grpc-js";
import { isSecretValue } from "./secretValues";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";

/**
 * Plain JSON-ish values. Secrets travel as plain values: the host's Configure answers acceptSecrets=false,
 * so the engine unwraps them before every call.
 */
export type HostValue = unknown;

export interface DiffResult {
    changes: "none" | "some" | "unknown";
    replaces: string[];
    deleteBeforeReplace: boolean;
}

export interface StartOptions {
    /**
     * Working directory of the child. The host loads serialized closures with require-from-string, which
     * resolves `require("axios")` etc. from the process cwd, so it must be a directory that sees
     * node_modules.
     */
    cwd?: string;
    /** Full environment for the child (not merged with process.env). */
    env?: NodeJS.ProcessEnv;
    /** Deadline for each RPC, so a wedged provider fails the test instead of hanging it. */
    callTimeoutMs?: number;
    /** How long to wait for the host to print its port. */
    startTimeoutMs?: number;
    /**
     * A program to run in place of Pulumi's host, for tests of this class's own start and stop:
     * it prints a port and waits, sparing the second of CPU that loading @pulumi/pulumi costs.
     */
    standIn?: string;
}

/** Rejection value of every RPC: the message is exactly the host's error details (the provider's message). */
export class ProviderHostError extends Error {
    constructor(
        message: string,
        readonly method: string,
        readonly code: grpc.status,
    ) {
        super(message);
        this.name = "ProviderHostError";
    }
}

const HOST_ENTRY = "@pulumi/pulumi/cmd/dynamic-provider/index.js";

/**
 * Pulumi's host as seen from the project directory, as the engine resolves it, so the child loads
 * the same @pulumi/pulumi the serialized closures will require; else our own.
 */
function resolveHostEntry(cwd: string): string {
    try {
        return require.resolve(HOST_ENTRY, { paths: [cwd] });
    } catch {
        return require.resolve(HOST_ENTRY);
    }
}

// The host never exits on its own, so a test process that dies without calling stop() (uncaught error,
// mocha --exit, forgotten after hook) would orphan it. Kill whatever is still running when we exit.
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
    for (const c of liveChildren) {
        c.kill("SIGKILL");
    }
});

/**
 * Turns values captured from Pulumi's mock runtime into what the engine sends the host: recursively
 * replaces secret wrappers ({"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
 * value: X}) with X, and drops undefined.
 */
export function unwrapSecrets(v: unknown): unknown {
    if (Array.isArray(v)) {
        // A protobuf ListValue has no "undefined"; the engine would have turned holes into nulls.
        return v.map((e) => (e === undefined ? null : unwrapSecrets(e)));
    }
    if (v !== null && typeof v === "object") {
        if (isSecretValue(v)) {
            return unwrapSecrets(v.value);
        }
        const obj = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [k, e] of Object.entries(obj)) {
            if (e !== undefined) {
                out[k] = unwrapSecrets(e);
            }
        }
        return out;
    }
    return v;
}

/**
 * URN helper: urn:pulumi:<stack>::<project>::pulumi-nodejs:dynamic/<module>:<Type>::<name>.
 * `typeToken` may be a full token ("pulumi-nodejs:dynamic/jumpcloud:User"), "<module>:<Type>" or just
 * "<Type>", mirroring how dynamic.Resource builds its token from the optional module.
 */
export function dynamicUrn(name: string, typeToken: string, stack = "test", project = "test"): string {
    let token: string;
    if (typeToken.startsWith("pulumi-nodejs:")) {
        token = typeToken;
    } else if (typeToken.includes(":")) {
        token = `pulumi-nodejs:dynamic/${typeToken}`;
    } else {
        token = `pulumi-nodejs:dynamic:${typeToken}`;
    }
    return `urn:pulumi:${stack}::${project}::${token}::${name}`;
}

function toStruct(value: Record<string, unknown>): Struct {
    // Struct.fromJavaScript throws on undefined and would serialize secret wrappers verbatim; the engine does
    // neither, so normalise first.
    return Struct.fromJavaScript(unwrapSecrets(value) as Record<string, never>);
}

/** Diff and Update carry the same four fields. */
function changeRequest<R extends provproto.DiffRequest | provproto.UpdateRequest>(
    req: R,
    id: string,
    urn: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): R {
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    return req;
}

function fromStruct(s: Struct | undefined): Record<string, unknown> {
    return s ? (s.toJavaScript() as Record<string, unknown>) : {};
}

function diffChanges(c: provproto.DiffResponse.DiffChanges): DiffResult["changes"] {
    switch (c) {
        case provproto.DiffResponse.DiffChanges.DIFF_NONE:
            return "none";
        case provproto.DiffResponse.DiffChanges.DIFF_SOME:
            return "some";
        default:
            return "unknown";
    }
}

type Unary<Req, Res> = (
    req: Req,
    metadata: grpc.Metadata,
    options: Partial<grpc.CallOptions>,
    cb: (err: grpc.ServiceError | null, res: Res) => void,
) => grpc.ClientUnaryCall;

export class DynamicProviderHost {
    private stdoutBuf = "";
    private stderrBuf = "";
    private readonly exited: Promise<void>;
    // Assigned by start() once the host has printed its port.
    private client!: ResourceProviderClient;
    private configured = false;
    private stopped = false;

    private constructor(
        private readonly child: ChildProcess,
        private readonly callTimeoutMs: number,
    ) {
        // setEncoding keeps multi-byte characters intact across chunk boundaries.
        child.stdout!.setEncoding("utf8").on("data", (d: string) => (this.stdoutBuf += d));
        child.stderr!.setEncoding("utf8").on("data", (d: string) => (this.stderrBuf += d));
        // "close" rather than "exit": it also waits for the stdio pipes to drain, so stderr is complete.
        liveChildren.add(child);
        this.exited = new Promise<void>((resolve) =>
            child.once("close", () => {
                liveChildren.delete(child);
                resolve();
            }),
        );
    }

    /**
     * Resolves once the child has written nothing for `quietMs` (or after `maxMs`). What the host
     * writes before it replies travels on another pipe than the reply and can reach us after it,
     * so a test reading `stderr` about a call it just made awaits this first. Each wait ends with
     * a setImmediate, which runs after the event loop's poll phase: whatever already sits in the
     * pipe has been read by then, however late the timer fired on a loaded machine.
     */
    async outputSettled(quietMs = 20, maxMs = 5_000): Promise<void> {
        const started = Date.now();
        for (;;) {
            const seen = this.stderrBuf.length + this.stdoutBuf.length;
            await new Promise((resolve) => setTimeout(resolve, quietMs));
            await new Promise((resolve) => setImmediate(resolve));
            const now = this.stderrBuf.length + this.stdoutBuf.length;
            if (now === seen || Date.now() - started >= maxMs) return;
        }
    }

    /** Everything the child wrote to stderr so far (tests scan it for leaked secrets, after outputSettled). */
    get stderr(): string {
        return this.stderrBuf;
    }

    get stdout(): string {
        return this.stdoutBuf;
    }

    private get hasExited(): boolean {
        return this.child.exitCode !== null || this.child.signalCode !== null;
    }

    static async start(opts: StartOptions = {}): Promise<DynamicProviderHost> {
        const cwd = opts.cwd ?? process.cwd();
        const entry = opts.standIn ?? resolveHostEntry(cwd);

        // The engine address argument is mandatory (the host exits without it) but never dialled.
        const child = spawn(process.execPath, [entry, "127.0.0.1:0"], {
            cwd,
            env: opts.env ?? process.env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        const host = new DynamicProviderHost(child, opts.callTimeoutMs ?? 60_000);

        const startTimeoutMs = opts.startTimeoutMs ?? 30_000;
        let port: number;
        try {
            port = await new Promise<number>((resolve, reject) => {
                const timer = setTimeout(() => {
                    finish(new Error(`dynamic provider host printed no port within ${startTimeoutMs}ms`));
                }, startTimeoutMs);
                const onData = (): void => {
                    const nl = host.stdoutBuf.indexOf("\n");
                    if (nl >= 0) {
                        const line = host.stdoutBuf.slice(0, nl).trim();
                        const p = Number(line);
                        finish(
                            Number.isInteger(p) && p > 0 ? p : new Error(`unexpected host output: ${line}`),
                        );
                    }
                };
                const onExit = (code: number | null, signal: string | null): void => {
                    finish(new Error(`dynamic provider host exited early (code ${code}, signal ${signal})`));
                };
                const onError = (err: Error): void => finish(err);
                function finish(r: number | Error): void {
                    clearTimeout(timer);
                    child.stdout!.off("data", onData);
                    child.off("exit", onExit);
                    child.off("error", onError);
                    if (r instanceof Error) {
                        reject(r);
                    } else {
                        resolve(r);
                    }
                }
                // Registered after the constructor's listener, so stdoutBuf already holds this chunk.
                child.stdout!.on("data", onData);
                child.once("exit", onExit);
                child.once("error", onError);
            });
        } catch (e) {
            if (!host.hasExited) {
                child.kill("SIGKILL");
            }
            await host.exited;
            throw new Error(`${(e as Error).message}\nstderr:\n${host.stderrBuf}`);
        }

        host.client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return host;
    }

    private call<Req, Res>(method: string, fn: Unary<Req, Res>, req: Req): Promise<Res> {
        if (this.stopped) {
            return Promise.reject(new Error(`${method}: provider host already stopped`));
        }
        return new Promise<Res>((resolve, reject) => {
            const deadline = new Date(Date.now() + this.callTimeoutMs);
            fn.call(this.client, req, new grpc.Metadata(), { deadline }, (err, res) => {
                if (!err) {
                    resolve(res);
                    return;
                }
                // `details` is what the host passed to the callback: the provider's Error.message.
                const details = err.details || err.message;
                if (err.code !== grpc.status.UNAVAILABLE) {
                    reject(new ProviderHostError(details, method, err.code));
                    return;
                }
                // A crashed host surfaces only as "Connection dropped", usually before Node has reported
                // the child's exit; wait a moment so the rejection can carry exit status and stderr instead.
                let timer: NodeJS.Timeout | undefined;
                const grace = new Promise<void>((r) => (timer = setTimeout(r, 1_000)));
                void Promise.race([this.exited, grace]).then(() => {
                    clearTimeout(timer);
                    const message = this.hasExited
                        ? `provider host exited (code ${this.child.exitCode}, ` +
                          `signal ${this.child.signalCode}) during ${method}; stderr:\n${this.stderrBuf}`
                        : details;
                    reject(new ProviderHostError(message, method, err.code));
                });
            });
        });
    }

    // The engine always configures a provider before any resource operation, and the host hands that config
    // to provider.configure() once per distinct __provider string. Send an empty config if the test didn't.
    private async ensureConfigured(): Promise<void> {
        if (!this.configured) {
            await this.configure({});
        }
    }

    async configure(config: Record<string, string>): Promise<void> {
        const req = new provproto.ConfigureRequest();
        // The host reads only `args`; `variables` is the legacy form the engine still fills in.
        req.setArgs(toStruct(config));
        const vars = req.getVariablesMap();
        for (const [k, v] of Object.entries(config)) {
            vars.set(k, v);
        }
        req.setAcceptsecrets(true);
        req.setAcceptresources(true);
        req.setSendsOldInputs(true);
        req.setSendsOldInputsToDelete(true);
        await this.call("configure", this.client.configure, req);
        this.configured = true;
    }

    async check(
        urn: string,
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
    ): Promise<{ inputs: Record<string, unknown>; failures: { property: string; reason: string }[] }> {
        await this.ensureConfigured();
        const req = new provproto.CheckRequest();
        req.setUrn(urn);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        const res = await this.call("check", this.client.check, req);
        return {
            inputs: fromStruct(res.getInputs()),
            failures: res
                .getFailuresList()
                .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    async diff(
        id: string,
        urn: string,
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
    ): Promise<DiffResult> {
        await this.ensureConfigured();
        const req = changeRequest(new provproto.DiffRequest(), id, urn, olds, news);
        const res = await this.call("diff", this.client.diff, req);
        return {
            changes: diffChanges(res.getChanges()),
            replaces: res.getReplacesList(),
            deleteBeforeReplace: res.getDeletebeforereplace(),
        };
    }

    async create(
        urn: string,
        properties: Record<string, unknown>,
    ): Promise<{ id: string; properties: Record<string, unknown> }> {
        await this.ensureConfigured();
        const req = new provproto.CreateRequest();
        req.setUrn(urn);
        req.setProperties(toStruct(properties));
        const res = await this.call("create", this.client.create, req);
        return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    }

    async read(
        id: string,
        urn: string,
        properties: Record<string, unknown>,
        inputs?: Record<string, unknown>,
    ): Promise<{ id: string; properties: Record<string, unknown>; inputs?: Record<string, unknown> }> {
        await this.ensureConfigured();
        const req = new provproto.ReadRequest();
        req.setId(id);
        req.setUrn(urn);
        req.setProperties(toStruct(properties));
        if (inputs) {
            req.setInputs(toStruct(inputs));
        }
        const res = await this.call("read", this.client.read, req);
        const out: { id: string; properties: Record<string, unknown>; inputs?: Record<string, unknown> } = {
            id: res.getId(),
            properties: fromStruct(res.getProperties()),
        };
        // Only present when the provider's read() returned explicit inputs.
        const resInputs = res.getInputs();
        if (resInputs) {
            out.inputs = fromStruct(resInputs);
        }
        return out;
    }

    async update(
        id: string,
        urn: string,
        olds: Record<string, unknown>,
        news: Record<string, unknown>,
    ): Promise<{ properties: Record<string, unknown> }> {
        await this.ensureConfigured();
        const req = changeRequest(new provproto.UpdateRequest(), id, urn, olds, news);
        const res = await this.call("update", this.client.update, req);
        return { properties: fromStruct(res.getProperties()) };
    }

    async delete(id: string, urn: string, properties: Record<string, unknown>): Promise<void> {
        await this.ensureConfigured();
        const req = new provproto.DeleteRequest();
        req.setId(id);
        req.setUrn(urn);
        req.setProperties(toStruct(properties));
        await this.call("delete", this.client.delete, req);
    }

    /** Close the client, kill the child and wait for it to exit. Safe to call more than once. */
    async stop(): Promise<void> {
        if (!this.stopped) {
            this.stopped = true;
            this.client.close();
            // The host's gRPC server keeps its event loop alive forever; it only ends when killed.
            if (!this.hasExited) {
                this.child.kill("SIGTERM");
                // SIGTERM has no handler in the host so it dies at once; still never let a test hang on it.
                const escalate = setTimeout(() => {
                    if (!this.hasExited) {
                        this.child.kill("SIGKILL");
                    }
                }, 5_000);
                escalate.unref();
            }
        }
        await this.exited;
    }
}
