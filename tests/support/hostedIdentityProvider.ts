/**
 * The JumpCloud identity provider as `pulumi up` runs it: serialized from a mock run of the real
 * component and driven through Pulumi's own dynamic-provider host (the shared one of the pool in
 * providerHosts.ts), for the hardening tests.
 */
import { EntraIdentityProvider } from "../../components";
import { simulatedAzure } from "./pulumiTest";
import { captureIdentityProvider, settled, type CapturedIdentityProvider } from "../../simulation/capture";
import { dynamicUrn, type DynamicProviderHost } from "../../simulation/providerHost";
import type { EmulatorOptions, JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { RESOURCE_TYPES } from "../../components/resourceTypes";
import { startEmulator } from "./jumpcloudFixtures";
import { sharedProviderHost } from "./providerHosts";

/** Captures the serialized provider and inputs of one component aimed at `apiUrl` (once per file). */
export async function captureForHost(apiUrl: string, name = "hardening"): Promise<CapturedIdentityProvider> {
    const registrations = await simulatedAzure();
    await settled(new EntraIdentityProvider(name, { jumpCloud: { apiUrl } }));
    return captureIdentityProvider(registrations, name);
}

export function urnOf(name: string): string {
    return dynamicUrn(name, RESOURCE_TYPES.identityProvider);
}

export interface HostedIdentityProvider {
    readonly emulator: JumpCloudEmulator;
    readonly captured: CapturedIdentityProvider;
    readonly urn: string;
    /** The shared host: never stop it. */
    readonly host: DynamicProviderHost;
}

/** An emulator, a component's provider captured against it, and the shared host to run it in. */
export async function hostedIdentityProvider(
    emulatorOptions: Partial<EmulatorOptions> = {},
): Promise<HostedIdentityProvider> {
    const [emulator, host] = await Promise.all([startEmulator(emulatorOptions), sharedProviderHost()]);
    const captured = await captureForHost(emulator.url);
    return { emulator, captured, urn: urnOf(captured.name), host };
}

/** What a test left in the emulator: faults, identity providers, the request log. */
export function resetEmulator(emulator: JumpCloudEmulator): void {
    emulator.clearFaults();
    for (const idp of emulator.identityProviders()) emulator.removeIdentityProvider(idp.id);
    emulator.resetRequests();
}

/** The rejection message of a host call, or "" when it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<string> {
    return call.then(
        () => "",
        (error: Error) => error.message,
    );
}
