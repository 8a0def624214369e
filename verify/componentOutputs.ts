/**
 * What every verify target takes from a component's outputs, wherever they were read (this
 * package's stack outputs, a program's state, a fleet stack): the six values the checks need,
 * the users' emails and the routed group ids; and the JumpCloud location with the environment's
 * fallbacks, as the providers resolve it.
 */
import { CONNECTION_ENV } from "../providers/connection";
import type { VerifyTarget } from "./target";

const REQUIRED = [
    "tenantId",
    "issuerUrl",
    "clientId",
    "clientSecret",
    "clientSecretEndDate",
    "identityProviderId",
] as const;

type Required = Pick<VerifyTarget, (typeof REQUIRED)[number]>;

/** `missing(name)` words the error for an output that is absent (the stack was never brought up). */
export function outputValues(
    outputs: Record<string, unknown>,
    missing: (name: string) => string,
): Required & { userPrincipalNames: string[]; routedGroupIds: string[] } {
    const values = {} as Record<(typeof REQUIRED)[number], string>;
    for (const name of REQUIRED) {
        const value = outputs[name];
        if (typeof value !== "string" || value === "") throw new Error(missing(name));
        values[name] = value;
    }
    const users = Array.isArray(outputs.users) ? (outputs.users as { userPrincipalName?: unknown }[]) : [];
    const groupIds = Array.isArray(outputs.routedUserGroupIds) ? outputs.routedUserGroupIds : [];
    return {
        ...values,
        userPrincipalNames: users.map((u) => String(u.userPrincipalName)),
        routedGroupIds: groupIds.map(String),
    };
}

/** The JumpCloud key, address and organization: the given ones, else the environment's. */
export function jumpCloudLocation(
    given: { apiKey?: string; apiUrl?: string; orgId?: string },
    env: NodeJS.ProcessEnv,
): VerifyTarget["jumpCloud"] {
    // The key from the environment wins, as the program reads it; the address and org do not.
    const apiKey = env[CONNECTION_ENV.apiKey]?.trim() || given.apiKey;
    const apiUrl = given.apiUrl ?? (env[CONNECTION_ENV.apiUrl] || undefined);
    const orgId = given.orgId ?? (env[CONNECTION_ENV.orgId] || undefined);
    return {
        ...(apiKey ? { apiKey } : {}),
        ...(apiUrl ? { apiUrl } : {}),
        ...(orgId ? { orgId } : {}),
    };
}
