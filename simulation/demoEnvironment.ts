/**
 * The demo's own environment. The demo brings its own JumpCloud (the local emulator, with its own
 * key) and its own Azure (simulated), so nothing in the user's shell may reach it: a JumpCloud key
 * would be sent to the emulator and refused, an org id or URL would point the calls elsewhere, and
 * Azure sign-in variables mean nothing to a simulation. These are dropped before the demo starts.
 */

/** Variables the demo never reads from the user's shell, by prefix or by exact name. */
export const IGNORED_PREFIXES = ["JUMPCLOUD_", "ARM_", "AZURE_"] as const;
/** Pulumi reads stack configuration from these when a program runs; the demo sets its own. */
export const IGNORED_NAMES = ["PULUMI_CONFIG", "PULUMI_CONFIG_SECRET_KEYS"] as const;

export function isIgnored(name: string): boolean {
    const upper = name.toUpperCase();
    return (
        IGNORED_PREFIXES.some((prefix) => upper.startsWith(prefix)) ||
        (IGNORED_NAMES as readonly string[]).includes(upper)
    );
}

/**
 * Removes every ignored variable from `env` in place (so that code reading `process.env` later
 * cannot see them either) and returns their names, sorted, never their values.
 */
export function isolateEnvironment(env: NodeJS.ProcessEnv): string[] {
    const ignored = Object.keys(env).filter(isIgnored).sort();
    for (const name of ignored) delete env[name];
    return ignored;
}
