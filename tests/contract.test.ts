/**
 * The API contract suite against the emulator: proves the emulator follows the sheet. The same
 * suite runs against a real organization with `npm run conformance`.
 */
import { expect } from "chai";
import { runIdentityProviderContract, NotASandboxError } from "../contract/identityProviderContract";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { TEST_API_KEY, startEmulator } from "./support/jumpcloudFixtures";

describe("JumpCloud API contract (against the emulator)", () => {
    let emulator: JumpCloudEmulator;
    beforeEach(async () => {
        emulator = await startEmulator();
    });
    afterEach(async () => {
        await emulator.stop();
    });

    it("passes every check of the sheet and leaves the organization empty", async () => {
        const checks = await runIdentityProviderContract({ baseUrl: emulator.url, apiKey: TEST_API_KEY });
        expect(checks.filter((c) => !c.passed).map((c) => `${c.fact}: ${c.seen}`)).to.deep.equal([]);
        expect(checks.length).to.be.at.least(15);
        expect(emulator.identityProviders()).to.have.length(0);
    });

    it("also passes in multi-tenant mode with x-org-id", async () => {
        const orgs = ["aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb"];
        const msp = await startEmulator({ organizations: orgs, multiTenant: true });
        try {
            const checks = await runIdentityProviderContract({
                baseUrl: msp.url,
                apiKey: TEST_API_KEY,
                orgId: orgs[1],
            });
            expect(checks.filter((c) => !c.passed)).to.deep.equal([]);
        } finally {
            await msp.stop();
        }
    });

    it("refuses to run on an organization that already has an identity provider", async () => {
        emulator.seedIdentityProvider(emulator.organizations[0], {
            name: "Production IdP",
            type: "AZURE",
            oidc: { clientId: "x", clientSecret: "y", url: "https://login.microsoftonline.com/z" },
        });
        let error: unknown;
        await runIdentityProviderContract({ baseUrl: emulator.url, apiKey: TEST_API_KEY }).catch(
            (e) => (error = e),
        );
        expect(error).to.be.instanceOf(NotASandboxError);
        expect(emulator.identityProviders()[0].name).to.equal("Production IdP");
        expect(emulator.requests.filter((r) => r.method !== "GET")).to.have.length(0);
    });
});
