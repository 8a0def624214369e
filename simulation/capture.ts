/**
 * Runs the real component under Pulumi's mock runtime (with the simulated Azure) and captures
 * what the engine would hand the dynamic-provider host for the JumpCloud identity provider: the
 * serialized provider (`__provider`) and the inputs, secrets unwrapped as the engine sends them.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Registration } from "./azureSimulator";
import { unwrapSecrets } from "./providerHost";
import { isSecretValue } from "./secretValues";
import type { EntraIdentityProvider } from "../components";
import { RESOURCE_TYPES } from "../components/resourceTypes";

export interface CapturedIdentityProvider {
    /** The resource name, e.g. `<component>-jumpcloud-idp`. */
    readonly name: string;
    /** The serialized provider, exactly as it would be written to state. */
    readonly provider: string;
    /** The inputs the engine would send, secrets unwrapped, `__provider` included. */
    readonly inputs: Record<string, unknown>;
    /** The names of inputs that arrived marked secret. */
    readonly secretInputs: string[];
}

/** Waits until a component's outputs (and so its children) have all reached the mocks. */
export async function settled(component: EntraIdentityProvider): Promise<void> {
    await new Promise<void>((resolve) =>
        pulumi
            .all([
                component.identityProviderId,
                component.users,
                component.userPasswords,
                component.clientSecret,
            ])
            .apply(() => resolve()),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The captured identity provider of the component named `componentName`. */
export function captureIdentityProvider(
    registrations: readonly Registration[],
    componentName: string,
): CapturedIdentityProvider {
    const name = `${componentName}-jumpcloud-idp`;
    const found = registrations.find((r) => r.type === RESOURCE_TYPES.identityProvider && r.name === name);
    if (!found) throw new Error(`No ${RESOURCE_TYPES.identityProvider} named ${name} was registered`);
    const provider = found.inputs.__provider;
    if (typeof provider !== "string") throw new Error(`${name} has no serialized provider`);
    const secretInputs = Object.entries(found.inputs)
        .filter(([, v]) => isSecretValue(v))
        .map(([k]) => k);
    return { name, provider, inputs: unwrapSecrets(found.inputs) as Record<string, unknown>, secretInputs };
}
