/**
 * No Entra user is made disabled unless the policy's configuration says so: a disabled account
 * cannot sign in to JumpCloud through Entra, which looks like a broken integration to that person.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { read, UNKNOWN } from "./known";
import { insideComponent, TYPES } from "./resourceTypes";

export interface DisabledUsersConfig {
    /** User principal names meant to be disabled (compared case-insensitively). */
    readonly disabledUsers: string[];
}

export function disabledUsersPolicy(): ResourceValidationPolicy {
    return {
        name: "no-undeclared-disabled-users",
        description:
            "An Entra user made with accountEnabled: false must be listed in this policy's disabledUsers; " +
            "otherwise that person cannot sign in through Entra and nobody said why.",
        enforcementLevel: "advisory",
        configSchema: {
            properties: {
                disabledUsers: { type: "array", items: { type: "string" }, default: [] },
            },
        },
        validateResource: (args, reportViolation) => {
            if (args.type !== TYPES.user || !insideComponent(args.urn)) return;
            const enabled = read(() => args.props.accountEnabled as unknown);
            // Entra's default is enabled; only an explicit false (known) is a disabled user.
            if (enabled === UNKNOWN || enabled !== false) return;
            const upn = read(() => args.props.userPrincipalName as unknown);
            const declared = (args.getConfig<DisabledUsersConfig>().disabledUsers ?? []).map((u) =>
                u.toLowerCase(),
            );
            if (typeof upn === "string" && declared.includes(upn.toLowerCase())) return;
            reportViolation(
                `The Entra user ${typeof upn === "string" ? upn : "(UPN unknown during preview)"} is created disabled ` +
                    "(accountEnabled: false), so it cannot sign in to JumpCloud. If that is meant, list the UPN " +
                    "in this policy's disabledUsers configuration.",
            );
        },
    };
}
