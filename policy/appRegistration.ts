/**
 * The app registration JumpCloud signs in with stays single tenant, issues no access tokens
 * through the implicit grant, and redirects only to https URIs.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { read, UNKNOWN } from "./known";
import { insideComponent, TYPES } from "./resourceTypes";

export function appRegistrationPolicy(): ResourceValidationPolicy {
    return {
        name: "app-registration-single-tenant-https",
        description:
            "The Entra app registration must stay single tenant (AzureADMyOrg), have no access-token " +
            "implicit grant, and use only https redirect URIs.",
        enforcementLevel: "mandatory",
        validateResource: (args, reportViolation) => {
            if (args.type !== TYPES.application || !insideComponent(args.urn)) return;
            const props = args.props;
            const audience = read(() => props.signInAudience as unknown);
            if (audience !== UNKNOWN && audience !== "AzureADMyOrg") {
                reportViolation(
                    `signInAudience is ${JSON.stringify(audience)}: JumpCloud's app must be single tenant ` +
                        '("AzureADMyOrg"), or people from other directories could sign in.',
                );
            }
            const accessTokens = read(() => props.web?.implicitGrant?.accessTokenIssuanceEnabled as unknown);
            if (accessTokens === true) {
                reportViolation(
                    "web.implicitGrant.accessTokenIssuanceEnabled is true: JumpCloud needs only ID tokens; " +
                        "access tokens through the implicit grant can leak in URLs. Turn it off.",
                );
            }
            for (const field of ["web", "spa", "publicClient"] as const) {
                const uris = read(() => props[field]?.redirectUris as unknown);
                if (uris === UNKNOWN || !Array.isArray(uris)) continue;
                for (let i = 0; i < uris.length; i++) {
                    // One URI may be unknown while the others are not.
                    const value = read(() => uris[i] as unknown);
                    if (value === UNKNOWN || typeof value !== "string" || isHttps(value)) continue;
                    reportViolation(
                        `${field}.redirectUris[${i}] is ${JSON.stringify(value)}: only https redirect URIs are allowed.`,
                    );
                }
            }
        },
    };
}

function isHttps(uri: string): boolean {
    try {
        return new URL(uri).protocol === "https:";
    } catch {
        return false;
    }
}
