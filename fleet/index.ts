/**
 * The fleet as a library: one stack per JumpCloud organization, driven by Pulumi's Automation API.
 *
 *     const results = await runInventory({ inventoryFile: "fleet.yaml", operation: "up", parallel: 4 });
 *
 * `runFleet` is the scheduler alone, for another operation or another source of organizations.
 */
import * as path from "node:path";
import type { PulumiCommand } from "@pulumi/pulumi/automation";
import { loadInventory } from "./inventory";
import type { Operation, OrganizationResult } from "./operations";
import { runFleet, type FleetProgress } from "./runner";
import { stackOperation, type StackOperationSettings } from "./stackOperation";

export {
    loadInventory,
    parseInventory,
    InventoryError,
    type Inventory,
    type Organization,
} from "./inventory";
export { OPERATIONS, formatChanges, type Operation, type OrganizationResult } from "./operations";
export { runFleet, DEFAULT_PARALLEL, type FleetProgress, type RunFleetOptions } from "./runner";
export { progressLine, resultTable, summaryLine } from "./report";
export { stackOperation, type StackOperationSettings } from "./stackOperation";

export interface RunInventoryOptions {
    readonly inventoryFile: string;
    readonly operation: Operation;
    readonly only?: readonly string[];
    readonly parallel?: number;
    /** Defaults to `.fleet/` beside the inventory. */
    readonly workDir?: string;
    readonly policyPacks?: readonly string[];
    readonly pulumiCommand?: PulumiCommand;
    readonly onProgress?: (progress: FleetProgress) => void;
    readonly signal?: AbortSignal;
    /** Where secrets named `{ env: ... }` are read. Defaults to process.env. */
    readonly env?: NodeJS.ProcessEnv;
    /** More environment for each organization's Pulumi CLI; see StackOperationSettings. */
    readonly environment?: StackOperationSettings["environment"];
    /** For `verify`; see StackOperationSettings. */
    readonly verify?: StackOperationSettings["verify"];
}

/** Loads and checks the inventory (throws InventoryError), then runs the operation on each organization. */
export async function runInventory(options: RunInventoryOptions): Promise<OrganizationResult[]> {
    const inventory = loadInventory(options.inventoryFile);
    const workDir = options.workDir ?? path.join(path.dirname(path.resolve(options.inventoryFile)), ".fleet");
    const operate = stackOperation(inventory, {
        workDir,
        ...(options.policyPacks ? { policyPacks: options.policyPacks } : {}),
        ...(options.pulumiCommand ? { pulumiCommand: options.pulumiCommand } : {}),
        ...(options.env ? { env: options.env } : {}),
        ...(options.environment ? { environment: options.environment } : {}),
        ...(options.verify ? { verify: options.verify } : {}),
    });
    return runFleet({
        organizations: inventory.organizations,
        operation: options.operation,
        operate,
        ...(options.parallel !== undefined ? { parallel: options.parallel } : {}),
        ...(options.only ? { only: options.only } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
    });
}
