/**
 * Verify targets from a stack's state (`pulumi stack export --show-secrets`), for any program
 * that uses the component: one per `EntraIdentityProvider`, from the outputs it registered and the
 * inputs of its JumpCloud children (region, API URL, organization, routing policy). Used when the
 * stack is not this package's own program, whose outputs and settings name the values directly.
 */
import { checkRegion, type Region } from "../providers/connection";
import { DEFAULTS } from "../components/constants";
import { COMPONENT_TYPE, RESOURCE_TYPES } from "../components/resourceTypes";
import type { VerifyTarget } from "./target";
import { jumpCloudLocation, outputValues } from "./componentOutputs";

/** The marker Pulumi puts on a secret value in state; with --show-secrets it carries `plaintext`. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

export interface StateResource {
    readonly urn: string;
    readonly type: string;
    readonly parent?: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
    readonly delete?: boolean;
}

/** A value of `stack export --show-secrets` with every secret replaced by its plain value. */
export function plainState(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(plainState);
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (SECRET_SIG in record) {
        if (typeof record.plaintext !== "string") {
            throw new Error(
                "a secret in the stack's state came without its value: the Pulumi CLI could not decrypt it " +
                    "(check PULUMI_CONFIG_PASSPHRASE or the stack's secrets provider)",
            );
        }
        let plain: unknown;
        try {
            plain = JSON.parse(record.plaintext);
        } catch {
            // Never quote it: it is the secret.
            throw new Error("a secret in the stack's state is not readable JSON");
        }
        return plainState(plain);
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plainState(v)]));
}

/** A resource's name: the last part of its URN. */
export function nameOf(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

function text(record: Record<string, unknown> | undefined, key: string): string | undefined {
    const value = record?.[key];
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** The components in a stack's resources, by name, live ones only. */
export function componentsIn(resources: readonly StateResource[]): StateResource[] {
    return resources.filter((r) => r.type === COMPONENT_TYPE && !r.delete);
}

/**
 * The target of one component: its outputs, and its children's inputs. `apiKey`: the stack's
 * `jumpcloud:apiKey`; JUMPCLOUD_API_KEY wins over it, as in the program.
 */
export function targetFromComponent(
    component: StateResource,
    resources: readonly StateResource[],
    apiKey: string | undefined,
    env: NodeJS.ProcessEnv = process.env,
): VerifyTarget {
    const name = nameOf(component.urn);
    const outputs = plainState(component.outputs ?? {}) as Record<string, unknown>;
    const child = (type: string) =>
        resources.find((r) => r.type === type && r.parent === component.urn && !r.delete);
    const idp = plainState(child(RESOURCE_TYPES.identityProvider)?.inputs ?? {}) as Record<string, unknown>;
    const routing = plainState(child(RESOURCE_TYPES.routingBindings)?.inputs ?? {}) as Record<
        string,
        unknown
    >;
    const region = (text(idp, "region") ?? DEFAULTS.region) as Region;
    const regionProblem = checkRegion(region);
    if (regionProblem) throw new Error(`the component ${name}'s region ${regionProblem}`);
    const { routedGroupIds, ...values } = outputValues(
        outputs,
        (key) =>
            `the component ${name} has no output ${key} in the stack: run \`pulumi up\` first (verify checks what it made)`,
    );
    const policyId = text(routing, "policyId");
    return {
        ...values,
        region,
        ...(policyId ? { routing: { policyId, groupIds: routedGroupIds } } : {}),
        // Stacks last brought up by a version that did not keep it: the component's own default.
        warnBeforeExpiryDays:
            typeof outputs.clientSecretWarnBeforeExpiryDays === "number"
                ? outputs.clientSecretWarnBeforeExpiryDays
                : DEFAULTS.warnBeforeExpiryDays,
        naming: { style: "arguments", where: `of EntraIdentityProvider ${JSON.stringify(name)}` },
        jumpCloud: jumpCloudLocation({ apiKey, apiUrl: text(idp, "apiUrl"), orgId: text(idp, "orgId") }, env),
    };
}

/**
 * The component `wanted` names, or the stack's only one. Errors say which components there are,
 * so the user can pick one with `--component`.
 */
export function chooseComponent(resources: readonly StateResource[], wanted?: string): StateResource {
    const components = componentsIn(resources);
    const names = components.map((c) => nameOf(c.urn)).sort();
    if (wanted !== undefined) {
        const found = components.find((c) => nameOf(c.urn) === wanted);
        if (!found) {
            throw new Error(
                `the stack has no EntraIdentityProvider named ${JSON.stringify(wanted)}` +
                    (names.length ? `; it has ${names.join(", ")}` : ": run `pulumi up` first"),
            );
        }
        return found;
    }
    if (components.length === 0) {
        throw new Error(
            "the stack has no EntraIdentityProvider: run `pulumi up` first (verify checks what it made)",
        );
    }
    if (components.length > 1) {
        throw new Error(
            `the stack has ${components.length} EntraIdentityProvider components (${names.join(", ")}): ` +
                "choose one with --component <name>",
        );
    }
    return components[0];
}
