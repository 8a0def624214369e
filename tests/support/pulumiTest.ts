/**
 * Shared helpers for tests that run the component under Pulumi's mock runtime with the simulated
 * Azure. The mocks are installed once per mocha process (they are global to the Pulumi runtime).
 */
import * as pulumi from "@pulumi/pulumi";
import { installSimulatedAzure, type Registration } from "../../simulation/azureSimulator";
import { settled } from "../../simulation/capture";
import { EntraIdentityProvider, type EntraIdentityProviderArgs } from "../../components";

// Tests choose their own JumpCloud settings: a developer's shell must not send them to a real API.
for (const name of ["JUMPCLOUD_API_KEY", "JUMPCLOUD_ORG_ID", "JUMPCLOUD_API_URL"]) delete process.env[name];

let installed: Promise<Registration[]> | undefined;

/** Installs the simulated Azure (once) and empties the registration list. */
export async function simulatedAzure(): Promise<Registration[]> {
    installed ??= installSimulatedAzure("jumpcloud-entra-idp", "test");
    const registrations = await installed;
    registrations.length = 0;
    return registrations;
}

/** The value of an Output, as a promise (mocks never leave values unknown). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** An Output's value or its failure, as a promise (for outputs whose computation may throw). */
export function settledOf<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

/** The one registration of `type` named `name`; throws when there is none. */
export function findResource(
    registrations: readonly Registration[],
    type: string,
    name: string,
): Registration {
    const found = registrations.find((r) => r.type === type && r.name === name);
    if (!found) {
        const seen = registrations.map((r) => `${r.type}::${r.name}`).join("\n  ");
        throw new Error(`No ${type} named ${name} was registered; registered:\n  ${seen}`);
    }
    return found;
}

export function findAll(registrations: readonly Registration[], type: string): Registration[] {
    return registrations.filter((r) => r.type === type);
}

/** Whether a registered input arrived marked secret, and its plain value either way. */
export { isSecretValue as isSecretInput, plainValue as plain } from "../../simulation/secretValues";

/** Lets every pending registration reach the mocks. */
export function settle(ms = 50): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Records each child's parent through a component transformation (mocks are not told parents). */
export function parentRecorder(): {
    seen: { type: string; name: string; parent?: pulumi.Resource; opts: pulumi.ResourceOptions }[];
    transformation: pulumi.ResourceTransformation;
} {
    const seen: { type: string; name: string; parent?: pulumi.Resource; opts: pulumi.ResourceOptions }[] = [];
    return {
        seen,
        transformation: (args) => {
            seen.push({ type: args.type, name: args.name, parent: args.opts.parent, opts: args.opts });
            return undefined;
        },
    };
}

/** Builds a component and waits until all its outputs (and so all its children) are in. */
export async function buildComponent(
    name: string,
    args: EntraIdentityProviderArgs = {},
    opts?: pulumi.ComponentResourceOptions,
): Promise<EntraIdentityProvider> {
    const component = new EntraIdentityProvider(name, args, opts);
    await settled(component);
    return component;
}
