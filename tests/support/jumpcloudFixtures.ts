/**
 * Fixtures for tests that run the JumpCloud provider against the local emulator.
 */
import { JumpCloudEmulator, type EmulatorOptions } from "../../emulator/jumpcloudEmulator";
import { sampleIdentityProviderInputs } from "../../simulation/sampleInputs";
import type { IdentityProviderInputs } from "../../providers/identityProviderProvider";
import { RETRY_POLICY_ENV, type RetryPolicy } from "../../providers/retryPolicy";

export const TEST_API_KEY = "test-key-7f3a9c1e5b2d4680";
export const TEST_SECRET = "entra-secret~Q8h2.L0v3ly_s3cr3t";

/** Retry settings that keep fault tests fast: small waits, short timeouts, same bounds logic. */
export const FAST_RETRY_POLICY: RetryPolicy = {
    baseDelayMs: 5,
    maxDelayMs: 50,
    timeoutMs: 1000,
    maxAttempts: 5,
    totalBudgetMs: 5000,
};

/** FAST_RETRY_POLICY as the variables the provider reads (names from providers/retryPolicy). */
export const FAST_RETRY_ENV: Readonly<Record<string, string>> = Object.fromEntries(
    Object.entries(RETRY_POLICY_ENV).map(([key, name]) => [
        name,
        String(FAST_RETRY_POLICY[key as keyof RetryPolicy]),
    ]),
);

/** Sets environment variables for the duration of a suite; returns the undo. */
export function withEnv(vars: Record<string, string | undefined>): () => void {
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(vars)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
    return () => {
        for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
        }
    };
}

export function startEmulator(opts: Partial<EmulatorOptions> = {}): Promise<JumpCloudEmulator> {
    return JumpCloudEmulator.start({ apiKey: TEST_API_KEY, ...opts });
}

/** Well-formed provider inputs aimed at the emulator. */
export function idpInputs(
    emulator: JumpCloudEmulator,
    overrides: Partial<IdentityProviderInputs> = {},
): IdentityProviderInputs {
    return sampleIdentityProviderInputs(emulator.url, TEST_SECRET, overrides);
}

/**
 * Registers suite hooks that give the provider only what a test means it to have: fast retries,
 * the test key, and no org id or base URL from the developer's environment.
 */
export function useProviderTestEnv(extra: Record<string, string | undefined> = {}): void {
    let restore: () => void = () => undefined;
    before(() => {
        restore = withEnv({
            ...FAST_RETRY_ENV,
            JUMPCLOUD_API_KEY: TEST_API_KEY,
            JUMPCLOUD_ORG_ID: undefined,
            JUMPCLOUD_API_URL: undefined,
            ...extra,
        });
    });
    after(() => restore());
}
