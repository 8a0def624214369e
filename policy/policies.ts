/** The pack's policies. `now` is injectable so tests can fix the clock. */
import type { Policies } from "@pulumi/policy";
import { appRegistrationPolicy } from "./appRegistration";
import { disabledUsersPolicy } from "./disabledUsers";
import { identityProviderTenantPolicy } from "./identityProviderTenant";
import { secretLifetimePolicy } from "./secretLifetime";

export function entraIdentityProviderPolicies(now: () => number = Date.now): Policies {
    return [
        secretLifetimePolicy(now),
        appRegistrationPolicy(),
        identityProviderTenantPolicy(),
        disabledUsersPolicy(),
    ];
}
