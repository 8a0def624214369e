/**
 * Run as its own process by the Key Vault tests (a file, not `node -e`: under `-e` Node exposes
 * every built-in module as a global, and Pulumi's closure serializer then touches `sys` and `wasi`
 * and prints their warnings). Under mocks, in this order, it builds:
 *
 *   plain            a component without keyVault: how much of @pulumi/azure-native it loaded
 *   hidden-keyvault  then, with @pulumi/azure-native made unresolvable (as in a program that did
 *                    not install the optional peer), a component with keyVault
 *
 * and prints one JSON line: `{ "plain": Probe, "hidden-keyvault": Probe }`, each Probe being
 * `{ azureNativeModulesLoaded, registered, error }`. One process for both: the first proves that
 * nothing of the package was loaded, so the second meets the hidden package exactly as a fresh
 * process would (the component loads it only when keyVault is used).
 */
import Module = require("module");
import { probeInvokeResult } from "../../simulation/probeInvokes";

interface Probe {
    azureNativeModulesLoaded: number;
    registered: string[];
    error?: string;
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
    const { EntraIdentityProvider } = await import("../../components");

    async function probe(name: string, withKeyVault: boolean): Promise<Probe> {
        registered = [];
        let error: string | undefined;
        try {
            const c = new EntraIdentityProvider(
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
    console.log(JSON.stringify({ plain, "hidden-keyvault": hidden }));
}

void main();
