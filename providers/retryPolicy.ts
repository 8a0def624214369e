/**
 * How hard the JumpCloud client tries before it gives up. Read from the environment at call
 * time (never captured), so an operator can tune it for a slow link without a code change.
 *
 * No imports: captured by value into the serialized dynamic provider.
 */

export interface RetryPolicy {
    /** Attempts per request, the first included. */
    readonly maxAttempts: number;
    /** Per-attempt timeout. */
    readonly timeoutMs: number;
    /** The whole request, all attempts and waits included, gives up after this. */
    readonly totalBudgetMs: number;
    /** First backoff step; doubles each attempt. */
    readonly baseDelayMs: number;
    /** No backoff wait is longer than this. A server's Retry-After is honoured as given, within the total budget. */
    readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
    maxAttempts: 6,
    timeoutMs: 15_000,
    totalBudgetMs: 120_000,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
};

/** Environment variables that override each figure (milliseconds or a count). */
export const RETRY_POLICY_ENV = {
    maxAttempts: "JUMPCLOUD_MAX_ATTEMPTS",
    timeoutMs: "JUMPCLOUD_TIMEOUT_MS",
    totalBudgetMs: "JUMPCLOUD_TOTAL_BUDGET_MS",
    baseDelayMs: "JUMPCLOUD_RETRY_BASE_MS",
    maxDelayMs: "JUMPCLOUD_RETRY_MAX_MS",
} as const;

export function retryPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
    const pick = (key: keyof RetryPolicy, min: number, max: number): number => {
        const name = RETRY_POLICY_ENV[key];
        const raw = env[name];
        if (raw === undefined || raw === "") return DEFAULT_RETRY_POLICY[key];
        const n = Number(raw);
        if (!Number.isInteger(n) || n < min || n > max) {
            throw new Error(
                `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
            );
        }
        return n;
    };
    return {
        maxAttempts: pick("maxAttempts", 1, 20),
        timeoutMs: pick("timeoutMs", 10, 300_000),
        totalBudgetMs: pick("totalBudgetMs", 10, 3_600_000),
        baseDelayMs: pick("baseDelayMs", 0, 60_000),
        maxDelayMs: pick("maxDelayMs", 0, 600_000),
    };
}

/** Capped exponential backoff with "equal jitter": half fixed, half random. */
export function backoffDelayMs(
    policy: RetryPolicy,
    retryNumber: number,
    random: () => number = Math.random,
): number {
    const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
    return Math.round(capped / 2 + (random() * capped) / 2);
}

/**
 * A `Retry-After` header in seconds or as an HTTP date, in milliseconds from `now`;
 * undefined when absent or unreadable (then backoff applies).
 */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
    if (typeof header !== "string" || header.trim() === "") return undefined;
    const text = header.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    return Math.max(0, at - now);
}
