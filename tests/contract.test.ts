/**
 * The API contract suite against the emulator: proves the emulator follows the sheet. The same
 * suite runs against a real organization with `npm run conformance`.
 */
import { expect } from "chai";
import { execFile } from "child_process";
import * as path from "path";
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

describe("npm run conformance (the script, against the emulator)", function () {
    this.timeout(60_000);
    const script = path.resolve(__dirname, "..", "scripts", "conformance.js");
    const run = (env: Record<string, string>) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
            const clean = { ...process.env };
            for (const name of ["JUMPCLOUD_API_KEY", "JUMPCLOUD_ORG_ID", "JUMPCLOUD_API_URL"])
                delete clean[name];
            execFile(process.execPath, [script], { env: { ...clean, ...env } }, (error, stdout, stderr) =>
                resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
            );
        });

    it("stops after one read when the key is refused, saying so and what to do", async () => {
        const emulator = await startEmulator();
        try {
            const result = await run({ JUMPCLOUD_API_KEY: "not-the-key", JUMPCLOUD_API_URL: emulator.url });
            expect(result.code).to.equal(3);
            expect(result.stderr)
                .to.include("conformance: the key was refused (HTTP 401")
                .and.include("nothing was checked")
                .and.include("JUMPCLOUD_ORG_ID");
            expect(result.stdout).to.not.include("FAIL");
            expect(emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([
                "GET /api/v2/identity-providers 401",
            ]);
            expect(result.stdout + result.stderr).to.not.include("not-the-key");
        } finally {
            await emulator.stop();
        }
    });

    it("calls a multi-tenant key without JUMPCLOUD_ORG_ID refused too, and says to set it", async () => {
        const msp = await startEmulator({ organizations: ["aaaaaaaaaaaaaaaaaaaaaaaa"], multiTenant: true });
        try {
            const result = await run({ JUMPCLOUD_API_KEY: TEST_API_KEY, JUMPCLOUD_API_URL: msp.url });
            expect(result.code).to.equal(3);
            expect(result.stderr)
                .to.include("no organization selected")
                .and.include("must also set JUMPCLOUD_ORG_ID");
        } finally {
            await msp.stop();
        }
    });

    it("runs the whole contract once the key is accepted", async () => {
        const emulator = await startEmulator();
        try {
            const result = await run({ JUMPCLOUD_API_KEY: TEST_API_KEY, JUMPCLOUD_API_URL: emulator.url });
            expect(result.code, result.stderr).to.equal(0);
            expect(result.stdout).to.match(/\d+ passed, 0 failed/);
            expect(emulator.requests[0]).to.include({
                method: "GET",
                path: "/api/v2/identity-providers",
                status: 200,
            });
        } finally {
            await emulator.stop();
        }
    });
});
