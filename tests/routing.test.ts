/**
 * Routing user groups through Entra: the binding provider against the emulator, and the
 * component's bindings under mocks.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { routingBindingProvider as provider, type RoutingBindingInputs } from "../providers/routingBinding";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { EntraIdentityProvider } from "../components";
import { findAll, promiseOf, settle, simulatedAzure } from "./support/pulumiTest";
import { FAST_RETRY_ENV, TEST_API_KEY, startEmulator, withEnv } from "./support/jumpcloudFixtures";

const BINDING = "pulumi-nodejs:dynamic/jumpcloud:RoutingBinding";

describe("routing JumpCloud user groups through Entra", () => {
    describe("the binding provider against the emulator", () => {
        let emulator: JumpCloudEmulator;
        let org: string;
        let policyId: string;
        let restoreEnv: () => void;
        const inputs = (group: string): RoutingBindingInputs => ({ policyId, group, apiUrl: emulator.url });
        const bound = () =>
            emulator
                .policyAssociations(policyId)
                .map((a) => a.to.id)
                .sort();

        before(() => {
            restoreEnv = withEnv({ ...FAST_RETRY_ENV, JUMPCLOUD_API_KEY: TEST_API_KEY });
        });
        after(() => restoreEnv());
        beforeEach(async () => {
            emulator = await startEmulator();
            org = emulator.organizations[0];
            policyId = emulator.seedRoutingPolicy(org);
        });
        afterEach(async () => {
            await emulator.stop();
        });

        it("resolves a group name through the v2 filter and binds it with one association call", async () => {
            const engineering = emulator.seedUserGroup(org, "Engineering");
            emulator.seedUserGroup(org, "engineering"); // names are case sensitive
            const created = await provider.create(inputs("Engineering"));
            expect(created.outs?.groupId).to.equal(engineering.id);
            expect(bound()).to.deep.equal([engineering.id]);
            expect(
                emulator.requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`),
            ).to.deep.equal([
                `GET /api/v2/usergroups {"filter":"name:eq:Engineering"}`,
                `POST /api/v2/identity-provider/policies/${policyId}/associations {}`,
            ]);
            expect(emulator.requests[1].body).to.deep.equal({
                op: "add",
                type: "user_group",
                id: engineering.id,
            });
        });

        it("takes a group id as given, without a look-up", async () => {
            const finance = emulator.seedUserGroup(org, "Finance");
            await provider.create(inputs(finance.id));
            expect(emulator.requests.map((r) => r.method)).to.deep.equal(["POST"]);
            expect(bound()).to.deep.equal([finance.id]);
        });

        it("refuses an unknown group name with an error that names it, binding nothing", async () => {
            let message = "";
            await provider.create(inputs("Engineerng")).catch((e: Error) => (message = e.message));
            expect(message).to.include('"Engineerng"').and.include("jumpCloud.routing.userGroups");
            expect(bound()).to.deep.equal([]);
        });

        it("reads the binding, reports it gone when unbound by hand, and unbinds only its own group on delete", async () => {
            const engineering = emulator.seedUserGroup(org, "Engineering");
            const handMade = emulator.seedUserGroup(org, "Bound by hand");
            const created = await provider.create(inputs("Engineering"));
            // Another binding, made in the Admin Portal.
            await provider.create(inputs(handMade.id));
            expect((await provider.read!(created.id, created.outs)).id).to.equal(created.id);
            await provider.delete!(created.id, created.outs!);
            expect(bound()).to.deep.equal([handMade.id]);
            expect((await provider.read!(created.id, created.outs)).id).to.equal("");
            // Deleting again (already unbound) is success.
            await provider.delete!(created.id, created.outs!);
            void engineering;
        });

        it("replaces the binding when the group or policy changes", async () => {
            emulator.seedUserGroup(org, "Engineering");
            const created = await provider.create(inputs("Engineering"));
            expect(await provider.diff!(created.id, created.outs!, inputs("Finance"))).to.deep.include({
                changes: true,
                replaces: ["group"],
            });
            expect(await provider.diff!(created.id, created.outs!, inputs("Engineering"))).to.deep.include({
                changes: false,
            });
        });

        it("checks the policy id before any call", async () => {
            const result = await provider.check!({} as never, { policyId: "policy-1", group: "" });
            expect(result.failures?.map((f) => f.property)).to.deep.equal(["policyId", "group"]);
            expect(emulator.requests).to.have.length(0);
        });
    });

    describe("the component under mocks", () => {
        it("makes one binding per group, after the identity provider, and none without routing", async () => {
            const registrations = await simulatedAzure();
            const policyId = "0123456789abcdef01234567";
            const c = new EntraIdentityProvider("routed", {
                jumpCloud: {
                    orgId: "aaaaaaaaaaaaaaaaaaaaaaaa",
                    routing: { policyId, userGroups: ["Engineering", "Finance"] },
                },
            });
            await promiseOf(pulumi.all([c.routedUserGroupIds, c.identityProviderId]));
            await settle();
            const bindings = findAll(registrations, BINDING);
            expect(
                bindings.map((b) => [b.name, b.inputs.group, b.inputs.policyId, b.inputs.orgId]),
            ).to.deep.equal([
                ["routed-routing-Engineering", "Engineering", policyId, "aaaaaaaaaaaaaaaaaaaaaaaa"],
                ["routed-routing-Finance", "Finance", policyId, "aaaaaaaaaaaaaaaaaaaaaaaa"],
            ]);
            // Dropping a group keeps the other's binding under the same name: only the dropped one changes.
            registrations.length = 0;
            const fewer = new EntraIdentityProvider("routed2", {
                jumpCloud: {
                    orgId: "aaaaaaaaaaaaaaaaaaaaaaaa",
                    routing: { policyId, userGroups: ["Finance"] },
                },
            });
            await promiseOf(fewer.routedUserGroupIds);
            await settle();
            expect(findAll(registrations, BINDING).map((b) => b.name)).to.deep.equal([
                "routed2-routing-Finance",
            ]);
            registrations.length = 0;
            const plain = new EntraIdentityProvider("unrouted", {});
            await promiseOf(plain.identityProviderId);
            await settle();
            expect(findAll(registrations, BINDING)).to.have.length(0);
        });

        it("refuses bad routing arguments before creating anything", () => {
            expect(
                () =>
                    new EntraIdentityProvider("r1", {
                        jumpCloud: { routing: { policyId: "p", userGroups: ["A"] } },
                    }),
            ).to.throw(/jumpCloud\.routing\.policyId/);
            expect(
                () =>
                    new EntraIdentityProvider("r2", {
                        jumpCloud: { routing: { policyId: "0123456789abcdef01234567", userGroups: [] } },
                    }),
            ).to.throw(/jumpCloud\.routing\.userGroups/);
            expect(
                () =>
                    new EntraIdentityProvider("r3", {
                        jumpCloud: {
                            routing: { policyId: "0123456789abcdef01234567", userGroups: ["A", "A"] },
                        },
                    }),
            ).to.throw(/userGroups\[1\]/);
        });
    });
});
