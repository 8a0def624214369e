/**
 * The JumpCloud identity provider's URL is the Entra authority of the tenant its app lives in:
 * an IdP pointing at one tenant with another tenant's client id signs nobody in, and in a stack
 * with several organizations it is the sign of providers crossed between tenants.
 *
 * A stack policy: the app is found through the IdP's `clientId` dependency (known even during a
 * preview that creates both), its tenant through the app's azuread provider (`tenantId`).
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { read, UNKNOWN } from "./known";
import { TYPES } from "./resourceTypes";

export const ENTRA_AUTHORITY_HOST = "login.microsoftonline.com";

export function identityProviderTenantPolicy(): StackValidationPolicy {
    return {
        name: "idp-url-same-tenant-as-app",
        description:
            "The JumpCloud identity provider's URL must be https://login.microsoftonline.com/<tenant id> of the " +
            "tenant the app it uses (its clientId) is registered in.",
        enforcementLevel: "mandatory",
        validateStack: (args, reportViolation) => {
            for (const idp of args.resources.filter((r) => r.type === TYPES.identityProvider)) {
                const url = read(() => idp.props.url as unknown);
                if (url === UNKNOWN) continue;
                const urlTenant = authorityTenant(url);
                if (urlTenant === undefined) {
                    reportViolation(
                        `The identity provider's URL ${JSON.stringify(url)} is not the Entra authority ` +
                            `https://${ENTRA_AUTHORITY_HOST}/<tenant id>.`,
                        idp.urn,
                    );
                    continue;
                }
                const app = appOf(idp, args.resources);
                const appTenant = app ? tenantOf(app) : undefined;
                // No app in this stack, or its provider names no tenant (for example ARM_TENANT_ID): nothing to compare.
                if (!app || appTenant === undefined) continue;
                if (appTenant.toLowerCase() !== urlTenant.toLowerCase()) {
                    reportViolation(
                        `The identity provider's URL names tenant ${urlTenant}, but its app ${app.name} is registered ` +
                            `in tenant ${appTenant} (its azuread provider ${app.provider?.name ?? "(default)"}). ` +
                            "Give the component and the app the same azuread provider.",
                        idp.urn,
                    );
                }
            }
        },
    };
}

/** The tenant id of `https://login.microsoftonline.com/<tenant>[/...]`, else undefined. */
export function authorityTenant(url: unknown): string | undefined {
    if (typeof url !== "string") return undefined;
    try {
        const parsed = new URL(url);
        const tenant = parsed.pathname.split("/")[1];
        return parsed.protocol === "https:" && parsed.hostname === ENTRA_AUTHORITY_HOST && tenant
            ? tenant
            : undefined;
    } catch {
        return undefined;
    }
}

/** The Application the IdP's clientId comes from: by dependency, else by equal clientId. */
function appOf(idp: PolicyResource, resources: readonly PolicyResource[]): PolicyResource | undefined {
    const byDependency = (idp.propertyDependencies?.clientId ?? []).find((r) => r.type === TYPES.application);
    if (byDependency) return byDependency;
    const clientId = read(() => idp.props.clientId as unknown);
    if (clientId === UNKNOWN || typeof clientId !== "string") return undefined;
    return resources.find(
        (r) => r.type === TYPES.application && read(() => r.props.clientId as unknown) === clientId,
    );
}

function tenantOf(app: PolicyResource): string | undefined {
    const tenant = app.provider ? read(() => app.provider?.props.tenantId as unknown) : undefined;
    return typeof tenant === "string" && tenant !== "" ? tenant : undefined;
}
