/**
 * A fleet of organizations on this machine: the JumpCloud emulator in multi-tenant mode, one
 * simulated Azure tenant per organization, an inventory file, and the environment each
 * organization's Pulumi CLI runs in. Used by the fleet's e2e test and its benchmark.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { STATE_DIR_ENV } from "./azurePlugin/stateStore";
import { SIMULATED_TENANT_ID } from "./azureSimulator";
import { engineEnvironment, makeSandbox, type EngineSandbox, type PulumiCli } from "./engine/pulumiCli";
import { runInventory, type RunInventoryOptions } from "../fleet";
import type { Operation, OrganizationResult } from "../fleet/operations";

export interface FleetSandbox {
    readonly emulator: JumpCloudEmulator;
    readonly sandbox: EngineSandbox;
    readonly inventoryFile: string;
    readonly workDir: string;
    /** Organization name → its JumpCloud organization id. */
    readonly orgIds: Record<string, string>;
    /** Where the inventory's `{ env: ... }` secrets are read: one key variable and one passphrase per organization. */
    readonly secretsEnv: Record<string, string>;
    /** The simulated Azure folder of one organization's tenant. */
    azureStateDir(name: string): string;
    /** What a Pulumi CLI call on one organization's stack needs: its backend and its own passphrase. */
    stackEnvironment(name: string): Record<string, string>;
    /** The CLI the fleet runs, for the Automation API calls a test makes itself. */
    readonly pulumiCommand: PulumiCommand;
    run(operation: Operation, options?: Partial<RunInventoryOptions>): Promise<OrganizationResult[]>;
    dispose(): Promise<void>;
}

export const FLEET_API_KEY = "fleet-e2e-api-key-7d3e1f9b";

/** Organization i's name: org-01, org-02, ... */
export const orgName = (i: number) => `org-${String(i + 1).padStart(2, "0")}`;
export const keyVariable = (name: string) => `FLEET_JUMPCLOUD_KEY_${name.replace(/-/g, "_").toUpperCase()}`;
const passphraseVariable = (name: string) => `FLEET_PASSPHRASE_${name.replace(/-/g, "_").toUpperCase()}`;

export async function startFleetSandbox(cli: PulumiCli, count: number): Promise<FleetSandbox> {
    const names = Array.from({ length: count }, (_, i) => orgName(i));
    const orgIds = Object.fromEntries(names.map((name, i) => [name, (i + 1).toString(16).padStart(24, "0")]));
    const emulator = await JumpCloudEmulator.start({
        apiKey: FLEET_API_KEY,
        multiTenant: true,
        organizations: Object.values(orgIds),
    });
    // No node_modules here: the fleet links the package and the SDK into its work folder itself.
    const sandbox = makeSandbox("jce-fleet-");
    const workDir = path.join(sandbox.root, "fleet-work");
    const inventoryFile = path.join(sandbox.root, "fleet.yaml");
    const secretsEnv: Record<string, string> = {};
    for (const name of names) {
        emulator.seedUser(orgIds[name], `ada@${name}.example.com`);
        secretsEnv[keyVariable(name)] = FLEET_API_KEY;
        secretsEnv[passphraseVariable(name)] = `passphrase of ${name}, its own`;
    }
    const inventory = {
        project: "fleet-e2e",
        defaults: { region: "us", component: { jumpCloud: { apiUrl: emulator.url } } },
        organizations: names.map((name) => ({
            name,
            jumpCloudOrgId: orgIds[name],
            // The simulated azuread answers getClientConfig with one tenant id whatever it is configured with.
            entraTenantId: SIMULATED_TENANT_ID,
            secrets: {
                jumpCloudApiKey: { env: keyVariable(name) },
                stackPassphrase: { env: passphraseVariable(name) },
            },
            component: {
                users: [{ userPrincipalName: `ada@${name}.example.com`, displayName: `Ada of ${name}` }],
            },
        })),
    };
    fs.writeFileSync(inventoryFile, yaml.dump(inventory));
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(path.dirname(cli.command)) });
    const azureStateDir = (name: string) => path.join(sandbox.azureStateDir, name);
    return {
        emulator,
        sandbox,
        inventoryFile,
        workDir,
        orgIds,
        secretsEnv,
        azureStateDir,
        pulumiCommand,
        stackEnvironment: (name) => ({
            PULUMI_BACKEND_URL: `file://${sandbox.backendDir}`,
            PULUMI_HOME: sandbox.pulumiHome,
            PULUMI_CONFIG_PASSPHRASE: secretsEnv[passphraseVariable(name)],
        }),
        run: (operation, options = {}) =>
            runInventory({
                inventoryFile,
                operation,
                workDir,
                pulumiCommand,
                env: secretsEnv,
                // Each organization has its own Entra tenant: its own simulated Azure.
                environment: (org) =>
                    engineEnvironment(cli, sandbox, "replaced by the stack's own passphrase", {
                        [STATE_DIR_ENV]: azureStateDir(org.name),
                    }),
                ...options,
            }),
        dispose: async () => {
            await emulator.stop();
            fs.rmSync(sandbox.root, { recursive: true, force: true });
        },
    };
}
