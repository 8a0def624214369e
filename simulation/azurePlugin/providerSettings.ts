/**
 * The provider configuration a simulated Azure plugin runs with: what the engine sends in
 * `Configure` (from stack config `azuread:tenantId`, … for the default provider, or the inputs of
 * an explicit `new azuread.Provider(…, { tenantId })`), and the tenant it acts in.
 */
import { SIMULATED_TENANT_ID, simulatedGuid } from "../azureSimulator";

export interface ProviderSettings {
    /** Every configuration value by its key (`tenantId`, `clientId`, …), as the engine sent it. */
    readonly values: Readonly<Record<string, string>>;
    /** The Entra tenant (directory) this provider instance acts in. */
    readonly tenantId: string;
    /** The identity the provider signs in as (getClientConfig's clientId). */
    readonly clientId: string;
}

/**
 * Without a `tenantId` the real provider signs in with the credentials it finds (ARM_TENANT_ID,
 * else the Azure CLI's logged-in account) and acts in *that* account's tenant. The simulation does
 * the same, deterministically: ARM_TENANT_ID when set, else SIMULATED_TENANT_ID, the simulated
 * signed-in account's home tenant.
 */
export function providerSettings(
    values: Readonly<Record<string, string>>,
    env: NodeJS.ProcessEnv = process.env,
): ProviderSettings {
    const given = (key: string, envName: string) => values[key] || env[envName] || undefined;
    return {
        values,
        tenantId: given("tenantId", "ARM_TENANT_ID") ?? SIMULATED_TENANT_ID,
        clientId: given("clientId", "ARM_CLIENT_ID") ?? simulatedGuid("caller"),
    };
}

/**
 * The values of a Configure request's `variables` map, whose keys are `<package>:config:<key>`
 * (the engine fills it from the same inputs as `args`, secrets unwrapped, non-strings as JSON).
 */
export function valuesFromConfigureVariables(variables: ReadonlyMap<string, string>): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [key, value] of variables) {
        const at = key.indexOf(":config:");
        values[at >= 0 ? key.slice(at + ":config:".length) : key] = value;
    }
    return values;
}
