/**
 * Printing for the offline demo: the resource tree with key settings, and the emulator's state.
 * Secrets are always masked.
 */
import type { Registration } from "./azureSimulator";
import type { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { plainValue as plain } from "./secretValues";
import { RESOURCE_TYPES } from "../components/resourceTypes";

/** A secret as the demo shows it: its length only. */
export function mask(value: unknown): string {
    if (value && typeof value === "object" && !Array.isArray(value)) {
        const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${mask(v)}`);
        return `{ ${entries.join(", ")} }`;
    }
    return `******** (secret${typeof value === "string" ? `, ${value.length} chars` : ""})`;
}

/** One line of key settings per resource type. */
function settings(r: Registration): string {
    const i = r.inputs;
    const s = r.state;
    switch (r.type) {
        case RESOURCE_TYPES.application: {
            const web = i.web as {
                redirectUris: string[];
                implicitGrant: { idTokenIssuanceEnabled: boolean };
            };
            const claims = (i.optionalClaims as { idTokens: unknown[] }).idTokens.length;
            return `${String(i.signInAudience)}; redirect ${web.redirectUris.join(", ")}; ID tokens ${web.implicitGrant.idTokenIssuanceEnabled ? "on" : "off"}; ${claims} ID-token claims; Graph scopes openid, email, profile; clientId ${String(s.clientId)}`;
        }
        case RESOURCE_TYPES.servicePrincipal:
            return `for clientId ${String(i.clientId)}`;
        case RESOURCE_TYPES.delegatedPermissionGrant:
            return `admin consent, tenant-wide: ${(i.claimValues as string[]).join(", ")}`;
        case RESOURCE_TYPES.secretLifetime:
            return `expires ${String(s.expiresAt)}${s.rotateAt ? `, rotates after ${String(s.rotateAt)}` : ""}`;
        case RESOURCE_TYPES.applicationPassword:
            return `"${String(i.displayName)}", ends ${String(i.endDate)}, value ${mask(s.value)}`;
        case RESOURCE_TYPES.user:
            return `${String(i.userPrincipalName)} "${String(i.displayName)}", mail ${String(i.mail)}, nickname ${String(i.mailNickname)}, ${i.accountEnabled ? "enabled" : "disabled"}, password ${mask(plain(i.password))}${i.forcePasswordChange ? ", changed at first sign-in" : ""}`;
        case RESOURCE_TYPES.identityProvider:
            return `JumpCloud "${String(i.name)}", type ${String(i.type)}, URL ${String(i.url)}, clientId ${String(i.clientId)}, secret ${mask(plain(i.clientSecret))}`;
        default:
            return "";
    }
}

function shortType(type: string): string {
    return type.replace(/^azuread:index\/\w+:/, "azuread:").replace(/^pulumi-nodejs:dynamic\//, "dynamic:");
}

export function printTree(registrations: readonly Registration[]): void {
    const [root, ...children] = registrations;
    console.log(`    ${shortType(root.type)} ${root.name}`);
    children.forEach((r, i) => {
        const branch = i === children.length - 1 ? "└─" : "├─";
        console.log(`    ${branch} ${shortType(r.type)} ${r.name}`);
        const line = settings(r);
        if (line) console.log(`    ${i === children.length - 1 ? "  " : "│ "}     ${line}`);
    });
}

export function printEmulatorState(emulator: JumpCloudEmulator): void {
    const all = emulator.identityProviders();
    if (all.length === 0) {
        console.log("    JumpCloud now holds no identity provider");
        return;
    }
    for (const idp of all) {
        console.log(
            `    JumpCloud now holds ${idp.id}: "${idp.name}" (${idp.type}) url ${idp.oidc.url}, clientId ${idp.oidc.clientId}, secret ${mask(idp.oidc.clientSecret)}`,
        );
    }
}
