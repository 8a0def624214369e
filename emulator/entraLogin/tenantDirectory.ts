/**
 * What the sign-in emulator knows of a tenant: the simulated azuread plugin's own objects on disk
 * (StateStore), read afresh on every request, so a change made by `pulumi up`, by a test acting as
 * an administrator in the Entra admin center, or by a deletion is seen at once.
 */
import { StateStore } from "../../simulation/azurePlugin/stateStore";
import { deepPlainValue } from "../../simulation/secretValues";

const APPLICATION = "azuread:index/application:Application";
const SERVICE_PRINCIPAL = "azuread:index/servicePrincipal:ServicePrincipal";
const PASSWORD = "azuread:index/applicationPassword:ApplicationPassword";

export interface RegisteredApp {
    /** The app registration's id (`/applications/<object id>`), what its passwords point at. */
    readonly id: string;
    readonly clientId: string;
    readonly displayName: string;
    readonly webRedirectUris: readonly string[];
    readonly idTokenIssuanceEnabled: boolean;
    readonly accessTokenIssuanceEnabled: boolean;
}

export interface AppPassword {
    readonly value: string;
    /** undefined: no end date. */
    readonly endDate: Date | undefined;
}

export class TenantDirectory {
    constructor(private readonly store: StateStore) {}

    /** A tenant exists once the simulated Azure holds an object in it. */
    hasTenant(tenantId: string): boolean {
        return this.store.tenantIds().some((t) => t.toLowerCase() === tenantId.toLowerCase());
    }

    private objects(tenantId: string) {
        const tenant = this.store.tenantIds().find((t) => t.toLowerCase() === tenantId.toLowerCase());
        return tenant ? Object.entries(this.store.tenant(tenant).all()) : [];
    }

    app(tenantId: string, clientId: string): RegisteredApp | undefined {
        for (const [id, object] of this.objects(tenantId)) {
            if (object.type !== APPLICATION) continue;
            const outputs = deepPlainValue(object.outputs) as Record<string, unknown>;
            if (String(outputs.clientId).toLowerCase() !== clientId.toLowerCase()) continue;
            const web = (outputs.web ?? {}) as {
                redirectUris?: string[];
                implicitGrant?: { idTokenIssuanceEnabled?: boolean; accessTokenIssuanceEnabled?: boolean };
            };
            return {
                id,
                clientId: String(outputs.clientId),
                displayName: String(outputs.displayName ?? ""),
                webRedirectUris: web.redirectUris ?? [],
                idTokenIssuanceEnabled: web.implicitGrant?.idTokenIssuanceEnabled === true,
                accessTokenIssuanceEnabled: web.implicitGrant?.accessTokenIssuanceEnabled === true,
            };
        }
        return undefined;
    }

    /** Whether the app has its enterprise application (service principal) in the tenant. */
    hasServicePrincipal(tenantId: string, clientId: string): boolean {
        return this.objects(tenantId).some(
            ([, o]) =>
                o.type === SERVICE_PRINCIPAL &&
                String(deepPlainValue(o.outputs.clientId)).toLowerCase() === clientId.toLowerCase(),
        );
    }

    passwords(tenantId: string, app: RegisteredApp): AppPassword[] {
        return this.objects(tenantId)
            .filter(([, o]) => o.type === PASSWORD && deepPlainValue(o.outputs.applicationId) === app.id)
            .map(([, o]) => {
                const end = deepPlainValue(o.outputs.endDate);
                return {
                    value: String(deepPlainValue(o.outputs.value)),
                    endDate: typeof end === "string" && end !== "" ? new Date(end) : undefined,
                };
            });
    }
}
