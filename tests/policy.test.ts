/**
 * The policy pack's four policies on passing and failing resources, with values known and
 * unknown (as during a preview). The passing resources are the component's own, built under mocks.
 */
import { expect } from "chai";
import { appRegistrationPolicy } from "../policy/appRegistration";
import { disabledUsersPolicy } from "../policy/disabledUsers";
import { identityProviderTenantPolicy } from "../policy/identityProviderTenant";
import { secretLifetimePolicy } from "../policy/secretLifetime";
import { entraIdentityProviderPolicies } from "../policy/policies";
import { TYPES } from "../policy/resourceTypes";
import { findResource, simulatedAzure, buildComponent, plain } from "./support/pulumiTest";
import { resourceArgs, stackResources, stackViolationsOf, UNKNOWN, violationsOf } from "./support/policyArgs";

const NOW = Date.parse("2026-12-01T00:00:00Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const TENANT_A = "aaaaaaaa-1111-4111-a111-111111111111";
const TENANT_B = "bbbbbbbb-2222-4222-a222-222222222222";

describe("policy pack", () => {
    it("has the four policies, each with a description and a default enforcement level", () => {
        const policies = entraIdentityProviderPolicies();
        expect(policies.map((p) => [p.name, p.enforcementLevel])).to.deep.equal([
            ["client-secret-lifetime", "mandatory"],
            ["app-registration-single-tenant-https", "mandatory"],
            ["idp-url-same-tenant-as-app", "mandatory"],
            ["no-undeclared-disabled-users", "advisory"],
        ]);
        for (const policy of policies) expect(policy.description).to.have.length.above(40);
    });

    describe("the component's own resources pass", () => {
        it("its app registration, client secret and users", async () => {
            const registrations = await simulatedAzure();
            await buildComponent("idp", {
                users: [{ userPrincipalName: "ada@contoso.com", displayName: "Ada" }],
                jumpCloud: { checkUsers: false },
            });
            const app = findResource(registrations, TYPES.application, "idp-app").inputs;
            const password = plain(
                findResource(registrations, TYPES.applicationPassword, "idp-secret").inputs,
            ) as Record<string, unknown>;
            const user = plain(
                findResource(registrations, TYPES.user, "idp-user-ada@contoso.com").inputs,
            ) as Record<string, unknown>;
            expect(password.endDate).to.be.a("string");
            expect(
                await violationsOf(appRegistrationPolicy(), resourceArgs(TYPES.application, app)),
            ).to.deep.equal([]);
            expect(
                await violationsOf(
                    secretLifetimePolicy(Date.now),
                    resourceArgs(TYPES.applicationPassword, password),
                ),
            ).to.deep.equal([]);
            expect(await violationsOf(disabledUsersPolicy(), resourceArgs(TYPES.user, user))).to.deep.equal(
                [],
            );
        });
    });

    describe("client-secret-lifetime", () => {
        const policy = secretLifetimePolicy(() => NOW);
        const check = (endDate: unknown, config: object = {}, inComponent = true) =>
            violationsOf(
                policy,
                resourceArgs(TYPES.applicationPassword, { endDate }, { config, inComponent }),
            );

        it("passes an end date within 180 days with more than 30 left", async () => {
            expect(await check(iso(NOW + 180 * DAY))).to.deep.equal([]);
            expect(await check(iso(NOW + 31 * DAY))).to.deep.equal([]);
        });

        it("catches a lifetime beyond the maximum, default or configured", async () => {
            expect(await check(iso(NOW + 365 * DAY))).to.deep.equal([
                "The client secret ends 2027-12-01T00:00:00Z, 365 days from now; the allowed maximum is 180 days. Set clientSecret.expiresInDays (or clientSecret.endDate) to at most 180 days.",
            ]);
            expect(await check(iso(NOW + 120 * DAY), { maxDays: 90 })).to.have.length(1);
            expect(await check(iso(NOW + 365 * DAY), { maxDays: 400 })).to.deep.equal([]);
        });

        it("catches a secret near expiry or already expired", async () => {
            expect(await check(iso(NOW + 10 * DAY))).to.deep.equal([
                "The client secret ends 2026-12-11T00:00:00Z, 10 days from now; at least 30 days must be left. Rotate it: set clientSecret.rotateAfterDays or change clientSecret.rotateWhenChanged, then `pulumi up`.",
            ]);
            expect((await check(iso(NOW - DAY)))[0]).to.include("already past");
            expect(await check(iso(NOW + 10 * DAY), { minDaysLeft: 5 })).to.deep.equal([]);
        });

        it("skips an end date unknown during preview, and secrets outside the component", async () => {
            expect(await check(UNKNOWN.string)).to.deep.equal([]);
            expect(await check(iso(NOW + 999 * DAY), {}, false)).to.deep.equal([]);
        });

        it("catches an end date it cannot read", async () => {
            expect((await check("next year"))[0]).to.match(
                /^The client secret has no readable end date \("next year"\)/,
            );
        });
    });

    describe("app-registration-single-tenant-https", () => {
        const policy = appRegistrationPolicy();
        const good = {
            signInAudience: "AzureADMyOrg",
            web: {
                redirectUris: ["https://login.jumpcloud.com/oauth/callback"],
                implicitGrant: { idTokenIssuanceEnabled: true, accessTokenIssuanceEnabled: false },
            },
        };
        const check = (props: Record<string, unknown>) =>
            violationsOf(policy, resourceArgs(TYPES.application, props));

        it("passes a single-tenant app with ID tokens only and https redirects", async () => {
            expect(await check(good)).to.deep.equal([]);
        });

        it("catches multi-tenant, access tokens through the implicit grant, and http redirects", async () => {
            expect(
                await check({
                    signInAudience: "AzureADMultipleOrgs",
                    web: {
                        redirectUris: [
                            "https://login.jumpcloud.com/oauth/callback",
                            "http://sso.example.com/cb",
                        ],
                        implicitGrant: { idTokenIssuanceEnabled: true, accessTokenIssuanceEnabled: true },
                    },
                    spa: { redirectUris: ["http://localhost:3000"] },
                }),
            ).to.deep.equal([
                'signInAudience is "AzureADMultipleOrgs": JumpCloud\'s app must be single tenant ("AzureADMyOrg"), or people from other directories could sign in.',
                "web.implicitGrant.accessTokenIssuanceEnabled is true: JumpCloud needs only ID tokens; access tokens through the implicit grant can leak in URLs. Turn it off.",
                'web.redirectUris[1] is "http://sso.example.com/cb": only https redirect URIs are allowed.',
                'spa.redirectUris[0] is "http://localhost:3000": only https redirect URIs are allowed.',
            ]);
        });

        it("checks what is known and skips what is unknown during preview", async () => {
            expect(await check({ signInAudience: UNKNOWN.string, web: UNKNOWN.object })).to.deep.equal([]);
            expect(
                await check({
                    signInAudience: UNKNOWN.string,
                    web: {
                        redirectUris: [UNKNOWN.string, "http://x.example.com"],
                        implicitGrant: { accessTokenIssuanceEnabled: UNKNOWN.boolean },
                    },
                }),
            ).to.deep.equal([
                'web.redirectUris[1] is "http://x.example.com": only https redirect URIs are allowed.',
            ]);
            expect(await check({ ...good, web: { ...good.web, redirectUris: UNKNOWN.array } })).to.deep.equal(
                [],
            );
        });
    });

    describe("idp-url-same-tenant-as-app", () => {
        const policy = identityProviderTenantPolicy();
        const app = (tenantId: unknown, clientId: unknown = "c1") => ({
            type: TYPES.application,
            name: "org-app",
            props: { clientId },
            provider: { name: "org-tenant", props: { tenantId } },
        });
        const idp = (url: unknown, clientId: unknown = "c1", byDependency = true) => ({
            type: TYPES.identityProvider,
            name: "org-jumpcloud-idp",
            props: { url, clientId },
            ...(byDependency ? { propertyDependencies: { clientId: ["org-app"] } } : {}),
        });

        it("passes an IdP whose URL is its app's tenant authority", async () => {
            const resources = stackResources([
                app(TENANT_A),
                idp(`https://login.microsoftonline.com/${TENANT_A}`),
            ]);
            expect(await stackViolationsOf(policy, resources)).to.deep.equal([]);
        });

        it("catches an IdP pointing at another tenant than its app, found by dependency or by clientId", async () => {
            for (const byDependency of [true, false]) {
                const resources = stackResources([
                    app(TENANT_A),
                    idp(`https://login.microsoftonline.com/${TENANT_B}`, "c1", byDependency),
                ]);
                const found = await stackViolationsOf(policy, resources);
                expect(found).to.deep.equal([
                    {
                        message: `The identity provider's URL names tenant ${TENANT_B}, but its app org-app is registered in tenant ${TENANT_A} (its azuread provider org-tenant). Give the component and the app the same azuread provider.`,
                        urn: resources[1].urn,
                    },
                ]);
            }
        });

        it("catches a URL that is not the Entra authority", async () => {
            const found = await stackViolationsOf(
                policy,
                stackResources([app(TENANT_A), idp("https://evil.example.com/" + TENANT_A)]),
            );
            expect(found.map((f) => f.message)).to.deep.equal([
                `The identity provider's URL "https://evil.example.com/${TENANT_A}" is not the Entra authority https://login.microsoftonline.com/<tenant id>.`,
            ]);
        });

        it("during preview: finds a new app by dependency though its clientId is unknown, skips an unknown URL", async () => {
            const newApp = stackResources([
                app(TENANT_A, UNKNOWN.string),
                idp(`https://login.microsoftonline.com/${TENANT_B}`, UNKNOWN.string),
            ]);
            expect(await stackViolationsOf(policy, newApp)).to.have.length(1);
            const unknownUrl = stackResources([app(TENANT_A), idp(UNKNOWN.string)]);
            expect(await stackViolationsOf(policy, unknownUrl)).to.deep.equal([]);
        });

        it("says nothing when the app's tenant cannot be known (provider without tenantId, or no app)", async () => {
            const url = `https://login.microsoftonline.com/${TENANT_B}`;
            expect(await stackViolationsOf(policy, stackResources([app(undefined), idp(url)]))).to.deep.equal(
                [],
            );
            expect(
                await stackViolationsOf(policy, stackResources([app(UNKNOWN.string), idp(url)])),
            ).to.deep.equal([]);
            expect(await stackViolationsOf(policy, stackResources([idp(url, "c9", false)]))).to.deep.equal(
                [],
            );
        });
    });

    describe("no-undeclared-disabled-users", () => {
        const policy = disabledUsersPolicy();
        const check = (props: Record<string, unknown>, config: object = {}) =>
            violationsOf(policy, resourceArgs(TYPES.user, props, { config }));

        it("passes enabled users and disabled users the configuration declares", async () => {
            expect(await check({ userPrincipalName: "ada@contoso.com", accountEnabled: true })).to.deep.equal(
                [],
            );
            expect(
                await check(
                    { userPrincipalName: "Sam@contoso.com", accountEnabled: false },
                    { disabledUsers: ["sam@contoso.com"] },
                ),
            ).to.deep.equal([]);
        });

        it("catches a user created disabled without saying so", async () => {
            expect(
                await check(
                    { userPrincipalName: "sam@contoso.com", accountEnabled: false },
                    { disabledUsers: ["ada@contoso.com"] },
                ),
            ).to.deep.equal([
                "The Entra user sam@contoso.com is created disabled (accountEnabled: false), so it cannot sign in to JumpCloud. If that is meant, list the UPN in this policy's disabledUsers configuration.",
            ]);
        });

        it("skips an accountEnabled unknown during preview, and names an unknown UPN as such", async () => {
            expect(
                await check({ userPrincipalName: "sam@contoso.com", accountEnabled: UNKNOWN.boolean }),
            ).to.deep.equal([]);
            expect((await check({ userPrincipalName: UNKNOWN.string, accountEnabled: false }))[0]).to.include(
                "(UPN unknown during preview)",
            );
        });
    });
});
