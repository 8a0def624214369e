/**
 * A simulated Azure plugin process (simulation/azurePlugin/main.ts) started as the engine starts
 * it, driven over gRPC with the engine's own request messages: Configure, then Invoke.
 */
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { STATE_DIR_ENV } from "../../simulation/azurePlugin/stateStore";

const MAIN = path.join(__dirname, "..", "..", "simulation", "azurePlugin", "main.js");
const CALL_TIMEOUT_MS = 10_000;

export class SimulatedPluginProcess {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: ResourceProviderClient,
    ) {}

    static async start(
        packageName: string,
        stateDir: string,
        env: NodeJS.ProcessEnv = {},
    ): Promise<SimulatedPluginProcess> {
        const child = spawn(process.execPath, [MAIN, packageName, "127.0.0.1:0"], {
            env: { PATH: process.env.PATH, ...env, [STATE_DIR_ENV]: stateDir },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            let err = "";
            const timer = setTimeout(
                () => reject(new Error(`no port within ${CALL_TIMEOUT_MS} ms: ${err}`)),
                CALL_TIMEOUT_MS,
            );
            child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
            child.stdout!.on("data", (chunk: Buffer) => {
                out += chunk.toString();
                const line = out.split("\n")[0];
                if (out.includes("\n")) {
                    clearTimeout(timer);
                    resolve(Number(line.trim()));
                }
            });
            child.once("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`plugin exited ${code}: ${err}`));
            });
        });
        return new SimulatedPluginProcess(
            child,
            new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()),
        );
    }

    private call<Req, Res>(method: "configure" | "invoke", request: Req): Promise<Res> {
        return new Promise<Res>((resolve, reject) => {
            const fn = this.client[method] as unknown as (
                r: Req,
                m: grpc.Metadata,
                o: grpc.CallOptions,
                cb: (e: grpc.ServiceError | null, res: Res) => void,
            ) => void;
            fn.call(
                this.client,
                request,
                new grpc.Metadata(),
                { deadline: Date.now() + CALL_TIMEOUT_MS },
                (e, res) => (e ? reject(e) : resolve(res)),
            );
        });
    }

    /** Configure as the engine sends it: `variables` keyed `<package>:config:<key>`, and `args`. */
    async configure(packageName: string, values: Record<string, string>): Promise<void> {
        const request = new provproto.ConfigureRequest();
        request.setArgs(Struct.fromJavaScript(values));
        for (const [key, value] of Object.entries(values)) {
            request.getVariablesMap().set(`${packageName}:config:${key}`, value);
        }
        request.setAcceptsecrets(true);
        request.setAcceptresources(true);
        await this.call("configure", request);
    }

    async invoke(token: string): Promise<Record<string, unknown>> {
        const request = new provproto.InvokeRequest();
        request.setTok(token);
        request.setArgs(Struct.fromJavaScript({}));
        const reply = await this.call<provproto.InvokeRequest, provproto.InvokeResponse>("invoke", request);
        return reply.getReturn()?.toJavaScript() ?? {};
    }

    stop(): void {
        this.child.kill("SIGKILL");
        this.client.close();
    }
}
