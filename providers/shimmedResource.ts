/**
 * The base of every dynamic resource of the package: a `pulumi-nodejs:dynamic/...` custom resource
 * (the token Pulumi's `dynamic.Resource` gives, so the engine runs it in the same dynamic-provider
 * host) whose `__provider` is the package's fixed shim for its kind instead of a serialized closure.
 */
import * as pulumi from "@pulumi/pulumi";
import { shimSource, type DynamicProviderKind } from "./providerShim";
import { assertProvidersLoadable } from "./providerLocation";

/** The Pulumi type token of a dynamic resource: `pulumi-nodejs:dynamic/<module>:<type>`. */
export function dynamicTypeToken(module: string, type: string): string {
    return `pulumi-nodejs:dynamic/${module}:${type}`;
}

export abstract class ShimmedDynamicResource extends pulumi.CustomResource {
    protected constructor(
        kind: DynamicProviderKind,
        token: { module: string; type: string },
        name: string,
        props: pulumi.Inputs,
        opts?: pulumi.CustomResourceOptions,
    ) {
        if ("__provider" in props) throw new Error("A dynamic resource must not define the __provider key");
        assertProvidersLoadable();
        super(
            dynamicTypeToken(token.module, token.type),
            name,
            { ...props, __provider: shimSource(kind) },
            opts,
        );
    }
}
