/**
 * The JumpCloud identity provider as `pulumi up` runs it: serialized from a mock run of the real
 * component and driven through Pulumi's own dynamic-provider host, for the hardening tests that
 * need many hosts with different environments (proxies, URLs, attempt limits).
 */
import { EntraIdentityProvider } from "../../components";
import { simulatedAzure } from "./pulumiTest";
import { captureIdentityProvider, settled, type CapturedIdentityProvider } from "../../simulation/capture";
import { DynamicProviderHost, dynamicUrn } from "../../simulation/providerHost";
import { FAST_RETRY_ENV, TEST_API_KEY } from "./jumpcloudFixtures";
import { RESOURCE_TYPES } from "../../components/resourceTypes";

/** Captures the serialized provider and inputs of one component aimed at `apiUrl` (once per file). */
export async function captureForHost(apiUrl: string, name = "hardening"): Promise<CapturedIdentityProvider> {
    const registrations = await simulatedAzure();
    await settled(new EntraIdentityProvider(name, { jumpCloud: { apiUrl } }));
    return captureIdentityProvider(registrations, name);
}

/**
 * A host with fast retries, the key through Configure, no JumpCloud settings or proxies from the
 * developer's shell, plus `extra` (undefined removes a variable).
 */
export async function startHost(
    extra: Record<string, string | undefined> = {},
): Promise<DynamicProviderHost> {
    const env: NodeJS.ProcessEnv = { ...process.env, ...FAST_RETRY_ENV };
    for (const name of [
        "JUMPCLOUD_API_KEY",
        "JUMPCLOUD_ORG_ID",
        "JUMPCLOUD_API_URL",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
    ]) {
        delete env[name];
    }
    for (const [key, value] of Object.entries(extra)) {
        if (value === undefined) delete env[key];
        else env[key] = value;
    }
    const host = await DynamicProviderHost.start({ env });
    await host.configure({ "jumpcloud:apiKey": TEST_API_KEY });
    return host;
}

export function urnOf(name: string): string {
    return dynamicUrn(name, RESOURCE_TYPES.identityProvider);
}

/** The rejection message of a host call, or "" when it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<string> {
    return call.then(
        () => "",
        (error: Error) => error.message,
    );
}
