/**
 * The text Pulumi stores as each dynamic resource's `__provider`, and runs in its dynamic-provider
 * host: a shim of a few hundred bytes that loads the package's provider implementation from the
 * program's own node_modules, through the package export `jumpcloud-entra-idp/dynamic-providers`.
 *
 * Why not let Pulumi serialize the provider object: its closure serializer copies code from a
 * program inside this repo but writes `require(".../dist/...")` for an installed package, so the
 * same resource ran different code in each layout (and a copied `configure` kept the stack's API
 * key where the required client never looked). It also wrote about 40 KB into state per resource.
 *
 * The text is a contract with every state file ever written: it names only the export, the kind
 * and the shim protocol, never a version or a file path, so a shim stored by one version of the
 * package finds whichever version the program has installed when Pulumi later reads or deletes.
 * Change it only by adding a new protocol number that `dynamicProviders.ts` also accepts.
 */

/** The package export the shim loads; documented in the README. */
export const PROVIDER_EXPORT = "jumpcloud-entra-idp/dynamic-providers";

/** What a shim asks of the export; raise only with a change `providerFor` still accepts for old shims. */
export const SHIM_PROTOCOL = 1;

/** Every dynamic resource type of the package, by the name its shim asks for. */
export const DYNAMIC_PROVIDER_KINDS = [
    "identityProvider",
    "routingBindings",
    "secretLifetime",
    "generatedPassword",
] as const;
export type DynamicProviderKind = (typeof DYNAMIC_PROVIDER_KINDS)[number];

/** What to do when the export cannot be loaded: shared by the shim and the program-time check. */
export const LAYOUT_ADVICE =
    "Install jumpcloud-entra-idp in the program's node_modules (npm install jumpcloud-entra-idp) and do not bundle it: " +
    'see "How the dynamic providers run" in its README.';

/** How every shim starts, whatever its protocol: tells a shim from an older package's serialized closure. */
const SHIM_HEADER = "// jumpcloud-entra-idp dynamic provider shim";

/**
 * Whether state still holds a provider serialized by 0.1.0 (a closure, not a shim). Pulumi keeps
 * the stored provider for refresh and delete until an update stores the new one, and 0.1.0's
 * installed closure never let `jumpcloud:apiKey` reach its client: providers that call JumpCloud
 * report a change for it, so the next `pulumi up` updates in place (same values) and stores the shim.
 */
export function storesLegacyProvider(olds: object): boolean {
    const stored = (olds as { __provider?: unknown }).__provider;
    return typeof stored === "string" && !stored.startsWith(SHIM_HEADER);
}

/**
 * The shim for one kind. Plain ES5-style CommonJS: Pulumi's host compiles it with
 * require-from-string, whose `require` resolves from the host's working directory (the program's),
 * and `createRequire` from that directory's package.json also lets the repo itself resolve the
 * package by its own name.
 */
export function shimSource(kind: DynamicProviderKind): string {
    const exportName = JSON.stringify(PROVIDER_EXPORT);
    const cannotLoad = `jumpcloud-entra-idp: cannot load ${PROVIDER_EXPORT} from `;
    return [
        `${SHIM_HEADER}, protocol ${SHIM_PROTOCOL}`,
        `exports.handler = function () {`,
        `    var entry;`,
        `    try {`,
        `        entry = require("module").createRequire(require("path").join(process.cwd(), "package.json"))(${exportName});`,
        `    } catch (e) {`,
        `        throw new Error(${JSON.stringify(cannotLoad)} + process.cwd() + " (" + ((e && e.code) || e) + "). " + ${JSON.stringify(LAYOUT_ADVICE)});`,
        `    }`,
        `    return entry.providerFor(${JSON.stringify(kind)}, ${SHIM_PROTOCOL});`,
        `};`,
        ``,
    ].join("\n");
}
