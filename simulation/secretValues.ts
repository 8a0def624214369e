/**
 * How Pulumi marks a secret inside serialized property values (what the mock runtime hands its
 * mocks): `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: X }`.
 * One place for the signature, used by the host driver, the capture, the demo and the tests.
 */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** True when a serialized value is a secret wrapper. */
export function isSecretValue(value: unknown): value is { value: unknown } {
    return (
        typeof value === "object" &&
        value !== null &&
        (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG_VALUE
    );
}

/** The value inside a secret wrapper, or the value itself. */
export function plainValue<T = unknown>(value: unknown): T {
    return (isSecretValue(value) ? value.value : value) as T;
}

/** The value with every secret wrapper removed, at any depth. */
export function deepPlainValue<T = unknown>(value: unknown): T {
    if (isSecretValue(value)) return deepPlainValue(value.value);
    if (Array.isArray(value)) return value.map((v) => deepPlainValue(v)) as T;
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepPlainValue(v)])) as T;
    }
    return value as T;
}
