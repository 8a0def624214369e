/**
 * The one provider-host fixture: Pulumi's dynamic-provider host (simulation/providerHost) started
 * the way every unit suite needs it: fast retries, no JumpCloud settings or proxies from the
 * developer's shell, the test API key through Configure. A start costs a second or two of loading
 * @pulumi/pulumi, so suites share one host unless they need another environment, and start the
 * hosts they need together rather than one after another.
 *
 * The host hands its config to each distinct `__provider` once, on first use, so every host is
 * configured once, here, with every key any suite's provider reads.
 */
import { DynamicProviderHost } from "../../simulation/providerHost";
import { FAST_RETRY_ENV, TEST_API_KEY } from "./jumpcloudFixtures";

/** The configuration every test host is given: the JumpCloud key, and the echo provider's key. */
export const TEST_HOST_CONFIG = {
    "jumpcloud:apiKey": TEST_API_KEY,
    "test:key": "configured-value",
} as const;

const SHELL_SETTINGS = [
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
];

/** A variable set to undefined is removed. */
export type EnvChanges = Record<string, string | undefined>;

function hostEnv(extra: EnvChanges): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, ...FAST_RETRY_ENV };
    for (const name of SHELL_SETTINGS) delete env[name];
    for (const [key, value] of Object.entries(extra)) {
        if (value === undefined) delete env[key];
        else env[key] = value;
    }
    return env;
}

/** A host of the caller's own, with `extra` in its environment; the caller stops it. */
export async function startHost(
    extra: EnvChanges = {},
    config: Record<string, string> = TEST_HOST_CONFIG,
): Promise<DynamicProviderHost> {
    const host = await DynamicProviderHost.start({ env: hostEnv(extra) });
    await host.configure({ ...config });
    return host;
}

/** One host per environment, started together; the caller stops them (see stopHosts). */
export function startHosts(extras: readonly EnvChanges[]): Promise<DynamicProviderHost[]> {
    return Promise.all(extras.map((extra) => startHost(extra)));
}

export async function stopHosts(hosts: readonly (DynamicProviderHost | undefined)[]): Promise<void> {
    await Promise.all(hosts.map((host) => host?.stop()));
}

let shared: Promise<DynamicProviderHost> | undefined;

/** The shared host (no `extra`), started on first use and stopped after the whole run. */
export function sharedProviderHost(): Promise<DynamicProviderHost> {
    shared ??= startHost();
    return shared;
}

// A root-level hook: this module is loaded while mocha reads the spec files.
after(async () => {
    if (shared) await (await shared).stop();
});
