/**
 * Run as its own process by the Key Vault tests (a file, not `node -e`: under `-e` Node exposes
 * every built-in module as a global, and Pulumi's closure serializer then touches `sys` and `wasi`
 * and prints their warnings). Builds one component under mocks and prints one JSON line:
 * `{ azureNativeModulesLoaded, registered, error }`.
 *
 *   node azureNativeProbe.js plain          a component without keyVault
 *   node azureNativeProbe.js hidden-keyvault  a component with keyVault, in a process where
 *                                             @pulumi/azure-native cannot be resolved (as in a
 *                                             program that did not install the optional peer)
 */
import Module = require("module");
import { probeInvokeResult } from "../../simulation/probeInvokes";

const mode = process.argv[2];
if (mode === "hidden-keyvault") {
    // The same failure Node reports for a package that is not installed.
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
    const registered: string[] = [];
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
    let error: string | undefined;
    try {
        const c = new EntraIdentityProvider(
            "probe",
            mode === "hidden-keyvault"
                ? { keyVault: { resourceGroupName: "rg", vaultName: "probe-kv" } }
                : {},
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
    console.log(JSON.stringify({ azureNativeModulesLoaded, registered, error }));
}

void main();
