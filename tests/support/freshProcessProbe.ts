/**
 * Run as its own process by tests/freshProcess.test.ts (a file, not `node -e`: under `-e` Node
 * exposes every built-in module as a global, and Pulumi's closure serializer then touches `sys`
 * and `wasi` and prints their warnings). Under mocks, in this order:
 *
 *   entry            requires the package by its name, with every `pulumi.Config` read recorded:
 *                    what it exports, registers and reads
 *   plain            builds a component without keyVault: how much of @pulumi/azure-native it loaded
 *   hidden-keyvault  then, with @pulumi/azure-native made unresolvable (as in a program that did
 *                    not install the optional peer), builds a component with keyVault
 *
 * and prints one JSON line: `{ "entry": Entry, "plain": Probe, "hidden-keyvault": Probe }`. One
 * process for all three, each loading @pulumi/pulumi once: the entry registers nothing (checked),
 * the plain probe proves nothing of @pulumi/azure-native was loaded, so each later step meets the
 * process as a fresh one would (the component loads the package only when keyVault is used).
 */
import Module = require("module");
import { probeInvokeResult } from "../../simulation/probeInvokes";

export interface EntryProbe {
    exports: string[];
    registered: string[];
    readKeys: string[];
}

export interface ComponentProbe {
    azureNativeModulesLoaded: number;
    registered: string[];
    error?: string;
}

export interface FreshProcessProbes {
    entry: EntryProbe;
    plain: ComponentProbe;
    "hidden-keyvault": ComponentProbe;
}

/** The same failure Node reports for a package that is not installed. */
function hideAzureNative(): void {
    const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
    const resolveFilename = loader._resolveFilename;
    loader._resolveFilename = function (request: string, ...rest: unknown[]) {
        if (request === "@pulumi/azure-native" || request.startsWith("@pulumi/azure-native/")) {
            const error = new Error(`Cannot find module '${request}'`) as NodeJS.ErrnoException;
            error.code = "MODULE_NOT_FOUND";
            throw error;
        }
        return resolveFilename.call(this, request, ...rest);
    };
}

const CONFIG_READS = ["get", "require", "getObject", "getBoolean", "getNumber", "getSecret", "requireSecret"];

async function main(): Promise<void> {
    const pulumi = await import("@pulumi/pulumi");
    let registered: string[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (a) => {
                registered.push(a.type);
                return { id: a.name, state: a.inputs };
            },
            call: probeInvokeResult,
        },
        "probe",
        "probe",
        false,
    );

    // entry: what requiring the package does, by its name as a program requires it.
    const readKeys: string[] = [];
    const config = pulumi.Config.prototype as unknown as Record<
        string,
        (key: string, ...rest: unknown[]) => unknown
    >;
    const originals = Object.fromEntries(CONFIG_READS.map((m) => [m, config[m]]));
    for (const m of CONFIG_READS) {
        config[m] = function (this: unknown, key: string, ...rest: unknown[]) {
            readKeys.push(key);
            return originals[m].call(this, key, ...rest);
        };
    }
    const lib = require("jumpcloud-entra-idp") as typeof import("../../components");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const entry: EntryProbe = { exports: Object.keys(lib).sort(), registered, readKeys: [...readKeys] };
    for (const m of CONFIG_READS) config[m] = originals[m];

    async function probe(name: string, withKeyVault: boolean): Promise<ComponentProbe> {
        registered = [];
        let error: string | undefined;
        try {
            const c = new lib.EntraIdentityProvider(
                name,
                withKeyVault ? { keyVault: { resourceGroupName: "rg", vaultName: "probe-kv" } } : {},
            );
            await new Promise((resolve) =>
                pulumi.all([c.identityProviderId, c.clientSecretDaysLeft, c.keyVaultSecretId]).apply(resolve),
            );
        } catch (e) {
            error = (e as Error).message;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
        const azureNativeModulesLoaded = Object.keys(require.cache).filter((p) =>
            p.includes("azure-native"),
        ).length;
        return { azureNativeModulesLoaded, registered, error };
    }

    const plain = await probe("plain", false);
    hideAzureNative();
    const hidden = await probe("probe", true);
    const probes: FreshProcessProbes = { entry, plain, "hidden-keyvault": hidden };
    console.log(JSON.stringify(probes));
}

void main();
