/**
 * The one provider-host fixture: Pulumi's dynamic-provider host (simulation/providerHost) started
 * the way every unit suite needs it: fast retries, no JumpCloud settings or proxies from the
 * developer's shell, the test API key through Configure. A start costs a second or two of loading
 * @pulumi/pulumi, so suites share one host per environment (`pooledHost`) and start the hosts they
 * need together rather than one after another. `startHost` is for a test that owns its host (to
 * stop it, or to watch one process's output alone).
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

/**
 * The pool: one host per distinct environment and configuration, started on first use and kept
 * for the rest of the process. Suites that need the same environment share its host; none stops a
 * pooled host. They end with the process (DynamicProviderHost kills its children on exit), which
 * under mocha's parallel mode is each worker, so no root `after` hook is needed: in parallel mode
 * such a hook would run after the first file a worker loads and stop the host for the files after it.
 */
const pool = new Map<string, Promise<DynamicProviderHost>>();

/** The pooled host for `extra` and `config`; the caller must not stop it. */
export function pooledHost(
    extra: EnvChanges = {},
    config: Record<string, string> = TEST_HOST_CONFIG,
): Promise<DynamicProviderHost> {
    const key = JSON.stringify([Object.entries(extra).sort(), Object.entries(config).sort()]);
    let host = pool.get(key);
    if (host === undefined) {
        host = startHost(extra, config);
        // A host that fails to start is started again by the next suite that asks, not reported twice.
        host.catch(() => pool.delete(key));
        pool.set(key, host);
    }
    return host;
}

/** The shared host (no `extra`): the one most suites use. */
export function sharedProviderHost(): Promise<DynamicProviderHost> {
    return pooledHost();
}
