/**
 * `@pulumi/pulumi/provider`'s `main` answers the engine's Configure itself and never passes the
 * configuration on to the provider object (its `Provider` interface has no configure method), so a
 * provider served by it cannot know its `tenantId`. This serves a provider with `main` and hands
 * each Configure request's values to `onConfigure` first, by wrapping the handler the SDK registers
 * for the ResourceProvider service. The SDK's own reply (accepts secrets, resources, outputs) is
 * kept unchanged.
 */
import * as path from "path";
import * as provider from "@pulumi/pulumi/provider";
import { valuesFromConfigureVariables } from "./providerSettings";

type Handler = (call: { request: unknown }, callback: (error: unknown, reply?: unknown) => void) => void;
interface GrpcServerClass {
    prototype: { addService(service: unknown, implementation: Record<string, Handler>): void };
}

const SDK_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// The very module instances the SDK's server uses (resolved from the SDK's own folder).
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [SDK_DIR] })) as { Server: GrpcServerClass };
const providerService = (
    require(path.join(SDK_DIR, "proto", "provider_grpc_pb")) as { ResourceProviderService: unknown }
).ResourceProviderService;

interface ConfigureRequestLike {
    getVariablesMap(): { toArray(): [string, string][] };
}

export function serveConfigurable(
    served: provider.Provider,
    engineArgs: string[],
    onConfigure: (values: Record<string, string>) => void,
): Promise<void> {
    const addService = grpc.Server.prototype.addService;
    grpc.Server.prototype.addService = function (service, implementation) {
        if (service === providerService) {
            const answer = implementation.configure;
            // The SDK's handlers are methods of its Server class: keep them by inheritance.
            const wrapped = Object.create(implementation) as Record<string, Handler>;
            wrapped.configure = function (call, callback) {
                try {
                    const request = call.request as ConfigureRequestLike;
                    onConfigure(valuesFromConfigureVariables(new Map(request.getVariablesMap().toArray())));
                } catch (error) {
                    callback(error);
                    return;
                }
                answer.call(implementation, call, callback);
            };
            implementation = wrapped;
        }
        return addService.call(this, service, implementation);
    };
    return provider.main(served, engineArgs);
}
