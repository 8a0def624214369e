/**
 * One of Pulumi's dynamic-provider hosts for every suite that drives providers the standard way:
 * fast retries, no JumpCloud credentials in its environment, the test API key through Configure.
 * Starting a host costs a second or two of loading @pulumi/pulumi; suites that need something
 * else of it (another key, other retry settings, stopping it) start their own.
 *
 * The host hands its config to each distinct `__provider` once, on first use, so it is configured
 * once, here, with every key any sharing suite's provider reads.
 */
import { DynamicProviderHost } from "../../simulation/providerHost";
import { FAST_RETRY_ENV, TEST_API_KEY } from "./jumpcloudFixtures";

/** The configuration the shared host was given: the JumpCloud key, and the echo provider's key. */
export const SHARED_HOST_CONFIG = {
    "jumpcloud:apiKey": TEST_API_KEY,
    "test:key": "configured-value",
} as const;

let shared: Promise<DynamicProviderHost> | undefined;

function hostEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, ...FAST_RETRY_ENV };
    for (const name of ["JUMPCLOUD_API_KEY", "JUMPCLOUD_ORG_ID", "JUMPCLOUD_API_URL"]) delete env[name];
    return env;
}

/** The shared host, started and configured on first use; stopped after the whole run. */
export function sharedProviderHost(): Promise<DynamicProviderHost> {
    shared ??= (async () => {
        const host = await DynamicProviderHost.start({ env: hostEnv() });
        await host.configure({ ...SHARED_HOST_CONFIG });
        return host;
    })();
    return shared;
}

// A root-level hook: this module is loaded while mocha reads the spec files.
after(async () => {
    if (shared) await (await shared).stop();
});
