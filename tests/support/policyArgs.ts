/**
 * Builds the arguments @pulumi/policy hands a policy, the way its analyzer server does: props
 * wrapped in its own unknown-checking proxy, with the engine's sentinels for values unknown
 * during a preview. Collects the violations a policy reports.
 */
import {
    unknownCheckingProxy,
    type PolicyResource,
    type ResourceValidationArgs,
    type ResourceValidationPolicy,
    type StackValidationArgs,
    type StackValidationPolicy,
} from "@pulumi/policy";
import { COMPONENT_TYPE } from "../../components/resourceTypes";

/** The engine's wire markers for "not known during preview", by the type the value would have. */
export const UNKNOWN = {
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    boolean: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
} as const;

/** A URN of a resource inside an EntraIdentityProvider (or at the stack's top with `inComponent: false`). */
export function urnOf(type: string, name: string, inComponent = true): string {
    return `urn:pulumi:dev::fleet::${inComponent ? `${COMPONENT_TYPE}$` : ""}${type}::${name}`;
}

/** The options a resource declared with none has, as the analyzer server hands them over. */
function defaultOptions(): ResourceValidationArgs["opts"] {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
}

interface ResourceOptions {
    readonly name?: string;
    readonly inComponent?: boolean;
    readonly config?: object;
}

export function resourceArgs(
    type: string,
    props: Record<string, unknown>,
    options: ResourceOptions = {},
): ResourceValidationArgs {
    const name = options.name ?? "r";
    return {
        type,
        props: unknownCheckingProxy(props),
        urn: urnOf(type, name, options.inComponent ?? true),
        name,
        opts: defaultOptions(),
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => (options.config ?? {}) as T,
        notApplicable: (reason?: string): never => {
            throw new Error(`notApplicable: ${reason}`);
        },
    };
}

export async function violationsOf(
    policy: ResourceValidationPolicy,
    args: ResourceValidationArgs,
): Promise<string[]> {
    const found: string[] = [];
    const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource];
    for (const validate of validations) await validate?.(args, (message) => found.push(message));
    return found;
}

export interface StackResourceSpec {
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
    readonly provider?: { readonly name: string; readonly props: Record<string, unknown> };
    /** Property name → names of the resources (in this list) it depends on. */
    readonly propertyDependencies?: Record<string, string[]>;
}

/** Policy resources as the server builds them, dependencies resolved to the listed resources. */
export function stackResources(specs: readonly StackResourceSpec[]): PolicyResource[] {
    const resources = specs.map((spec): PolicyResource => ({
        type: spec.type,
        name: spec.name,
        urn: urnOf(spec.type, spec.name),
        props: unknownCheckingProxy(spec.props),
        opts: defaultOptions(),
        ...(spec.provider
            ? {
                  provider: {
                      type: "pulumi:providers:azuread",
                      name: spec.provider.name,
                      urn: `urn:pulumi:dev::fleet::pulumi:providers:azuread::${spec.provider.name}`,
                      props: unknownCheckingProxy(spec.provider.props),
                  },
              }
            : {}),
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    }));
    specs.forEach((spec, i) => {
        for (const [property, names] of Object.entries(spec.propertyDependencies ?? {})) {
            resources[i].propertyDependencies[property] = names.map((n) => {
                const found = resources.find((r) => r.name === n);
                if (!found) throw new Error(`no resource ${n} in the list`);
                return found;
            });
        }
    });
    return resources;
}

export async function stackViolationsOf(
    policy: StackValidationPolicy,
    resources: PolicyResource[],
    config: object = {},
): Promise<{ message: string; urn?: string }[]> {
    const found: { message: string; urn?: string }[] = [];
    const args: StackValidationArgs = {
        resources,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
            throw new Error(`notApplicable: ${reason}`);
        },
    };
    await policy.validateStack(args, (message, urn) => found.push({ message, urn }));
    return found;
}
