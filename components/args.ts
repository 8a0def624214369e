/**
 * The component's public arguments, their defaults, and the checks that run before anything is
 * created. Fields that decide what gets created (users, claims, region, dates) are plain values,
 * not `pulumi.Input`s, so that they can be checked up front with errors that name the field.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULTS, ID_TOKEN_OPTIONAL_CLAIMS, MAX_SECRET_DAYS, REDIRECT_URIS } from "./constants";
import { checkRegion, type Region } from "../providers/connection";
import {
    canonicalApiBaseUrl,
    canonicalOrgId,
    checkApiBaseUrl,
    checkHttpsUrl,
    checkIdentityProviderId,
    checkNonEmpty,
    checkObjectId,
    checkOrgId,
    checkUserPrincipalName,
    checkWholeNumber,
    shown,
} from "../providers/validation";
import { fieldNamer } from "./argumentNames";

export interface ClientSecretArgs {
    /** The secret's description in Entra. Defaults to "JumpCloud IdP". */
    readonly description?: string;
    /** Days from creation until the secret expires, 1 to 730. Defaults to 180. */
    readonly expiresInDays?: number;
    /** A fixed RFC 3339 end date (for example "2027-06-30T00:00:00Z"); wins over `expiresInDays`. Must be in the future. */
    readonly endDate?: string;
    /** Any change to this map replaces the secret (and updates JumpCloud with the new one). Defaults to none. */
    readonly rotateWhenChanged?: Record<string, string>;
    /** Rotate the secret on the first `pulumi up` this many days after it was made. Defaults to no scheduled rotation. */
    readonly rotateAfterDays?: number;
    /** `pulumi up` warns when fewer days than this remain before the secret expires. Defaults to 30. */
    readonly warnBeforeExpiryDays?: number;
}

export interface EntraUserArgs {
    /** The user principal name: the person's JumpCloud company email. Required. Also set as `mail`. */
    readonly userPrincipalName: string;
    /** Display name. Required. */
    readonly displayName: string;
    /** Mail nickname. Defaults to the part of the UPN before "@". */
    readonly mailNickname?: string;
    /** Whether the account can sign in. Defaults to true. */
    readonly accountEnabled?: boolean;
    /**
     * Whether Entra asks the person to change the generated password at the first sign-in.
     * Defaults to true, as the portal does for an auto-generated (temporary) password.
     */
    readonly forcePasswordChange?: boolean;
}

export interface RoutingArgs {
    /** The identity-provider routing policy's id (made once in the Admin Portal: it has no public create API). */
    readonly policyId: string;
    /** JumpCloud user group names or ids to route through Entra. */
    readonly userGroups: string[];
}

export interface JumpCloudArgs {
    /** Organization id sent as `x-org-id`; multi-tenant (MSP) administrators need it. Defaults to `JUMPCLOUD_ORG_ID`, else none. */
    readonly orgId?: string;
    /** API base URL. Defaults to `JUMPCLOUD_API_URL`, else the region's (US https://console.jumpcloud.com, EU https://console.eu.jumpcloud.com). */
    readonly apiUrl?: string;
    /** Take over an identity provider that already exists in the organization. Defaults to false: such a one is an error that names it. */
    readonly adoptExisting?: boolean;
    /** Adopt the identity provider with this id instead of creating one (Pulumi cannot `pulumi import` dynamic resources). Defaults to none. */
    readonly existingId?: string;
    /** Route these JumpCloud user groups through Entra via an IdP routing policy. Defaults to none. */
    readonly routing?: RoutingArgs;
    /** Look up each Entra user's JumpCloud user by email and warn when one is missing. Defaults to true when users are given. */
    readonly checkUsers?: boolean;
    /** Make a missing JumpCloud user an error instead of a warning. Defaults to false. */
    readonly requireUsers?: boolean;
}

export interface KeyVaultArgs {
    /** The resource group of the existing Key Vault. Required. */
    readonly resourceGroupName: pulumi.Input<string>;
    /** The existing Key Vault's name. Required. */
    readonly vaultName: pulumi.Input<string>;
    /** The secret's name in the vault. Defaults to "<component name>-jumpcloud-client-secret". */
    readonly secretName?: string;
}

export interface EntraIdentityProviderArgs {
    /** The Entra app registration's display name. Defaults to "JumpCloud". */
    readonly applicationName?: pulumi.Input<string>;
    /** JumpCloud region, "us" or "eu": picks the redirect URI and the API base URL. Defaults to "us". */
    readonly region?: Region;
    /** More Web redirect URIs to register beside the region's. Defaults to none. */
    readonly additionalRedirectUris?: string[];
    /** ID-token optional claims to request. Defaults to every claim Entra documents (the portal's "select all"). */
    readonly optionalClaims?: string[];
    /** Grant tenant-wide admin consent for openid, email and profile. Defaults to true; when false, `adminConsentUrl` says where an administrator consents. */
    readonly grantAdminConsent?: boolean;
    /** The client secret's settings. Defaults as documented on each field. */
    readonly clientSecret?: ClientSecretArgs;
    /** Entra users to create, one per JumpCloud user who signs in through Entra. Defaults to none. */
    readonly users?: EntraUserArgs[];
    /** The identity provider's name in JumpCloud. Defaults to "Entra OIDC". */
    readonly identityProviderName?: pulumi.Input<string>;
    /** Where and how to reach JumpCloud. The API key is never an argument: see the README. */
    readonly jumpCloud?: JumpCloudArgs;
    /** Also store the client secret in an Azure Key Vault, expiring with it. Defaults to no copy. */
    readonly keyVault?: KeyVaultArgs;
}

/** The arguments with every default applied. */
export interface ResolvedArgs {
    readonly applicationName: pulumi.Input<string>;
    readonly region: Region;
    readonly redirectUris: string[];
    readonly optionalClaims: string[];
    readonly grantAdminConsent: boolean;
    readonly secret: {
        readonly description: string;
        readonly expiresInDays: number;
        readonly endDate?: string;
        readonly rotateWhenChanged: Record<string, string>;
        readonly rotateAfterDays?: number;
        readonly warnBeforeExpiryDays: number;
    };
    readonly users: Required<EntraUserArgs>[];
    readonly identityProviderName: pulumi.Input<string>;
    readonly jumpCloud: JumpCloudArgs;
    readonly keyVault?: KeyVaultArgs & { readonly secretName: string };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** One bad argument: the field's path (for example `users[1].userPrincipalName`) and what is wrong. */
export interface ArgumentProblem {
    readonly field: string;
    readonly reason: string;
}

/**
 * Applies defaults and checks every argument. Throws one error listing each problem, each naming
 * its field and what is accepted, before any resource exists.
 */
export function resolveArgs(
    name: string,
    args: EntraIdentityProviderArgs,
    now: number = Date.now(),
): ResolvedArgs {
    const { resolved, problems } = checkArgs(name, args, now);
    if (problems.length > 0) {
        const lines = problems.map((p) => `${p.field} ${p.reason}`);
        // A RunError: Pulumi prints the message alone, as it prints its own errors, not as a crash
        // with a stack trace. The component is not registered yet, so there is no resource to name.
        throw new pulumi.RunError(
            `EntraIdentityProvider "${name}": invalid arguments:\n  - ${lines.join("\n  - ")}`,
        );
    }
    return resolved;
}

/**
 * Every problem with the arguments, as data: for callers that report them against their own
 * source (the fleet inventory names the YAML line of each field).
 */
export function argumentProblems(
    name: string,
    args: EntraIdentityProviderArgs,
    now: number = Date.now(),
): ArgumentProblem[] {
    return checkArgs(name, args, now).problems;
}

function checkArgs(
    name: string,
    args: EntraIdentityProviderArgs,
    now: number,
): { resolved: ResolvedArgs; problems: ArgumentProblem[] } {
    const problems: ArgumentProblem[] = [];
    // Each field is named as the user wrote it: the stack key when the arguments came from stack config.
    const named = fieldNamer(args);
    const problem = (field: string, reason: string | undefined) => {
        if (reason) problems.push({ field: named(field), reason });
    };

    const region = args.region ?? DEFAULTS.region;
    problem("region", checkRegion(region));
    if (typeof args.applicationName === "string") {
        problem("applicationName", checkNonEmpty(args.applicationName, 120));
    }
    if (typeof args.identityProviderName === "string") {
        problem("identityProviderName", checkNonEmpty(args.identityProviderName, 256));
    }

    (args.additionalRedirectUris ?? []).forEach((uri, i) =>
        problem(`additionalRedirectUris[${i}]`, checkHttpsUrl(uri)),
    );

    const known = new Set<string>(ID_TOKEN_OPTIONAL_CLAIMS);
    (args.optionalClaims ?? []).forEach((claim, i) => {
        if (!known.has(claim)) {
            problem(
                `optionalClaims[${i}]`,
                `${JSON.stringify(claim)} is not an ID-token optional claim; accepted: ${[...known].join(", ")}`,
            );
        }
    });

    const secretArgs = args.clientSecret ?? {};
    const expiresInDays = secretArgs.expiresInDays ?? DEFAULTS.clientSecretExpiresInDays;
    problem("clientSecret.expiresInDays", checkWholeNumber(expiresInDays, 1, MAX_SECRET_DAYS));
    if (secretArgs.endDate !== undefined) {
        const at = typeof secretArgs.endDate === "string" ? Date.parse(secretArgs.endDate) : NaN;
        if (typeof secretArgs.endDate !== "string" || !RFC3339.test(secretArgs.endDate) || Number.isNaN(at)) {
            problem(
                "clientSecret.endDate",
                `must be an RFC 3339 date such as 2027-06-30T00:00:00Z, got ${shown(secretArgs.endDate)}`,
            );
        } else if (at <= now) {
            problem("clientSecret.endDate", `must be in the future, got ${secretArgs.endDate}`);
        } else if (at - now > MAX_SECRET_DAYS * 86_400_000) {
            problem(
                "clientSecret.endDate",
                `must be at most ${MAX_SECRET_DAYS} days from now, got ${secretArgs.endDate}`,
            );
        }
    }
    const rotateWhenChanged = secretArgs.rotateWhenChanged;
    if (rotateWhenChanged !== undefined) {
        if (
            rotateWhenChanged === null ||
            typeof rotateWhenChanged !== "object" ||
            Array.isArray(rotateWhenChanged)
        ) {
            problem(
                "clientSecret.rotateWhenChanged",
                `must be a map of text values, got ${shown(rotateWhenChanged)}`,
            );
        } else {
            // Plain text only: the secret is named after these values when the program runs, so a value
            // known only later (an Output) could never rename it, and the rotation would not happen.
            for (const [key, value] of Object.entries(rotateWhenChanged)) {
                if (typeof value !== "string") {
                    problem(
                        `clientSecret.rotateWhenChanged.${key}`,
                        `must be text known when the program runs (not an Output), got ${shown(value)}`,
                    );
                }
            }
        }
    }
    if (secretArgs.description !== undefined) {
        problem("clientSecret.description", checkNonEmpty(secretArgs.description, 120));
    }
    if (secretArgs.rotateAfterDays !== undefined) {
        const r = secretArgs.rotateAfterDays;
        const notWhole = checkWholeNumber(r, 1, MAX_SECRET_DAYS);
        if (notWhole) {
            problem("clientSecret.rotateAfterDays", notWhole);
        } else if (secretArgs.endDate === undefined && r >= expiresInDays) {
            // Only against expiresInDays: with a fixed endDate the remaining lifetime shrinks every day,
            // so a check against it would turn a valid stack invalid as time passes.
            problem(
                "clientSecret.rotateAfterDays",
                `(${r}) must be less than ${named("clientSecret.expiresInDays")} (${expiresInDays}), or the secret expires before it is rotated`,
            );
        }
    }
    const warnBeforeExpiryDays = secretArgs.warnBeforeExpiryDays ?? DEFAULTS.warnBeforeExpiryDays;
    problem("clientSecret.warnBeforeExpiryDays", checkWholeNumber(warnBeforeExpiryDays, 0, MAX_SECRET_DAYS));

    if (args.users !== undefined && !Array.isArray(args.users)) {
        problem(
            "users",
            "must be a list of { userPrincipalName, displayName, mailNickname?, accountEnabled?, forcePasswordChange? }",
        );
    }
    const seen = new Map<string, number>();
    const users = (Array.isArray(args.users) ? args.users : []).map((user, i) => {
        const upn = user?.userPrincipalName;
        problem(`users[${i}].userPrincipalName`, checkUserPrincipalName(upn));
        problem(`users[${i}].displayName`, checkNonEmpty(user?.displayName, 256));
        const key = typeof upn === "string" ? upn.toLowerCase() : "";
        if (key && seen.has(key)) {
            problem(
                `users[${i}].userPrincipalName`,
                `duplicates ${named(`users[${seen.get(key)}].userPrincipalName`)} (${upn}); each user must be listed once`,
            );
        } else if (key) {
            seen.set(key, i);
        }
        const mailNickname = user?.mailNickname ?? (typeof upn === "string" ? upn.split("@")[0] : "");
        if (
            user?.mailNickname !== undefined &&
            (typeof user.mailNickname !== "string" ||
                !/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/.test(user.mailNickname))
        ) {
            problem(
                `users[${i}].mailNickname`,
                `must be 1 to 64 characters without spaces, "@" or brackets, got ${shown(user.mailNickname)}`,
            );
        }
        for (const flag of ["accountEnabled", "forcePasswordChange"] as const) {
            if (user?.[flag] !== undefined && typeof user[flag] !== "boolean") {
                problem(`users[${i}].${flag}`, `must be true or false, got ${JSON.stringify(user[flag])}`);
            }
        }
        return {
            userPrincipalName: upn,
            displayName: user?.displayName,
            mailNickname,
            accountEnabled: user?.accountEnabled ?? true,
            forcePasswordChange: user?.forcePasswordChange ?? true,
        };
    });

    const given = args.jumpCloud ?? {};
    if (given.orgId !== undefined) problem("jumpCloud.orgId", checkOrgId(given.orgId));
    if (given.apiUrl !== undefined) problem("jumpCloud.apiUrl", checkApiBaseUrl(given.apiUrl));
    // The one spelling of each location, so the same organization or URL is never a move.
    const jumpCloud: JumpCloudArgs = {
        ...given,
        ...(given.orgId !== undefined && !checkOrgId(given.orgId)
            ? { orgId: canonicalOrgId(given.orgId) }
            : {}),
        ...(given.apiUrl !== undefined && !checkApiBaseUrl(given.apiUrl)
            ? { apiUrl: canonicalApiBaseUrl(given.apiUrl) }
            : {}),
    };
    if (jumpCloud.existingId !== undefined)
        problem("jumpCloud.existingId", checkIdentityProviderId(jumpCloud.existingId));
    if (jumpCloud.routing !== undefined) {
        const routing = jumpCloud.routing;
        problem("jumpCloud.routing.policyId", checkObjectId(routing.policyId, "JumpCloud routing policy id"));
        if (!Array.isArray(routing.userGroups) || routing.userGroups.length === 0) {
            problem(
                "jumpCloud.routing.userGroups",
                `must list at least one JumpCloud user group name or id, got ${Array.isArray(routing.userGroups) ? "an empty list" : shown(routing.userGroups, "list")}`,
            );
        } else {
            const groups = new Map<string, number>();
            routing.userGroups.forEach((group, i) => {
                problem(`jumpCloud.routing.userGroups[${i}]`, checkNonEmpty(group, 256));
                if (groups.has(group)) {
                    problem(
                        `jumpCloud.routing.userGroups[${i}]`,
                        `duplicates ${named(`jumpCloud.routing.userGroups[${groups.get(group)}]`)} (${JSON.stringify(group)})`,
                    );
                }
                groups.set(group, i);
            });
        }
    }
    if (jumpCloud.requireUsers && jumpCloud.checkUsers === false) {
        problem(
            "jumpCloud.requireUsers",
            `needs ${named("jumpCloud.checkUsers")} (set to false): a requirement that is never checked would be silently ignored`,
        );
    }

    const keyVault = args.keyVault;
    const secretName = keyVault?.secretName ?? `${name}-jumpcloud-client-secret`;
    if (keyVault !== undefined) {
        if (
            typeof keyVault.vaultName === "string" &&
            !/^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/.test(keyVault.vaultName)
        ) {
            problem(
                "keyVault.vaultName",
                `must be 3 to 24 letters, digits and dashes, starting with a letter, got ${shown(keyVault.vaultName)}`,
            );
        }
        if (typeof keyVault.resourceGroupName === "string") {
            problem("keyVault.resourceGroupName", checkNonEmpty(keyVault.resourceGroupName, 90));
        }
        if (!/^[A-Za-z0-9-]{1,127}$/.test(secretName)) {
            problem(
                "keyVault.secretName",
                `${keyVault.secretName === undefined ? "(derived from the component name) " : ""}` +
                    `must be 1 to 127 letters, digits and dashes, got ${shown(secretName)}`,
            );
        }
    }

    const resolved: ResolvedArgs = {
        applicationName: args.applicationName ?? DEFAULTS.applicationName,
        region: region as Region,
        redirectUris: [redirectUriFor(region as Region), ...(args.additionalRedirectUris ?? [])],
        optionalClaims: args.optionalClaims ?? [...ID_TOKEN_OPTIONAL_CLAIMS],
        grantAdminConsent: args.grantAdminConsent ?? true,
        secret: {
            description: secretArgs.description ?? DEFAULTS.clientSecretDescription,
            expiresInDays,
            endDate: secretArgs.endDate,
            rotateWhenChanged: secretArgs.rotateWhenChanged ?? {},
            rotateAfterDays: secretArgs.rotateAfterDays,
            warnBeforeExpiryDays,
        },
        users,
        identityProviderName: args.identityProviderName ?? DEFAULTS.identityProviderName,
        jumpCloud,
        ...(keyVault ? { keyVault: { ...keyVault, secretName } } : {}),
    };
    return { resolved, problems };
}

export function redirectUriFor(region: Region): string {
    return REDIRECT_URIS[region];
}
