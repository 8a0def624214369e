/**
 * Layer 1: the dynamic provider's methods, in process, against the local JumpCloud emulator over
 * real HTTP. Each test counts the calls the emulator saw.
 */
import { expect } from "chai";
import { identityProviderProvider as provider } from "../providers/identityProviderProvider";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import {
    TEST_SECRET,
    idpInputs,
    startEmulator,
    withEnv,
    useProviderTestEnv,
} from "./support/jumpcloudFixtures";

const ORG = "0123456789abcdef01234567";

async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
        await promise;
    } catch (error) {
        return error as Error;
    }
    throw new Error("expected a rejection");
}

describe("JumpCloud identity provider: provider methods against the emulator", () => {
    let emulator: JumpCloudEmulator;

    useProviderTestEnv();
    beforeEach(async () => {
        emulator = await startEmulator({ organizations: [ORG] });
    });
    afterEach(async () => {
        await emulator.stop();
    });

    describe("check", () => {
        it("accepts well-formed inputs, fills in type AZURE and calls nothing", async () => {
            const { type: _t, ...rest } = idpInputs(emulator);
            const result = await provider.check!({} as never, rest as never);
            expect(result.failures).to.deep.equal([]);
            expect(result.inputs?.type).to.equal("AZURE");
            expect(emulator.requests).to.have.length(0);
        });
    });

    describe("create", () => {
        it("makes one POST with the AZURE body and JSON headers, and stores the secret", async () => {
            const result = await provider.create(idpInputs(emulator));
            expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
                "POST /api/v2/identity-providers",
            ]);
            const [post] = emulator.requests;
            expect(post.body).to.deep.equal({
                name: "Entra OIDC",
                type: "AZURE",
                oidc: {
                    clientId: "0b8e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d",
                    clientSecret: TEST_SECRET,
                    url: "https://login.microsoftonline.com/6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
                },
            });
            expect(post.headers["accept"]).to.equal("application/json");
            expect(post.headers["content-type"]).to.match(/^application\/json/);
            expect(post.apiKeyOk).to.equal(true);
            expect(result.id).to.match(/^[0-9a-f]{24}$/);
            expect(result.outs).to.include({
                name: "Entra OIDC",
                clientSecret: TEST_SECRET,
                apiBaseUrl: emulator.url,
            });
            expect(emulator.identityProviders()).to.have.length(1);
            expect(emulator.identityProviders()[0].oidc.clientSecret).to.equal(TEST_SECRET);
        });

        it("sends x-org-id when an org id is given, and records it in state", async () => {
            const result = await provider.create(idpInputs(emulator, { orgId: ORG }));
            expect(emulator.requests[0].orgId).to.equal(ORG);
            expect(result.outs?.organizationId).to.equal(ORG);
        });

        it("fails clearly, before any call, when no API key is set", async () => {
            const restore = withEnv({ JUMPCLOUD_API_KEY: undefined });
            try {
                const error = await rejection(provider.create(idpInputs(emulator)));
                expect(error.message).to.include("JUMPCLOUD_API_KEY").and.include("jumpcloud:apiKey");
                expect(emulator.requests).to.have.length(0);
            } finally {
                restore();
            }
        });

        it("explains a 401 with the key and x-org-id hint, without the key", async () => {
            const restore = withEnv({ JUMPCLOUD_API_KEY: "wrong-key-0000000000" });
            try {
                const error = await rejection(provider.create(idpInputs(emulator)));
                expect(error.message).to.match(/POST \/api\/v2\/identity-providers failed: 401/);
                expect(error.message).to.include("organization id");
                expect(error.message).to.not.include("wrong-key-0000000000");
                expect(emulator.requests).to.have.length(1);
            } finally {
                restore();
            }
        });
    });

    describe("read", () => {
        it("makes one GET, reports the current values and keeps the write-only secret from state", async () => {
            const created = await provider.create(idpInputs(emulator));
            emulator.resetRequests();
            const read = await provider.read!(created.id, created.outs!);
            expect(emulator.requests.map((r) => r.method)).to.deep.equal(["GET"]);
            expect(read.id).to.equal(created.id);
            expect(read.props).to.deep.equal(created.outs);
            expect(read.inputs).to.include({ name: "Entra OIDC", clientSecret: TEST_SECRET });
        });

        it("reports an object deleted by hand as gone (empty id), so the next up recreates it", async () => {
            const created = await provider.create(idpInputs(emulator));
            emulator.removeIdentityProvider(created.id);
            const read = await provider.read!(created.id, created.outs!);
            expect(read.id).to.equal("");
        });

        it("shows a name, URL or client id changed in the Admin Portal, and update puts it back", async () => {
            const inputs = idpInputs(emulator);
            const created = await provider.create(inputs);
            emulator.editIdentityProvider(created.id, {
                name: "Renamed by hand",
                url: "https://login.microsoftonline.com/other",
            });
            const read = await provider.read!(created.id, created.outs!);
            expect(read.props).to.include({
                name: "Renamed by hand",
                url: "https://login.microsoftonline.com/other",
            });
            const diff = await provider.diff!(created.id, read.props!, inputs);
            expect(diff).to.include({ changes: true });
            expect(diff.replaces).to.deep.equal([]);
            emulator.resetRequests();
            await provider.update!(created.id, read.props!, inputs);
            expect(emulator.requests.map((r) => r.method)).to.deep.equal(["PUT"]);
            expect(emulator.identityProviders()[0]).to.deep.include({ name: "Entra OIDC" });
            expect(emulator.identityProviders()[0].oidc.url).to.equal(inputs.url);
        });

        it("reads by id alone (no stored endpoint): resolves the endpoint and returns the inputs", async () => {
            const created = await provider.create(idpInputs(emulator));
            const restore = withEnv({ JUMPCLOUD_API_URL: emulator.url });
            try {
                const read = await provider.read!(created.id, {} as never);
                expect(read.inputs).to.include({
                    name: "Entra OIDC",
                    type: "AZURE",
                    clientId: "0b8e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d",
                });
                expect(read.props?.apiBaseUrl).to.equal(emulator.url);
            } finally {
                restore();
            }
        });
    });

    describe("diff", () => {
        it("updates in place for name, URL, client id or secret; replaces for org id or base URL", async () => {
            const created = await provider.create(idpInputs(emulator));
            const olds = created.outs!;
            for (const change of [
                { name: "New" },
                { url: "https://login.microsoftonline.com/x" },
                { clientId: "1b8e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d" },
                { clientSecret: "rotated" },
            ]) {
                const diff = await provider.diff!(created.id, olds, { ...idpInputs(emulator), ...change });
                expect(diff, JSON.stringify(change)).to.deep.include({ changes: true, replaces: [] });
            }
            expect(await provider.diff!(created.id, olds, idpInputs(emulator))).to.deep.include({
                changes: false,
                replaces: [],
            });
            // Naming the org id the object already lives in (it was sent without x-org-id) is no move.
            const named = await provider.diff!(created.id, olds, idpInputs(emulator, { orgId: ORG }));
            expect(named).to.deep.include({ changes: true, replaces: [] });
            const moved = await provider.diff!(
                created.id,
                { ...olds, orgId: ORG, organizationId: ORG },
                idpInputs(emulator, { orgId: "fedcba9876543210fedcba98" }),
            );
            expect(moved).to.deep.include({ changes: true, replaces: ["orgId"], deleteBeforeReplace: false });
            const elsewhere = await provider.diff!(
                created.id,
                olds,
                idpInputs(emulator, { apiUrl: "https://console.eu.jumpcloud.com" }),
            );
            expect(elsewhere).to.deep.include({
                changes: true,
                replaces: ["apiUrl"],
                deleteBeforeReplace: true,
            });
        });
    });

    describe("naming the organization the IdP already lives in", () => {
        it("updates in place and keeps the one IdP (no create-then-delete of the same object)", async () => {
            const created = await provider.create(idpInputs(emulator));
            const news = idpInputs(emulator, { orgId: ORG });
            const diff = await provider.diff!(created.id, created.outs!, news);
            expect(diff.replaces).to.deep.equal([]);
            const updated = await provider.update!(created.id, created.outs!, news);
            expect(updated.outs?.organizationId).to.equal(ORG);
            expect(emulator.identityProviders().map((i) => i.id)).to.deep.equal([created.id]);
        });
    });

    describe("update", () => {
        it("makes one PUT of the whole object, secret included", async () => {
            const created = await provider.create(idpInputs(emulator));
            emulator.resetRequests();
            const news = idpInputs(emulator, { name: "Renamed", clientSecret: "new-secret-value" });
            const result = await provider.update!(created.id, created.outs!, news);
            expect(emulator.requests).to.have.length(1);
            expect(emulator.requests[0]).to.deep.include({
                method: "PUT",
                path: `/api/v2/identity-providers/${created.id}`,
            });
            expect(
                (emulator.requests[0].body as { oidc: { clientSecret: string } }).oidc.clientSecret,
            ).to.equal("new-secret-value");
            expect(result.outs).to.include({ name: "Renamed" });
            expect(emulator.identityProviders()[0].oidc.clientSecret).to.equal("new-secret-value");
        });

        it("says to refresh when the object was deleted by hand", async () => {
            const created = await provider.create(idpInputs(emulator));
            emulator.removeIdentityProvider(created.id);
            const error = await rejection(provider.update!(created.id, created.outs!, idpInputs(emulator)));
            expect(error.message).to.include("pulumi refresh");
        });
    });

    describe("delete", () => {
        it("makes one DELETE at the endpoint in state", async () => {
            const created = await provider.create(idpInputs(emulator));
            emulator.resetRequests();
            await provider.delete!(created.id, created.outs!);
            expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
                `DELETE /api/v2/identity-providers/${created.id}`,
            ]);
            expect(emulator.identityProviders()).to.have.length(0);
        });

        it("treats 404 as already deleted", async () => {
            const created = await provider.create(idpInputs(emulator));
            emulator.removeIdentityProvider(created.id);
            await provider.delete!(created.id, created.outs!);
            expect(emulator.requests.at(-1)?.status).to.equal(404);
        });
    });

    describe("one identity provider per organization", () => {
        it("names someone else's IdP and both ways forward on 409, creating nothing", async () => {
            const other = emulator.seedIdentityProvider(ORG, {
                name: "Okta (legacy)",
                type: "OKTA",
                oidc: { clientId: "legacy", clientSecret: "legacy-secret", url: "https://okta.example.com" },
            });
            const error = await rejection(provider.create(idpInputs(emulator)));
            expect(error.message).to.include(other.id).and.include('"Okta (legacy)"');
            expect(error.message).to.include("adoptExisting").and.include("Admin Portal");
            expect(error.message).to.include(`existingId: "${other.id}"`);
            expect(emulator.identityProviders()).to.have.length(1);
            expect(emulator.identityProviders()[0].name).to.equal("Okta (legacy)");
        });

        it("takes it over with adoptExisting: one PUT writes our values", async () => {
            const other = emulator.seedIdentityProvider(ORG, {
                name: "Old",
                type: "AZURE",
                oidc: { clientId: "x", clientSecret: "y", url: "https://login.microsoftonline.com/old" },
            });
            const result = await provider.create(idpInputs(emulator, { adoptExisting: true }));
            expect(result.id).to.equal(other.id);
            expect(emulator.requests.map((r) => `${r.method} ${r.status}`)).to.deep.equal([
                "POST 409",
                "GET 200",
                "PUT 200",
            ]);
            expect(emulator.identityProviders()[0]).to.deep.include({ name: "Entra OIDC" });
            expect(emulator.identityProviders()[0].oidc.clientSecret).to.equal(TEST_SECRET);
        });
    });

    describe("adopting an existing identity provider by id (instead of pulumi import)", () => {
        it("reads it and writes our values with one PUT, creating nothing", async () => {
            const existing = emulator.seedIdentityProvider(ORG, {
                name: "Made by hand",
                type: "AZURE",
                oidc: { clientId: "x", clientSecret: "y", url: "https://login.microsoftonline.com/old" },
            });
            const result = await provider.create(idpInputs(emulator, { existingId: existing.id }));
            expect(result.id).to.equal(existing.id);
            expect(emulator.requests.map((r) => `${r.method} ${r.status}`)).to.deep.equal([
                "GET 200",
                "PUT 200",
            ]);
            expect(emulator.identityProviders()).to.have.length(1);
            expect(emulator.identityProviders()[0]).to.deep.include({ id: existing.id, name: "Entra OIDC" });
            expect(emulator.identityProviders()[0].oidc.clientSecret).to.equal(TEST_SECRET);
        });

        it("names the field when the id does not exist, and creates nothing", async () => {
            const error = await rejection(
                provider.create(idpInputs(emulator, { existingId: "0123456789abcdef01234567" })),
            );
            expect(error.message).to.include("jumpCloud.existingId").and.include("0123456789abcdef01234567");
            expect(emulator.requests.map((r) => r.method)).to.deep.equal(["GET"]);
            expect(emulator.identityProviders()).to.have.length(0);
        });
    });

    describe("multi-tenant organizations", () => {
        it("needs the org id: without it the 401 hint says so; with it the call lands in that org", async () => {
            const orgs = ["aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb"];
            const msp = await startEmulator({ organizations: orgs, multiTenant: true });
            try {
                const error = await rejection(provider.create(idpInputs(msp)));
                expect(error.message).to.include("401").and.include("organization id");
                const created = await provider.create(idpInputs(msp, { orgId: orgs[1] }));
                expect(msp.identityProviders(orgs[1]).map((i) => i.id)).to.deep.equal([created.id]);
                expect(msp.identityProviders(orgs[0])).to.have.length(0);
            } finally {
                await msp.stop();
            }
        });
    });
});
