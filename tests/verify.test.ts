/**
 * verify against the two emulators: a correct setup passes every check, and each fault, made the
 * way it happens in life, fails its own check and leaves the others as they were.
 */
import { expect } from "chai";
import * as net from "net";
import { REDIRECT_URIS } from "../components/constants";
import { verify, type CheckId, type VerifyReport } from "../verify";
import { reportJson, reportLines } from "../verify/report";
import { VERIFY_TENANT, makeVerifySetup, type VerifySetup } from "./support/verifySetup";

const ALL: CheckId[] = [
    "openid-configuration",
    "authorize",
    "client-secret",
    "jumpcloud-key",
    "identity-provider",
    "users",
    "routing",
    "secret-lifetime",
];

function failedIds(report: VerifyReport): CheckId[] {
    return report.checks.filter((c) => c.status === "fail").map((c) => c.id);
}

function check(report: VerifyReport, id: CheckId) {
    const found = report.checks.find((c) => c.id === id);
    if (!found) throw new Error(`no ${id} check`);
    return found;
}

/** No 16-character piece of the secret anywhere in the report, as text or as data. */
function expectNoSecretIn(report: VerifyReport, secret: string): void {
    const shown = reportLines(report).join("\n") + reportJson(report);
    for (let i = 0; i + 16 <= secret.length; i++) expect(shown).to.not.include(secret.slice(i, i + 16));
}

describe("verify: the sign-in path against the Entra and JumpCloud emulators", function () {
    this.timeout(20_000);
    let setup: VerifySetup;
    const run = (overrides: Partial<VerifySetup["target"]> = {}, timeoutMs = 5_000) =>
        verify({ ...setup.target, ...overrides }, { loginUrl: setup.login.url, timeoutMs });

    beforeEach(async () => {
        setup = await makeVerifySetup();
    });
    afterEach(async () => {
        await setup.stop();
    });

    it("passes every check on a correct setup, in order, and exits ok", async () => {
        const report = await run();
        expect(report.checks.map((c) => c.id)).to.deep.equal(ALL);
        expect(failedIds(report), reportLines(report).join("\n")).to.deep.equal([]);
        expect(report.ok).to.equal(true);
        expect(check(report, "routing").summary).to.include("1 of 2 Entra users are in a routed group");
        expect(check(report, "openid-configuration").summary).to.include(VERIFY_TENANT);
        expectNoSecretIn(report, setup.target.clientSecret);
        // The secret went to the token endpoint only, and never to JumpCloud.
        const withSecret = setup.login.requests.filter((r) => r.formKeys.includes("client_secret"));
        expect(withSecret.map((r) => r.path)).to.deep.equal([`/${VERIFY_TENANT}/oauth2/v2.0/token`]);
        expect(JSON.stringify(setup.jumpCloud.requests)).to.not.include(setup.target.clientSecret);
    });

    it("the redirect URI removed from the app: the sign-in request fails with AADSTS50011, alone", async () => {
        const app = setup.tenant.get(setup.ids.app)!;
        const web = app.outputs.web as Record<string, unknown>;
        setup.tenant.put(setup.ids.app, {
            ...app,
            outputs: { ...app.outputs, web: { ...web, redirectUris: [] } },
        });
        const report = await run();
        expect(failedIds(report)).to.deep.equal(["authorize"]);
        expect(check(report, "authorize")).to.include({ entraCode: 50011 });
        expect(check(report, "authorize").fix).to.include(REDIRECT_URIS.us).and.include("Redirect URIs");
    });

    it("the stack switched to the EU region without `pulumi up`: AADSTS50011 for the EU redirect URI, alone", async () => {
        const report = await run({ region: "eu" });
        expect(failedIds(report)).to.deep.equal(["authorize"]);
        expect(check(report, "authorize").fix).to.include(REDIRECT_URIS.eu);
    });

    it("ID tokens switched off on the app: AADSTS700054, alone", async () => {
        const app = setup.tenant.get(setup.ids.app)!;
        const web = app.outputs.web as Record<string, unknown>;
        setup.tenant.put(setup.ids.app, {
            ...app,
            outputs: { ...app.outputs, web: { ...web, implicitGrant: { idTokenIssuanceEnabled: false } } },
        });
        const report = await run();
        expect(failedIds(report)).to.deep.equal(["authorize"]);
        expect(check(report, "authorize")).to.include({ entraCode: 700054 });
    });

    it("the client secret deleted in Entra: the token endpoint says AADSTS7000215, alone, and the secret is never shown", async () => {
        setup.tenant.remove(setup.ids.password);
        const report = await run();
        expect(failedIds(report)).to.deep.equal(["client-secret"]);
        expect(check(report, "client-secret")).to.include({ entraCode: 7000215 });
        expectNoSecretIn(report, setup.target.clientSecret);
    });

    it("the client secret expired: AADSTS7000222 at the token endpoint, and the lifetime check says when", async () => {
        const password = setup.tenant.get(setup.ids.password)!;
        const past = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
        setup.tenant.put(setup.ids.password, {
            ...password,
            outputs: { ...password.outputs, endDate: past },
        });
        // Time passing makes both true at once: Entra refuses the key, and the stack's end date is past.
        const report = await run({ clientSecretEndDate: past });
        expect(failedIds(report)).to.deep.equal(["client-secret", "secret-lifetime"]);
        expect(check(report, "client-secret")).to.include({ entraCode: 7000222 });
        expect(check(report, "secret-lifetime").summary).to.include(`expired on ${past}`);
    });

    it("the IdP's client id changed by hand in JumpCloud: the identity-provider check, alone", async () => {
        setup.jumpCloud.editIdentityProvider(setup.target.identityProviderId, {
            clientId: "00000000-0000-4000-8000-000000000000",
        });
        const report = await run();
        expect(failedIds(report)).to.deep.equal(["identity-provider"]);
        expect(check(report, "identity-provider").summary).to.include(
            `the stack's is ${setup.target.clientId}`,
        );
        expect(check(report, "identity-provider").fix).to.include("pulumi refresh");
    });

    it("an Entra user without a JumpCloud user: the users check names the email, alone", async () => {
        const report = await run({
            userPrincipalNames: [...setup.target.userPrincipalNames, "ada.lovelace@contoso.com"],
        });
        expect(failedIds(report)).to.deep.equal(["users"]);
        expect(check(report, "users").summary).to.include("1 of 3").and.include("ada.lovelace@contoso.com");
    });

    it("a routing policy with no groups (unbound by hand): the routing check, alone", async () => {
        setup.jumpCloud.unbindFromPolicy(setup.ids.policy, setup.ids.group);
        const report = await run();
        expect(failedIds(report)).to.deep.equal(["routing"]);
        expect(check(report, "routing").summary).to.include("Engineering are not bound");
    });

    it("routed groups holding none of the stack's users: 'nobody federates yet'", async () => {
        const report = await run({ userPrincipalNames: ["sam.lee@contoso.com"] });
        expect(failedIds(report)).to.deep.equal(["routing"]);
        expect(check(report, "routing").summary).to.include("nobody federates yet");
    });

    it("a wrong JumpCloud key: one failure on the key, the checks that need it skipped", async () => {
        const report = await run({
            jumpCloud: { ...setup.target.jumpCloud, apiKey: "not-the-key-0000000000" },
        });
        expect(failedIds(report)).to.deep.equal(["jumpcloud-key"]);
        expect(report.checks.filter((c) => c.status === "skip").map((c) => c.id)).to.deep.equal([
            "identity-provider",
            "users",
            "routing",
        ]);
        expect(check(report, "jumpcloud-key").summary).to.include("refused the API key (HTTP 401)");
        expect(report.ok).to.equal(false);
        expect(reportJson(report)).to.not.include("not-the-key");
    });

    it("the login host never answering: one failure, within the time bound, the other Entra checks skipped", async () => {
        const sockets: net.Socket[] = [];
        const silent = net.createServer((socket) => sockets.push(socket));
        await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
        const port = (silent.address() as net.AddressInfo).port;
        try {
            const started = Date.now();
            const report = await verify(setup.target, {
                loginUrl: `http://127.0.0.1:${port}`,
                timeoutMs: 500,
            });
            const took = Date.now() - started;
            expect(failedIds(report)).to.deep.equal(["openid-configuration"]);
            expect(check(report, "openid-configuration").summary).to.include("did not answer within 500 ms");
            expect(report.checks.filter((c) => c.status === "skip").map((c) => c.id)).to.deep.equal([
                "authorize",
                "client-secret",
            ]);
            expect(took).to.be.below(5_000);
        } finally {
            for (const socket of sockets) socket.destroy();
            await new Promise<void>((resolve) => silent.close(() => resolve()));
        }
    });

    it("a tenant Entra does not know: AADSTS90002 at the OpenID configuration", async () => {
        const report = await run({ tenantId: "0badc0de-0000-4000-8000-000000000000" });
        expect(check(report, "openid-configuration")).to.include({ status: "fail", entraCode: 90002 });
        expect(check(report, "openid-configuration").fix).to.include("azuread:tenantId");
    });
});
