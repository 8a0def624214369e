/**
 * Entry of the simulated Azure resource plugins for the real Pulumi engine. The launchers in
 * simulation/plugins (`pulumi-resource-azuread`, `pulumi-resource-azure-native`) run
 * `node main.js <package> <engine address>`, the way the engine starts any resource plugin.
 *
 * It answers with the version of the package's SDK installed beside it, which is the version the
 * SDK asks the engine for, so no plugin is ever looked for elsewhere or downloaded.
 */
import { serveConfigurable } from "./configurableServer";
import { simulatedProvider } from "./simulatedProvider";
import { StateStore } from "./stateStore";

const SDK_PACKAGES: Record<string, string> = {
    azuread: "@pulumi/azuread/package.json",
    "azure-native": "@pulumi/azure-native/package.json",
};

function sdkVersion(packageName: string): string {
    const manifest = SDK_PACKAGES[packageName];
    if (!manifest)
        throw new Error(`No simulated plugin for "${packageName}"; known: ${Object.keys(SDK_PACKAGES)}`);
    return (require(manifest) as { version: string }).version;
}

const [packageName, ...engineArgs] = process.argv.slice(2);
const simulated = simulatedProvider(packageName, sdkVersion(packageName), new StateStore(packageName));
serveConfigurable(simulated, engineArgs, (values) => simulated.configure(values)).catch((error: unknown) => {
    console.error(
        `simulated ${packageName} plugin: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
});
