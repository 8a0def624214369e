/**
 * Fixes in the user's own terms: each names a setting as the user wrote it. This package's own
 * stack program is configured by stack keys (`jumpcloud-entra-idp:users`); any other program by the
 * component's arguments (`users of EntraIdentityProvider "contoso"`); the fleet by its inventory
 * (`component.users of organization "contoso" in the inventory`). A target says which through
 * its `naming`; without one, fixes name the bare argument path.
 */
import { STACK_KEYS } from "../components/stackConfig";
import type { SettingNaming, VerifyTarget } from "./target";

const PROJECT = "jumpcloud-entra-idp";
const ARGUMENTS: SettingNaming = { style: "arguments" };

type Named = Pick<VerifyTarget, "naming">;

/** The setting behind a component argument path (`jumpCloud.routing.policyId`), as the user wrote it. */
export function settingName(target: Named, argPath: string): string {
    const naming = target.naming ?? ARGUMENTS;
    if (naming.style === "stack") {
        const prefix = Object.keys(STACK_KEYS)
            .sort((a, b) => b.length - a.length)
            .find((p) => argPath === p || argPath.startsWith(`${p}.`));
        return prefix === undefined
            ? argPath
            : `${PROJECT}:${STACK_KEYS[prefix]}${argPath.slice(prefix.length)}`;
    }
    return `${naming.prefix ?? ""}${argPath}${naming.where ? ` ${naming.where}` : ""}`;
}

/** Where the tenant comes from: `azuread:tenantId`, the component's azuread provider, or the naming's own. */
export function tenantSetting(target: Named): string {
    const naming = target.naming ?? ARGUMENTS;
    if (naming.tenant) return naming.tenant;
    if (naming.style === "stack") return "azuread:tenantId";
    return (
        "the tenantId of the azuread provider the component uses (azuread:tenantId for the default one)" +
        (naming.where ? `, ${naming.where}` : "")
    );
}

/**
 * How to give JumpCloud a secret with a later end date. A changed `expiresInDays` does nothing while
 * an end date is set, so the other way named is `rotateWhenChanged`: a new secret, its end date
 * counted from then.
 */
export function laterEndDate(target: Named): string {
    return (
        `set a later ${settingName(target, "clientSecret.endDate")}, or, when it is not set, change ` +
        `${settingName(target, "clientSecret.rotateWhenChanged")} (a new secret, ${settingName(target, "clientSecret.expiresInDays")} from then)`
    );
}
