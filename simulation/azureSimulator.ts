/**
 * A simulated Azure for Pulumi's mock runtime: answers every azuread registration and look-up the
 * component makes with plausible, deterministic values, each marked as simulated. Used by the
 * tests and by the offline demo; nothing here talks to Azure.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { lifetimeFrom } from "../providers/secretLifetime";
import { RESOURCE_TYPES } from "../components/resourceTypes";
import { MICROSOFT_GRAPH_APP_ID } from "../components/constants";

/** Microsoft's published ids for Graph's delegated scopes (what the real look-up returns). */
export const SIMULATED_GRAPH_SCOPE_IDS: Record<string, string> = {
    openid: "37f7f235-527c-4136-accd-4a02d197296e",
    profile: "14dad69e-099b-42c9-810b-d002981feec1",
    email: "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
    "User.Read": "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
};
export const SIMULATED_TENANT_ID = simulatedGuid("tenant");
export const SIMULATED_GRAPH_SP_OBJECT_ID = simulatedGuid("graph-service-principal");
/** Every simulated secret value starts with this, so nobody mistakes it for a real one. */
export const SIMULATED_SECRET_PREFIX = "SIMULATED~";

export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    readonly provider?: string;
    readonly id: string;
    readonly state: Record<string, unknown>;
}

/** A GUID derived from a seed: the same names give the same ids on every run. */
export function simulatedGuid(seed: string): string {
    const h = createHash("sha256").update(`simulated:${seed}`).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function hex24(seed: string): string {
    return createHash("sha256").update(`simulated:${seed}`).digest("hex").slice(0, 24);
}

/** What each resource type's provider would fill in after create. */
function simulatedState(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
): { id: string; state: Record<string, unknown> } {
    switch (type) {
        case RESOURCE_TYPES.application: {
            const objectId = simulatedGuid(`app:${name}`);
            return {
                id: `/applications/${objectId}`,
                state: { ...inputs, objectId, clientId: simulatedGuid(`client:${name}`) },
            };
        }
        case RESOURCE_TYPES.servicePrincipal: {
            const objectId = simulatedGuid(`sp:${name}`);
            return { id: `/servicePrincipals/${objectId}`, state: { ...inputs, objectId } };
        }
        case RESOURCE_TYPES.delegatedPermissionGrant:
            return { id: `simulated-grant-${hex24(name)}`, state: { ...inputs } };
        case RESOURCE_TYPES.applicationPassword: {
            const keyId = simulatedGuid(`key:${name}`);
            return {
                id: `${String(inputs.applicationId)}/password/${keyId}`,
                state: { ...inputs, keyId, value: `${SIMULATED_SECRET_PREFIX}${hex24(`secret:${name}`)}` },
            };
        }
        case RESOURCE_TYPES.user: {
            const objectId = simulatedGuid(`user:${name}`);
            return { id: `/users/${objectId}`, state: { ...inputs, objectId } };
        }
        case RESOURCE_TYPES.secretLifetime: {
            const outs = lifetimeFrom(inputs as unknown as Parameters<typeof lifetimeFrom>[0], Date.now());
            return { id: `simulated-lifetime-${hex24(name)}`, state: { ...inputs, ...outs } };
        }
        default:
            return { id: `simulated-${hex24(`${type}:${name}`)}`, state: { ...inputs } };
    }
}

/** The invokes the component makes. Anything else is a bug in the component or the test. */
export function simulatedCall(
    token: string,
    inputs: Record<string, unknown>,
    caller: { readonly tenantId: string; readonly clientId: string } = {
        tenantId: SIMULATED_TENANT_ID,
        clientId: simulatedGuid("caller"),
    },
): Record<string, unknown> {
    switch (token) {
        // The tenant and identity the provider signed in with (its configuration, or the
        // simulated signed-in account's when it has none).
        case "azuread:index/getClientConfig:getClientConfig":
            return {
                tenantId: caller.tenantId,
                clientId: caller.clientId,
                objectId: simulatedGuid(`caller-object:${caller.tenantId}:${caller.clientId}`),
            };
        case "azuread:index/getServicePrincipal:getServicePrincipal":
            if (inputs.clientId !== MICROSOFT_GRAPH_APP_ID) {
                throw new Error(
                    `Simulated Azure knows only Microsoft Graph's service principal, not ${String(inputs.clientId)}`,
                );
            }
            return {
                clientId: inputs.clientId,
                objectId: SIMULATED_GRAPH_SP_OBJECT_ID,
                displayName: "Microsoft Graph",
                oauth2PermissionScopeIds: SIMULATED_GRAPH_SCOPE_IDS,
            };
        default:
            throw new Error(`Mock call not implemented: ${token}`);
    }
}

/**
 * Installs the simulated Azure as Pulumi's mocks and returns the list every registration is
 * recorded into (clear it with `registrations.length = 0` between programs).
 */
export async function installSimulatedAzure(
    project = "jumpcloud-entra-idp",
    stack = "test",
    config: Record<string, string> = {},
): Promise<Registration[]> {
    const registrations: Registration[] = [];
    const mocks: pulumi.runtime.Mocks = {
        newResource(args: pulumi.runtime.MockResourceArgs) {
            const { id, state } = simulatedState(args.type, args.name, args.inputs);
            registrations.push({
                type: args.type,
                name: args.name,
                inputs: args.inputs,
                provider: args.provider,
                id,
                state,
            });
            return { id, state };
        },
        call(args: pulumi.runtime.MockCallArgs) {
            return simulatedCall(args.token, args.inputs);
        },
    };
    for (const [key, value] of Object.entries(config)) {
        pulumi.runtime.setConfig(key, value);
    }
    await pulumi.runtime.setMocks(mocks, project, stack, false);
    return registrations;
}
