/**
 * Fixes in the user's own terms. A target read from this package's stack program names its stack
 * keys (`jumpcloud-entra-idp:users`); one read from another program's state names the component's
 * arguments (`users of EntraIdentityProvider "contoso"`), which is what that user wrote.
 */
import { STACK_KEYS } from "../components/stackConfig";
import type { VerifyTarget } from "./target";

const PROJECT = "jumpcloud-entra-idp";

type Named = Pick<VerifyTarget, "component">;

/** The setting behind a component argument path (`jumpCloud.routing.policyId`), as the user wrote it. */
export function settingName(target: Named, argPath: string): string {
    if (target.component !== undefined) return `${argPath} of EntraIdentityProvider "${target.component}"`;
    const prefix = Object.keys(STACK_KEYS)
        .sort((a, b) => b.length - a.length)
        .find((p) => argPath === p || argPath.startsWith(`${p}.`));
    return prefix === undefined ? argPath : `${PROJECT}:${STACK_KEYS[prefix]}${argPath.slice(prefix.length)}`;
}

/** Where the tenant comes from: the stack's `azuread:tenantId`, or the component's azuread provider. */
export function tenantSetting(target: Named): string {
    return target.component === undefined
        ? "azuread:tenantId"
        : `the tenantId of the azuread provider EntraIdentityProvider "${target.component}" uses (azuread:tenantId for the default one)`;
}

/** How to give the secret a later end date. */
export function laterEndDate(target: Named): string {
    return `set a later ${settingName(target, "clientSecret.endDate")} (or ${settingName(target, "clientSecret.expiresInDays")})`;
}
