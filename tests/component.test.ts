/**
 * The Entra side of the component under Pulumi's mock runtime: what is registered, with which
 * inputs, how outputs flow between resources, and which values are secrets.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import {
    findAll,
    findResource,
    parentRecorder,
    plain,
    promiseOf,
    simulatedAzure,
    isSecretInput,
    buildComponent,
} from "./support/pulumiTest";
import {
    SIMULATED_GRAPH_SCOPE_IDS,
    SIMULATED_GRAPH_SP_OBJECT_ID,
    SIMULATED_TENANT_ID,
    type Registration,
} from "../simulation/azureSimulator";
import { ID_TOKEN_OPTIONAL_CLAIMS } from "../components";
import { capturingWarnings } from "../simulation/runtimeWarnings";
import { RESOURCE_TYPES } from "../components/resourceTypes";

const APP = RESOURCE_TYPES.application;
const SP = RESOURCE_TYPES.servicePrincipal;
const GRANT = RESOURCE_TYPES.delegatedPermissionGrant;
const PASSWORD = RESOURCE_TYPES.applicationPassword;
const USER = RESOURCE_TYPES.user;
const LIFETIME = RESOURCE_TYPES.secretLifetime;
const GENERATED = RESOURCE_TYPES.generatedPassword;
const DAY = 86_400_000;

describe("EntraIdentityProvider (Entra side, under mocks)", () => {
    let registrations: Registration[];
    beforeEach(async () => {
        registrations = await simulatedAzure();
    });

    describe("the app registration", () => {
        it("is single tenant with the US redirect URI, ID tokens on and access tokens off", async () => {
            await buildComponent("idp");
            const app = findResource(registrations, APP, "idp-app").inputs;
            expect(app.signInAudience).to.equal("AzureADMyOrg");
            expect(app.displayName).to.equal("JumpCloud");
            expect(app.web).to.deep.equal({
                redirectUris: ["https://login.jumpcloud.com/oauth/callback"],
                implicitGrant: { idTokenIssuanceEnabled: true, accessTokenIssuanceEnabled: false },
            });
        });

        it("uses the EU redirect URI for region eu and appends additional redirect URIs", async () => {
            await buildComponent("eu", {
                region: "eu",
                additionalRedirectUris: ["https://sso.example.com/cb"],
            });
            const web = findResource(registrations, APP, "eu-app").inputs.web as { redirectUris: string[] };
            expect(web.redirectUris).to.deep.equal([
                "https://login.eu.jumpcloud.com/oauth/callback",
                "https://sso.example.com/cb",
            ]);
        });

        it("requests every documented ID-token optional claim by default", async () => {
            await buildComponent("claims");
            const claims = (
                findResource(registrations, APP, "claims-app").inputs.optionalClaims as {
                    idTokens: { name: string }[];
                }
            ).idTokens;
            expect(claims.map((c) => c.name)).to.deep.equal([...ID_TOKEN_OPTIONAL_CLAIMS]);
            expect(claims).to.have.length(25);
        });

        it("requests only the chosen claims when optionalClaims is given", async () => {
            await buildComponent("some", { optionalClaims: ["email", "upn"] });
            const claims = (
                findResource(registrations, APP, "some-app").inputs.optionalClaims as {
                    idTokens: { name: string }[];
                }
            ).idTokens;
            expect(claims.map((c) => c.name)).to.deep.equal(["email", "upn"]);
        });

        it("asks Microsoft Graph for openid, email and profile with the scope ids Graph publishes", async () => {
            await buildComponent("scopes");
            const access = findResource(registrations, APP, "scopes-app").inputs.requiredResourceAccesses;
            expect(access).to.deep.equal([
                {
                    resourceAppId: "00000003-0000-0000-c000-000000000000",
                    resourceAccesses: [
                        { id: SIMULATED_GRAPH_SCOPE_IDS.openid, type: "Scope" },
                        { id: SIMULATED_GRAPH_SCOPE_IDS.email, type: "Scope" },
                        { id: SIMULATED_GRAPH_SCOPE_IDS.profile, type: "Scope" },
                    ],
                },
            ]);
        });
    });

    describe("admin consent", () => {
        it("makes the app's service principal and a tenant-wide grant to Graph for the three scopes", async () => {
            await buildComponent("consent");
            const app = findResource(registrations, APP, "consent-app");
            const sp = findResource(registrations, SP, "consent-sp");
            const grant = findResource(registrations, GRANT, "consent-consent").inputs;
            expect(sp.inputs.clientId).to.equal(app.state.clientId);
            expect(grant.servicePrincipalObjectId).to.equal(sp.state.objectId);
            expect(grant.resourceServicePrincipalObjectId).to.equal(SIMULATED_GRAPH_SP_OBJECT_ID);
            expect(grant.claimValues).to.deep.equal(["openid", "email", "profile"]);
            expect(grant).to.not.have.property("userObjectId");
        });

        it("makes neither when grantAdminConsent is false, and says where to consent", async () => {
            const c = await buildComponent("noconsent", { grantAdminConsent: false });
            expect(findAll(registrations, SP)).to.have.length(0);
            expect(findAll(registrations, GRANT)).to.have.length(0);
            const clientId = await promiseOf(c.clientId);
            expect(await promiseOf(c.adminConsentUrl)).to.equal(
                `https://login.microsoftonline.com/${SIMULATED_TENANT_ID}/adminconsent?client_id=${clientId}`,
            );
        });
    });

    describe("the client secret", () => {
        it("belongs to the app, has the default description and expires 180 days after it is made", async () => {
            const before = Date.now();
            const c = await buildComponent("sec");
            const app = findResource(registrations, APP, "sec-app");
            const password = findResource(registrations, PASSWORD, "sec-secret").inputs;
            expect(password.applicationId).to.equal(app.id);
            expect(password.displayName).to.equal("JumpCloud IdP");
            const end = Date.parse(password.endDate as string);
            expect(end).to.be.within(before + 180 * DAY - 5000, Date.now() + 180 * DAY + 5000);
            expect(await promiseOf(c.clientSecretEndDate)).to.equal(password.endDate);
            expect(await promiseOf(c.clientSecretDaysLeft)).to.be.within(179, 180);
        });

        it("holds its own end date without rotateAfterDays, kept from the create by ignoreChanges", async () => {
            const recorder = parentRecorder();
            const before = Date.now();
            await buildComponent(
                "stable",
                { clientSecret: { expiresInDays: 90 } },
                { transformations: [recorder.transformation] },
            );
            // No lifetime resource: the password is the one resource of the secret.
            expect(findAll(registrations, LIFETIME)).to.have.length(0);
            const [password] = findAll(registrations, PASSWORD);
            // Not the default expiry, so the name carries the rotation key's hash.
            expect(password.name).to.match(/^stable-secret-[0-9a-f]{8}$/);
            const end = Date.parse(password.inputs.endDate as string);
            expect(end).to.be.within(before + 90 * DAY - 1000, Date.now() + 90 * DAY);
            expect(password.inputs.endDate).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            expect(password.inputs.rotateWhenChanged).to.equal(undefined);
            const opts = recorder.seen.find((s) => s.name === password.name)?.opts;
            expect(opts?.ignoreChanges).to.deep.equal(["endDate", "rotateWhenChanged"]);
        });

        it("uses an explicit endDate over expiresInDays and names the secret after rotateWhenChanged", async () => {
            const endDate = new Date(Date.now() + 60 * DAY).toISOString().replace(/\.\d+Z$/, "Z");
            const secret = { endDate, rotateWhenChanged: { quarter: "2027Q1" }, description: "JC" };
            await buildComponent("fixed", { clientSecret: { ...secret, expiresInDays: 400 } });
            const [password] = findAll(registrations, PASSWORD);
            expect(Date.parse(password.inputs.endDate as string)).to.equal(Date.parse(endDate));
            expect(password.inputs.displayName).to.equal("JC");
            expect(password.inputs.rotateWhenChanged).to.deep.equal({ quarter: "2027Q1" });
            // The same settings name the same secret (nothing to do on the next run); a changed map
            // names a new one, which the engine creates before deleting the old.
            await buildComponent("same", { clientSecret: { ...secret, expiresInDays: 400 } });
            await buildComponent("changed", {
                clientSecret: { ...secret, rotateWhenChanged: { quarter: "2027Q2" } },
            });
            const names = findAll(registrations, PASSWORD).map((r) => r.name);
            const key = (n: string) => n.replace(/^[a-z]+-secret-/, "");
            expect(key(names[1])).to.equal(key(names[0]));
            expect(names[2]).to.match(/^changed-secret-[0-9a-f]{8}$/);
            expect(key(names[2])).to.not.equal(key(names[0]));
        });

        it("warns on pulumi up when fewer than warnBeforeExpiryDays remain, and not otherwise", async () => {
            const { warnings } = await capturingWarnings(async () => {
                const soon = new Date(Date.now() + 10 * DAY).toISOString().replace(/\.\d+Z$/, "Z");
                const c = await buildComponent("expiring", {
                    clientSecret: { endDate: soon, warnBeforeExpiryDays: 14 },
                });
                expect(await promiseOf(c.clientSecretDaysLeft)).to.be.within(9, 10);
                await buildComponent("fresh", {
                    clientSecret: { expiresInDays: 90, warnBeforeExpiryDays: 14 },
                });
            });
            const expiry = warnings.filter((w) => w.includes("client secret expires"));
            expect(expiry).to.have.length(1);
            expect(expiry[0]).to.match(/^expiring: .*expires in (9|10) day/);
        });

        it("is a secret output, and the ApplicationPassword marks its value secret", async () => {
            const c = await buildComponent("secret");
            expect(await pulumi.isSecret(c.clientSecret)).to.equal(true);
            expect(await promiseOf(c.clientSecret)).to.match(/^SIMULATED~/);
        });
    });

    describe("users", () => {
        const users = [
            { userPrincipalName: "jane.doe@contoso.com", displayName: "Jane Doe" },
            {
                userPrincipalName: "sam.lee@contoso.com",
                displayName: "Sam Lee",
                mailNickname: "slee",
                accountEnabled: false,
                forcePasswordChange: false,
            },
        ];

        it("sets UPN, display name, mail = UPN, nickname (derived or given), enabled and the first-sign-in password change (default on)", async () => {
            // The user check has its own tests (userCheckAndKeyVault.test.ts); here it would only warn.
            await buildComponent("u", { users, jumpCloud: { checkUsers: false } });
            const [jane, sam] = findAll(registrations, USER).map((r) => r.inputs);
            expect(jane).to.include({
                userPrincipalName: "jane.doe@contoso.com",
                displayName: "Jane Doe",
                mail: "jane.doe@contoso.com",
                mailNickname: "jane.doe",
                accountEnabled: true,
                forcePasswordChange: true,
            });
            expect(sam).to.include({
                userPrincipalName: "sam.lee@contoso.com",
                mail: "sam.lee@contoso.com",
                mailNickname: "slee",
                accountEnabled: false,
                forcePasswordChange: false,
            });
        });

        it("gives each user a generated password, sent as a secret and kept from the user's create on", async () => {
            const recorder = parentRecorder();
            const c = await buildComponent(
                "pw",
                { users, jumpCloud: { checkUsers: false } },
                { transformations: [recorder.transformation] },
            );
            const entraUsers = findAll(registrations, USER);
            // No resource per password: the user's own state keeps it (ignoreChanges), so a later run's
            // new value is never used.
            expect(findAll(registrations, GENERATED)).to.have.length(0);
            for (const user of entraUsers) {
                expect(isSecretInput(user.inputs.password)).to.equal(true);
                expect(plain(user.inputs.password)).to.have.length(24);
                const opts = recorder.seen.find((s) => s.name === user.name)?.opts;
                expect(opts?.ignoreChanges, user.name).to.deep.equal(["password"]);
            }
            const passwords = await promiseOf(c.userPasswords);
            expect(await pulumi.isSecret(c.userPasswords)).to.equal(true);
            expect(passwords["jane.doe@contoso.com"]).to.equal(plain(entraUsers[0].state.password));
            expect(passwords["sam.lee@contoso.com"]).to.equal(plain(entraUsers[1].state.password));
            expect(passwords["jane.doe@contoso.com"]).to.not.equal(passwords["sam.lee@contoso.com"]);
            expect(await promiseOf(c.users)).to.deep.equal([
                { userPrincipalName: "jane.doe@contoso.com", objectId: entraUsers[0].state.objectId },
                { userPrincipalName: "sam.lee@contoso.com", objectId: entraUsers[1].state.objectId },
            ]);
        });
    });

    describe("outputs and wiring", () => {
        it("exposes tenant, client id, issuer URL and redirect URI from the azuread resources", async () => {
            const c = await buildComponent("out");
            const app = findResource(registrations, APP, "out-app");
            expect(await promiseOf(c.tenantId)).to.equal(SIMULATED_TENANT_ID);
            expect(await promiseOf(c.clientId)).to.equal(app.state.clientId);
            expect(await promiseOf(c.applicationObjectId)).to.equal(app.state.objectId);
            expect(await promiseOf(c.issuerUrl)).to.equal(
                `https://login.microsoftonline.com/${SIMULATED_TENANT_ID}`,
            );
            expect(await promiseOf(c.redirectUri)).to.equal("https://login.jumpcloud.com/oauth/callback");
        });

        it("parents every child to the component", async () => {
            const recorder = parentRecorder();
            const c = await buildComponent(
                "kids",
                {
                    users: [{ userPrincipalName: "a@b.co", displayName: "A" }],
                    jumpCloud: { checkUsers: false },
                },
                { transformations: [recorder.transformation] },
            );
            const children = recorder.seen.filter((s) => s.name !== "kids");
            expect(children.map((s) => s.name).sort()).to.deep.equal([
                "kids-app",
                "kids-consent",
                "kids-jumpcloud-idp",
                "kids-secret",
                "kids-sp",
                "kids-user-a@b.co",
            ]);
            for (const child of children) expect(child.parent, child.name).to.equal(c);
        });

        it("lets two instances live in one stack without a name clash", async () => {
            await buildComponent("tenant-a");
            await buildComponent("tenant-b");
            const names = registrations.map((r) => `${r.type}::${r.name}`);
            expect(new Set(names).size).to.equal(names.length);
            expect(findAll(registrations, APP).map((r) => r.name)).to.deep.equal([
                "tenant-a-app",
                "tenant-b-app",
            ]);
        });

        it("hands opts.providers down to the children", async () => {
            const other = new azuread.Provider("other-tenant", {
                tenantId: "11111111-1111-1111-1111-111111111111",
            });
            await buildComponent("scoped", {}, { providers: { azuread: other } });
            const otherUrn = await promiseOf(other.urn);
            for (const type of [APP, SP, GRANT, PASSWORD]) {
                const child = findAll(registrations, type).find((r) => r.name.startsWith("scoped-"));
                expect(child?.provider, type).to.match(new RegExp(`^${otherUrn.replace(/[$]/g, "\\$")}::`));
            }
        });
    });
});
