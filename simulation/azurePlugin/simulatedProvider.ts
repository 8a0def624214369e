/**
 * A simulated Azure resource provider for the real Pulumi engine: check, diff, create, read,
 * update, delete and invoke for the types in `resourceTypes.ts`, with its objects kept by
 * `StateStore`. Served over gRPC by `@pulumi/pulumi/provider`'s `main` (see `main.ts`).
 *
 * Like the real providers, an instance acts in one tenant: the `tenantId` of its configuration
 * (`configure`, called with what the engine sends in Configure; see `configurableServer.ts`), and
 * sees only that tenant's objects.
 *
 * Secrets arrive wrapped in Pulumi's secret signature (the plugin accepts secrets) and are kept
 * wrapped in what it returns, so the engine stores them encrypted; comparisons use the plain values.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { simulatedCall } from "../azureSimulator";
import { deepPlainValue as plain, isSecretValue } from "../secretValues";
import { SIMULATED_TYPES, packageOf, type Properties, type SimulatedType } from "./resourceTypes";
import { providerSettings, type ProviderSettings } from "./providerSettings";
import type { StateStore } from "./stateStore";

/** What the engine sends for a value not known until apply (during preview). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** `urn:pulumi:stack::project::parent$type::name` → type and name. */
export function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const types = (parts[2] ?? "").split("$");
    return { type: types[types.length - 1], name: parts.slice(3).join("::") };
}

function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
    return false;
}

/** Key-order independent equality of plain values; an unknown never equals anything. */
function sameValue(a: unknown, b: unknown): boolean {
    if (containsUnknown(a) || containsUnknown(b)) return false;
    return canonical(plain(a)) === canonical(plain(b));
}

function canonical(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
    if (typeof value === "object" && value !== null) {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([x], [y]) => x.localeCompare(y));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
    }
    return JSON.stringify(value ?? null);
}

function secret(value: unknown): unknown {
    return isSecretValue(value) ? value : { [SECRET_SIG_KEY]: SECRET_SIG_VALUE, value };
}

function pick(props: Properties, keys: readonly string[]): Properties {
    return Object.fromEntries(Object.entries(props).filter(([k]) => keys.includes(k)));
}

function omit(props: Properties, keys: readonly string[]): Properties {
    return Object.fromEntries(Object.entries(props).filter(([k]) => !keys.includes(k)));
}

/** A provider the engine's Configure reaches (the SDK's `Provider` has no such method). */
export interface ConfigurableProvider extends provider.Provider {
    configure(values: Record<string, string>): void;
    /** The configuration in force: until Configure, none (the credentials' tenant). */
    readonly settings: ProviderSettings;
}

export function simulatedProvider(
    packageName: string,
    version: string,
    store: StateStore,
    env: NodeJS.ProcessEnv = process.env,
): ConfigurableProvider {
    let settings = providerSettings({}, env);
    const objects = () => store.tenant(settings.tenantId);
    const typeOf = (urn: string): { token: string; name: string; spec: SimulatedType } => {
        const { type: token, name } = parseUrn(urn);
        const spec = SIMULATED_TYPES[token];
        if (!spec || packageOf(token) !== packageName) {
            throw new Error(`The simulated ${packageName} plugin does not implement ${token}`);
        }
        return { token, name, spec };
    };
    const normalized = (spec: SimulatedType, inputs: Properties): Properties =>
        spec.normalize ? spec.normalize(inputs) : inputs;
    const withSecrets = (spec: SimulatedType, outputs: Properties): Properties =>
        Object.fromEntries(
            Object.entries(outputs).map(([k, v]) => [k, spec.secretOutputs.includes(k) ? secret(v) : v]),
        );

    return {
        version,
        get settings() {
            return settings;
        },
        configure(values) {
            settings = providerSettings(values, env);
        },
        async check(urn, _olds, news: Properties) {
            const { token, spec } = typeOf(urn);
            const failures = Object.keys(news)
                .filter((key) => !spec.inputs.includes(key))
                .map((key) => ({ property: key, reason: `${token} has no input "${key}"` }));
            return { inputs: news, failures };
        },
        async diff(_id, urn, olds: Properties, news: Properties) {
            const { spec } = typeOf(urn);
            const wanted = normalized(spec, news);
            const changed = spec.inputs.filter((key) => !sameValue(olds[key], wanted[key]));
            const replaces = changed.filter((key) => spec.replaceOnChange.includes(key));
            return { changes: changed.length > 0, replaces };
        },
        async create(urn, inputs: Properties) {
            const { token, name, spec } = typeOf(urn);
            const wanted = normalized(spec, inputs);
            const { id, computed } = spec.create(name, plain(wanted) as Properties, store.nextSerial());
            const outs = withSecrets(spec, { ...wanted, ...computed });
            objects().put(id, { type: token, outputs: outs });
            return { id, outs };
        },
        async read(id, urn) {
            const { spec } = typeOf(urn);
            const stored = objects().get(id);
            // Gone from the simulated cloud: an empty id tells the engine so.
            if (!stored) return { id: "", props: {} };
            return { id, props: stored.outputs, inputs: pick(stored.outputs, spec.inputs) };
        },
        async update(id, urn, _olds, news: Properties) {
            const { token, spec } = typeOf(urn);
            const stored = objects().get(id);
            if (!stored) {
                throw new Error(
                    `${token} ${id} does not exist in tenant ${settings.tenantId} of the simulated Azure (404)`,
                );
            }
            const outs = withSecrets(spec, {
                ...omit(stored.outputs, spec.inputs),
                ...normalized(spec, news),
            });
            objects().put(id, { type: token, outputs: outs });
            return { outs };
        },
        async delete(id, urn) {
            typeOf(urn);
            // Already gone counts as deleted, as the real providers treat a 404 on delete; an object
            // of another tenant is a 404 from this one, and stays.
            objects().remove(id);
        },
        async invoke(token, inputs: Properties) {
            if (packageOf(token) !== packageName) {
                throw new Error(`The simulated ${packageName} plugin does not implement ${token}`);
            }
            return { outputs: simulatedCall(token, plain(inputs) as Properties, settings) };
        },
    };
}
