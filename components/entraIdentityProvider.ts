/**
 * `EntraIdentityProvider`: JumpCloud's article "Configure Entra ID as an Identity Provider" as one
 * component: the Entra app registration, admin consent, client secret and users on the azuread
 * side, and the JumpCloud identity provider wired from their outputs.
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import { resolveArgs, type EntraIdentityProviderArgs, type ResolvedArgs } from "./args";
import { ENTRA_AUTHORITY, GRAPH_SCOPES, MICROSOFT_GRAPH_APP_ID, DEFAULTS } from "./constants";
import { generatePassword } from "../providers/generatedPassword";
import { rfc3339Seconds, SecretLifetime } from "../providers/secretLifetime";
import { IdentityProvider } from "../providers/identityProvider";
import { RoutingBindings } from "../providers/routingBindings";
import { checkJumpCloudUsers, type JumpCloudUserStatus } from "./jumpCloudUserCheck";
import { copySecretToKeyVault, loadKeyVaultModule } from "./keyVault";
import { COMPONENT_TYPE } from "./resourceTypes";

export interface EntraUserOutput {
    readonly userPrincipalName: string;
    readonly objectId: string;
}

const DAY_MS = 86_400_000;

export class EntraIdentityProvider extends pulumi.ComponentResource {
    /** The app registration's object id. */
    public readonly applicationObjectId: pulumi.Output<string>;
    /** The application (client) id JumpCloud signs in with. */
    public readonly clientId: pulumi.Output<string>;
    /** The directory (tenant) id, from the azuread provider's client configuration. */
    public readonly tenantId: pulumi.Output<string>;
    /** `https://login.microsoftonline.com/<tenantId>`: the JumpCloud IdP URL. */
    public readonly issuerUrl: pulumi.Output<string>;
    /** The region's redirect URI registered on the app. */
    public readonly redirectUri: pulumi.Output<string>;
    /** The client secret's value. A secret. */
    public readonly clientSecret: pulumi.Output<string>;
    /** When the client secret expires (RFC 3339). */
    public readonly clientSecretEndDate: pulumi.Output<string>;
    /** Whole days until the client secret expires, as of this `pulumi up`. */
    public readonly clientSecretDaysLeft: pulumi.Output<number>;
    /** `clientSecret.warnBeforeExpiryDays`: kept in state so that `verify` warns as `pulumi up` does. */
    public readonly clientSecretWarnBeforeExpiryDays: pulumi.Output<number>;
    /** The Entra users made, with their object ids. */
    public readonly users: pulumi.Output<EntraUserOutput[]>;
    /** Each user's generated password by UPN. A secret. */
    public readonly userPasswords: pulumi.Output<Record<string, string>>;
    /** Where an administrator grants tenant-wide consent (needed when `grantAdminConsent` is false). */
    public readonly adminConsentUrl: pulumi.Output<string>;
    /** The JumpCloud identity provider's id. */
    public readonly identityProviderId: pulumi.Output<string>;
    /** Whether each user's email has a JumpCloud user (null: not checked). */
    public readonly jumpCloudUsers: pulumi.Output<JumpCloudUserStatus[]>;
    /** The routing bindings' JumpCloud user group ids. */
    public readonly routedUserGroupIds: pulumi.Output<string[]>;
    /** The Key Vault secret's resource id, when `keyVault` is set. */
    public readonly keyVaultSecretId: pulumi.Output<string | undefined>;

    constructor(name: string, args: EntraIdentityProviderArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        // Checked before anything is registered, the component included: a bad argument creates nothing.
        const resolved = resolveArgs(name, args);
        // Likewise a missing optional package: the Key Vault copy needs @pulumi/azure-native.
        const keyvault = resolved.keyVault ? loadKeyVaultModule(name) : undefined;
        super(COMPONENT_TYPE, name, {}, opts);

        const tenantId = azuread.getClientConfigOutput({ parent: this }).tenantId;
        const graph = azuread.getServicePrincipalOutput(
            { clientId: MICROSOFT_GRAPH_APP_ID },
            { parent: this },
        );

        const app = createApplication(name, resolved, graph, this);
        const consent = resolved.grantAdminConsent ? grantAdminConsent(name, app, graph, this) : undefined;
        const secret = createClientSecret(name, resolved, app, this);
        const users = resolved.users.map((user) => createUser(name, user, this));

        this.applicationObjectId = app.objectId;
        this.clientId = app.clientId;
        this.tenantId = tenantId;
        this.issuerUrl = pulumi.interpolate`${ENTRA_AUTHORITY}/${tenantId}`;
        this.redirectUri = pulumi.output(resolved.redirectUris[0]);
        this.clientSecret = pulumi.secret(secret.password.value);
        this.clientSecretEndDate = secret.password.endDate;
        this.clientSecretDaysLeft = secret.password.endDate.apply((end) =>
            daysLeft(name, end, resolved.secret.warnBeforeExpiryDays, this),
        );
        this.clientSecretWarnBeforeExpiryDays = pulumi.output(resolved.secret.warnBeforeExpiryDays);
        this.users = pulumi
            .all(users.map((u) => pulumi.all([u.userPrincipalName, u.objectId])))
            .apply((pairs) =>
                pairs.map(([userPrincipalName, objectId]) => ({ userPrincipalName, objectId })),
            );
        // Each user's password as its state holds it: the one made at the user's create.
        this.userPasswords = pulumi.secret(
            pulumi
                .all(users.map((u) => pulumi.all([u.userPrincipalName, u.password])))
                .apply((pairs) => Object.fromEntries(pairs.map(([upn, password]) => [upn, password ?? ""]))),
        );
        this.adminConsentUrl = pulumi.interpolate`${ENTRA_AUTHORITY}/${tenantId}/adminconsent?client_id=${app.clientId}`;

        // Where every JumpCloud resource and look-up of this component goes.
        const location = {
            region: resolved.region,
            apiUrl: resolved.jumpCloud.apiUrl,
            orgId: resolved.jumpCloud.orgId,
        };
        // The JumpCloud side: every value wired from the azuread outputs. It waits for consent, so
        // JumpCloud's first sign-in does not meet a consent prompt.
        const idp = new IdentityProvider(
            `${name}-jumpcloud-idp`,
            {
                name: resolved.identityProviderName,
                url: this.issuerUrl,
                clientId: app.clientId,
                clientSecret: this.clientSecret,
                ...location,
                adoptExisting: resolved.jumpCloud.adoptExisting,
                existingId: resolved.jumpCloud.existingId,
            },
            { parent: this, dependsOn: consent ? [consent] : [] },
        );
        this.identityProviderId = idp.id;

        // One resource for the whole set, keyed by group id inside: see providers/routingBindings.ts.
        const routing = resolved.jumpCloud.routing;
        const bindings = routing
            ? new RoutingBindings(
                  `${name}-routing`,
                  { policyId: routing.policyId, groups: routing.userGroups, ...location },
                  // After the IdP: the policy routes to it, so bind only once it exists.
                  { parent: this, dependsOn: [idp] },
              )
            : undefined;
        this.routedUserGroupIds = bindings ? bindings.groupIds : pulumi.output([]);

        const checkUsers = resolved.jumpCloud.checkUsers ?? resolved.users.length > 0;
        this.jumpCloudUsers = checkUsers
            ? checkJumpCloudUsers(
                  name,
                  resolved.users.map((u) => u.userPrincipalName),
                  location,
                  resolved.jumpCloud.requireUsers ?? false,
                  this,
              )
            : pulumi.output([]);

        this.keyVaultSecretId =
            resolved.keyVault && keyvault
                ? copySecretToKeyVault(
                      keyvault,
                      name,
                      resolved.keyVault,
                      this.clientSecret,
                      this.clientSecretEndDate,
                      this,
                  ).id
                : pulumi.output(undefined);

        this.registerOutputs({
            applicationObjectId: this.applicationObjectId,
            clientId: this.clientId,
            tenantId: this.tenantId,
            issuerUrl: this.issuerUrl,
            redirectUri: this.redirectUri,
            clientSecret: this.clientSecret,
            clientSecretEndDate: this.clientSecretEndDate,
            clientSecretDaysLeft: this.clientSecretDaysLeft,
            clientSecretWarnBeforeExpiryDays: this.clientSecretWarnBeforeExpiryDays,
            users: this.users,
            userPasswords: this.userPasswords,
            adminConsentUrl: this.adminConsentUrl,
            identityProviderId: this.identityProviderId,
            jumpCloudUsers: this.jumpCloudUsers,
            routedUserGroupIds: this.routedUserGroupIds,
            keyVaultSecretId: this.keyVaultSecretId,
        });
    }
}

/** The app registration: single tenant, Web redirect URIs, ID tokens, optional claims, Graph scopes. */
export function createApplication(
    name: string,
    args: ResolvedArgs,
    graph: pulumi.Output<azuread.GetServicePrincipalResult>,
    parent: pulumi.Resource,
): azuread.Application {
    return new azuread.Application(
        `${name}-app`,
        {
            displayName: args.applicationName,
            signInAudience: "AzureADMyOrg",
            web: {
                redirectUris: args.redirectUris,
                implicitGrant: { idTokenIssuanceEnabled: true, accessTokenIssuanceEnabled: false },
            },
            optionalClaims: { idTokens: args.optionalClaims.map((claim) => ({ name: claim })) },
            requiredResourceAccesses: [
                {
                    resourceAppId: MICROSOFT_GRAPH_APP_ID,
                    // Scope ids read from Graph's own service principal rather than hard-coded.
                    resourceAccesses: GRAPH_SCOPES.map((scope) => ({
                        id: graph.oauth2PermissionScopeIds.apply((ids) => scopeId(ids, scope)),
                        type: "Scope",
                    })),
                },
            ],
        },
        { parent },
    );
}

function scopeId(ids: Record<string, string>, scope: string): string {
    const id = ids[scope];
    if (!id) throw new Error(`Microsoft Graph's service principal publishes no delegated scope "${scope}"`);
    return id;
}

/** Tenant-wide admin consent: the app's service principal and a delegated grant to Graph. */
export function grantAdminConsent(
    name: string,
    app: azuread.Application,
    graph: pulumi.Output<azuread.GetServicePrincipalResult>,
    parent: pulumi.Resource,
): azuread.ServicePrincipalDelegatedPermissionGrant {
    const servicePrincipal = new azuread.ServicePrincipal(
        `${name}-sp`,
        { clientId: app.clientId },
        { parent },
    );
    return new azuread.ServicePrincipalDelegatedPermissionGrant(
        `${name}-consent`,
        {
            servicePrincipalObjectId: servicePrincipal.objectId,
            resourceServicePrincipalObjectId: graph.objectId,
            claimValues: [...GRAPH_SCOPES],
        },
        { parent },
    );
}

/**
 * The client secret. Its end date must not move on later runs (a new end date is a new secret),
 * so it is fixed when the secret is created:
 *
 * - Without `rotateAfterDays`, the password holds it alone: the end date is computed here and
 *   `ignoreChanges` keeps the one from the create. A change to the rotation key (expiry settings,
 *   `rotateWhenChanged`) gives the password a new name: the engine creates the new secret, updates
 *   the IdP with it, and deletes the old one at the end of the run, as it does for a resource no
 *   longer declared. One resource per organization instead of two.
 * - With `rotateAfterDays`, a `SecretLifetime` holds the dates, because only a resource's own diff
 *   can see that the rotation date has passed; the password follows the lifetime's `createdAt`.
 */
export function createClientSecret(
    name: string,
    args: ResolvedArgs,
    app: azuread.Application,
    parent: pulumi.Resource,
): { lifetime?: SecretLifetime; password: azuread.ApplicationPassword } {
    const secret = args.secret;
    const rotateWhenChanged =
        Object.keys(secret.rotateWhenChanged).length > 0 ? secret.rotateWhenChanged : undefined;
    if (secret.rotateAfterDays === undefined) {
        const endDate = secret.endDate
            ? rfc3339Seconds(Date.parse(secret.endDate))
            : rfc3339Seconds(Date.now() + secret.expiresInDays * DAY_MS);
        const password = new azuread.ApplicationPassword(
            secretResourceName(name, secret),
            { applicationId: app.id, displayName: secret.description, endDate, rotateWhenChanged },
            {
                parent,
                additionalSecretOutputs: ["value"],
                // The create's end date stays; a rotation is a new name, so a new create with a new one.
                ignoreChanges: ["endDate", "rotateWhenChanged"],
            },
        );
        return { password };
    }
    const lifetime = new SecretLifetime(
        `${name}-secret-lifetime`,
        {
            expiresInDays: secret.expiresInDays,
            endDate: secret.endDate,
            rotateAfterDays: secret.rotateAfterDays,
            // Here rather than on the password alone: a rotation also starts a new lifetime, so the new
            // secret gets a new end date instead of inheriting the old one's.
            rotateWhenChanged,
        },
        { parent },
    );
    const password = new azuread.ApplicationPassword(
        `${name}-secret`,
        {
            applicationId: app.id,
            displayName: secret.description,
            endDate: lifetime.expiresAt,
            // A new lifetime (scheduled rotation, new expiry) means a new secret.
            rotateWhenChanged: pulumi
                .output(lifetime.createdAt)
                .apply((createdAt) => ({ lifetimeCreatedAt: createdAt })),
        },
        { parent, additionalSecretOutputs: ["value"] },
    );
    return { lifetime, password };
}

/**
 * `${name}-secret` with the default expiry and no `rotateWhenChanged` (the name earlier versions
 * gave every secret, so a default stack upgrades without a new secret); otherwise
 * `${name}-secret-<8 hex>`, a hash of the rotation key, so any change to it is a new secret.
 */
export function secretResourceName(name: string, secret: ResolvedArgs["secret"]): string {
    const key: Record<string, unknown> = {};
    // Only the setting in force: `expiresInDays` does nothing while `endDate` is set.
    if (secret.endDate !== undefined) key.endDate = rfc3339Seconds(Date.parse(secret.endDate));
    else if (secret.expiresInDays !== DEFAULTS.clientSecretExpiresInDays)
        key.expiresInDays = secret.expiresInDays;
    const changed = Object.keys(secret.rotateWhenChanged).sort();
    if (changed.length > 0) {
        key.rotateWhenChanged = changed.map((k) => [k, secret.rotateWhenChanged[k]]);
    }
    if (Object.keys(key).length === 0) return `${name}-secret`;
    const hash = createHash("sha256").update(JSON.stringify(key)).digest("hex").slice(0, 8);
    return `${name}-secret-${hash}`;
}

/**
 * One Entra user: UPN = the JumpCloud email, `mail` = the UPN, a generated first password.
 *
 * The password is made here and used only when the user is created: `ignoreChanges` keeps the one
 * in state on every later run, so it never changes, the way a password resource made once would,
 * without a resource (and a provider call) per user. Stacks made by earlier versions, whose passwords came
 * from a `GeneratedPassword` resource per user, keep theirs the same way: the user's state holds
 * it, and the no-longer-declared password resources are dropped from state (their delete is a
 * no-op).
 */
export function createUser(
    name: string,
    user: ResolvedArgs["users"][number],
    parent: pulumi.Resource,
): azuread.User {
    // Named after the UPN, not the list position: removing or reordering users must not rename (and
    // so replace) the others. UPNs are unique case-insensitively (checked in args.ts).
    return new azuread.User(
        `${name}-user-${user.userPrincipalName.toLowerCase()}`,
        {
            userPrincipalName: user.userPrincipalName,
            displayName: user.displayName,
            mailNickname: user.mailNickname,
            mail: user.userPrincipalName,
            accountEnabled: user.accountEnabled,
            password: pulumi.secret(generatePassword(DEFAULTS.passwordLength)),
            // The generated password is a first password only: the person picks their own at first sign-in.
            forcePasswordChange: user.forcePasswordChange,
        },
        { parent, ignoreChanges: ["password"], additionalSecretOutputs: ["password"] },
    );
}

/** Days left on the secret; warns when fewer than the threshold remain. */
function daysLeft(name: string, endDate: string, warnBelow: number, resource: pulumi.Resource): number {
    const days = Math.floor((Date.parse(endDate) - Date.now()) / DAY_MS);
    if (Number.isFinite(days) && days < warnBelow) {
        void pulumi.log.warn(
            `${name}: the JumpCloud client secret expires in ${days} day(s) (${endDate}). ` +
                "Rotate it: change clientSecret.rotateWhenChanged or set clientSecret.rotateAfterDays, then `pulumi up`.",
            resource,
        );
    }
    return days;
}
