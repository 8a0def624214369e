/**
 * The program-time half of the layout check: before registering a dynamic resource, make sure
 * Pulumi's dynamic-provider host will be able to load the package's providers the way the stored
 * shim does (from the program directory's node_modules). A bundled program, or one that vendors
 * the package outside node_modules, fails here with what to do, before anything is created,
 * instead of failing later inside the host or running code without its configuration.
 */
import { createRequire } from "module";
import * as path from "path";
import { LAYOUT_ADVICE, PROVIDER_EXPORT } from "./providerShim";

const loadable = new Set<string>();

/** Where the host will load the providers from, resolved as the shim does; throws when it cannot. */
export function resolveProviderExport(programDir: string = process.cwd()): string {
    try {
        return createRequire(path.join(programDir, "package.json")).resolve(PROVIDER_EXPORT);
    } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new Error(
            `jumpcloud-entra-idp: the program directory ${programDir} cannot load "${PROVIDER_EXPORT}" ` +
                `(${typeof code === "string" ? code : "not found"}); is the program bundled? ${LAYOUT_ADVICE}`,
        );
    }
}

/** `resolveProviderExport`, once per directory and process: every resource constructor calls it. */
export function assertProvidersLoadable(programDir: string = process.cwd()): void {
    if (loadable.has(programDir)) return;
    resolveProviderExport(programDir);
    loadable.add(programDir);
}
