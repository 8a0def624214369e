/**
 * The Azure resource types the component registers, as the simulated plugin serves them: which
 * inputs each takes, which of them force a replacement, and what the real provider fills in on
 * create. Only the behaviour the component depends on is modelled, and modelled the way the real
 * providers behave (azuread 6.x, which wraps the terraform azuread provider; azure-native 3.x).
 */
import { SIMULATED_SECRET_PREFIX, simulatedGuid } from "../azureSimulator";
import { rfc3339Seconds } from "../../providers/secretLifetime";
import { RESOURCE_TYPES } from "../../components/resourceTypes";

export type Properties = Record<string, unknown>;

export interface SimulatedType {
    /** Inputs the real schema accepts (of those the component may send); anything else fails check. */
    readonly inputs: readonly string[];
    /** Inputs the real provider cannot change in place. */
    readonly replaceOnChange: readonly string[];
    /** Outputs that are secrets in the real schema. */
    readonly secretOutputs: readonly string[];
    /** Inputs as the real provider stores them (e.g. dates with whole seconds). */
    normalize?(inputs: Properties): Properties;
    /** The id and computed outputs of a new object; `serial` makes every create distinct. */
    create(name: string, inputs: Properties, serial: number): { id: string; computed: Properties };
}

/** A 24-digit hex seed value: deterministic for the same name and create order. */
function seedHex(seed: string): string {
    return simulatedGuid(seed).replace(/-/g, "").slice(0, 24);
}

export const SIMULATED_TYPES: Record<string, SimulatedType> = {
    [RESOURCE_TYPES.application]: {
        inputs: ["displayName", "signInAudience", "web", "optionalClaims", "requiredResourceAccesses"],
        replaceOnChange: [],
        secretOutputs: [],
        create(name, _inputs, serial) {
            const objectId = simulatedGuid(`app:${name}:${serial}`);
            return {
                id: `/applications/${objectId}`,
                computed: { objectId, clientId: simulatedGuid(`client:${name}:${serial}`) },
            };
        },
    },
    [RESOURCE_TYPES.servicePrincipal]: {
        inputs: ["clientId"],
        replaceOnChange: ["clientId"],
        secretOutputs: [],
        create(name, _inputs, serial) {
            const objectId = simulatedGuid(`sp:${name}:${serial}`);
            return { id: `/servicePrincipals/${objectId}`, computed: { objectId } };
        },
    },
    [RESOURCE_TYPES.delegatedPermissionGrant]: {
        inputs: [
            "servicePrincipalObjectId",
            "resourceServicePrincipalObjectId",
            "claimValues",
            "userObjectId",
        ],
        replaceOnChange: ["servicePrincipalObjectId", "resourceServicePrincipalObjectId", "userObjectId"],
        secretOutputs: [],
        create(name, _inputs, serial) {
            return { id: `simulated-grant-${seedHex(`grant:${name}:${serial}`)}`, computed: {} };
        },
    },
    [RESOURCE_TYPES.applicationPassword]: {
        inputs: ["applicationId", "displayName", "endDate", "startDate", "rotateWhenChanged"],
        // terraform's azuread_application_password has no update: every argument is ForceNew.
        replaceOnChange: ["applicationId", "displayName", "endDate", "startDate", "rotateWhenChanged"],
        secretOutputs: ["value"],
        normalize(inputs) {
            // The real provider keeps end_date with whole seconds: an input with milliseconds would
            // differ from state on every run and replace the secret each time.
            return typeof inputs.endDate === "string" && !Number.isNaN(Date.parse(inputs.endDate))
                ? { ...inputs, endDate: rfc3339Seconds(Date.parse(inputs.endDate)) }
                : inputs;
        },
        create(name, inputs, serial) {
            const keyId = simulatedGuid(`key:${name}:${serial}`);
            return {
                id: `${String(inputs.applicationId)}/password/${keyId}`,
                // The value exists only in the create response; Graph never returns it again.
                computed: {
                    keyId,
                    value: `${SIMULATED_SECRET_PREFIX}${seedHex(`secret:${name}:${serial}`)}`,
                },
            };
        },
    },
    [RESOURCE_TYPES.user]: {
        inputs: [
            "userPrincipalName",
            "displayName",
            "mailNickname",
            "mail",
            "accountEnabled",
            "password",
            "forcePasswordChange",
        ],
        replaceOnChange: [],
        secretOutputs: ["password"],
        create(name, _inputs, serial) {
            const objectId = simulatedGuid(`user:${name}:${serial}`);
            return { id: `/users/${objectId}`, computed: { objectId } };
        },
    },
    [RESOURCE_TYPES.keyVaultSecret]: {
        inputs: ["resourceGroupName", "vaultName", "secretName", "properties", "tags"],
        replaceOnChange: ["resourceGroupName", "vaultName", "secretName"],
        secretOutputs: [],
        create(_name, inputs) {
            const id =
                `/subscriptions/${simulatedGuid("subscription")}/resourceGroups/${String(inputs.resourceGroupName)}` +
                `/providers/Microsoft.KeyVault/vaults/${String(inputs.vaultName)}/secrets/${String(inputs.secretName)}`;
            return { id, computed: { name: inputs.secretName, type: "Microsoft.KeyVault/vaults/secrets" } };
        },
    },
};

/** The package (plugin name) a type token belongs to. */
export function packageOf(token: string): string {
    return token.split(":")[0];
}
