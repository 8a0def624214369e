/**
 * Errors in the user's own words: when the component's arguments were read from stack
 * configuration, a problem names the stack key the user wrote
 * (`jumpcloud-entra-idp:clientSecretExpiresInDays`), not the argument path the mapping produced
 * (`clientSecret.expiresInDays`).
 *
 * The mapping is remembered beside the arguments object (a WeakMap, so the public argument type
 * stays as it is and nothing leaks into resources).
 */

const stackKeysByArgs = new WeakMap<object, Readonly<Record<string, string>>>();

/** Records that `args` came from stack config: argument path (or prefix) -> full stack key. */
export function rememberStackKeys(args: object, stackKeys: Readonly<Record<string, string>>): void {
    stackKeysByArgs.set(args, stackKeys);
}

/**
 * How a problem should name a field of `args`: the stack key when `args` came from stack config
 * (the longest mapped prefix, with the rest of the path kept: `users[1].displayName` becomes
 * `<project>:users[1].displayName`), else the argument path itself.
 */
export function fieldNamer(args: object): (field: string) => string {
    const keys = stackKeysByArgs.get(args);
    if (!keys) return (field) => field;
    const prefixes = Object.keys(keys).sort((a, b) => b.length - a.length);
    return (field) => {
        const prefix = prefixes.find(
            (p) => field === p || field.startsWith(`${p}.`) || field.startsWith(`${p}[`),
        );
        return prefix === undefined ? field : `${keys[prefix]}${field.slice(prefix.length)}`;
    };
}
