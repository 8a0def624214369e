/**
 * Fixed facts from JumpCloud's article and Microsoft's documentation (see docs/jumpcloud-api.md).
 */

/** Redirect URI to register on the Entra app, by JumpCloud region ([D] US, [I] EU). */
export const REDIRECT_URIS = {
    us: "https://login.jumpcloud.com/oauth/callback",
    eu: "https://login.eu.jumpcloud.com/oauth/callback",
} as const;

/** Microsoft Graph's application id. */
export const MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

/** Delegated Graph scopes JumpCloud needs to sign people in. */
export const GRAPH_SCOPES = ["openid", "email", "profile"] as const;

/**
 * Every ID-token optional claim Entra documents: what the portal's "select all" adds.
 */
export const ID_TOKEN_OPTIONAL_CLAIMS = [
    "acct",
    "auth_time",
    "ctry",
    "email",
    "family_name",
    "fwd",
    "given_name",
    "in_corp",
    "ipaddr",
    "login_hint",
    "onprem_sid",
    "preferred_username",
    "pwd_exp",
    "pwd_url",
    "sid",
    "tenant_ctry",
    "tenant_region_scope",
    "upn",
    "verified_primary_email",
    "verified_secondary_email",
    "vnet",
    "xms_pdl",
    "xms_pl",
    "xms_tpl",
    "ztdid",
] as const;

/** Entra's sign-in authority; the JumpCloud IdP URL is this plus the tenant id. */
export const ENTRA_AUTHORITY = "https://login.microsoftonline.com";

export const DEFAULTS = {
    applicationName: "JumpCloud",
    identityProviderName: "Entra OIDC",
    region: "us",
    clientSecretDescription: "JumpCloud IdP",
    clientSecretExpiresInDays: 180,
    warnBeforeExpiryDays: 30,
    passwordLength: 24,
} as const;

/** Entra's own limit on a password credential's lifetime is 2 years. */
export const MAX_SECRET_DAYS = 730;
