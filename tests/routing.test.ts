/**
 * Routing user groups through Entra: the bindings provider against the emulator (in process and
 * through Pulumi's host), and the component's bindings under mocks.
 */
import { expect } from "chai";
import axios from "axios";
import * as pulumi from "@pulumi/pulumi";
import {
    routingBindingsProvider as provider,
    type RoutingBindingsInputs,
} from "../providers/routingBindings";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { EntraIdentityProvider } from "../components";
import { findAll, promiseOf, settle, simulatedAzure } from "./support/pulumiTest";
import { TEST_API_KEY, startEmulator, useProviderTestEnv } from "./support/jumpcloudFixtures";
import { dynamicUrn, unwrapSecrets } from "../simulation/providerHost";
import { sharedProviderHost } from "./support/providerHosts";
import { RESOURCE_TYPES } from "../components/resourceTypes";

const BINDINGS = RESOURCE_TYPES.routingBindings;

describe("routing JumpCloud user groups through Entra", () => {
    describe("the bindings provider against the emulator", () => {
        let emulator: JumpCloudEmulator;
        let org: string;
        let policyId: string;
        const inputs = (groups: string[]): RoutingBindingsInputs => ({
            policyId,
            groups,
            apiUrl: emulator.url,
        });
        const bound = () =>
            emulator
                .policyAssociations(policyId)
                .map((a) => a.to.id)
                .sort();
        /** A binding changed in the Admin Portal, by hand. */
        const byHand = (op: "add" | "remove", id: string) =>
            axios.post(
                `${emulator.url}/api/v2/identity-provider/policies/${policyId}/associations`,
                { op, type: "user_group", id },
                { headers: { "x-api-key": TEST_API_KEY, accept: "application/json" } },
            );

        useProviderTestEnv();
        beforeEach(async () => {
            emulator = await startEmulator();
            org = emulator.organizations[0];
            policyId = emulator.seedRoutingPolicy(org);
        });
        afterEach(async () => {
            await emulator.stop();
        });

        it("resolves names through the v2 filter (case sensitive) and binds each group once", async () => {
            const engineering = emulator.seedUserGroup(org, "Engineering");
            emulator.seedUserGroup(org, "engineering");
            const finance = emulator.seedUserGroup(org, "Finance");
            const created = await provider.create(inputs(["Engineering", finance.id]));
            expect(created.outs?.resolved).to.deep.equal({
                Engineering: engineering.id,
                [finance.id]: finance.id,
            });
            expect(bound()).to.deep.equal([engineering.id, finance.id].sort());
            expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
                "GET /api/v2/usergroups",
                `POST /api/v2/identity-provider/policies/${policyId}/associations`,
                `POST /api/v2/identity-provider/policies/${policyId}/associations`,
            ]);
            expect(emulator.requests[0].query.filter).to.equal("name:eq:Engineering");
            expect(emulator.requests[1].body).to.deep.equal({
                op: "add",
                type: "user_group",
                id: engineering.id,
            });
        });

        it("refuses an unknown group name with an error that names it, binding nothing", async () => {
            let message = "";
            await provider.create(inputs(["Engineerng"])).catch((e: Error) => (message = e.message));
            expect(message).to.include('"Engineerng"').and.include("jumpCloud.routing.userGroups");
            expect(bound()).to.deep.equal([]);
        });

        it("keeps the binding when an entry switches from the group's name to its id", async () => {
            const engineering = emulator.seedUserGroup(org, "Engineering");
            const created = await provider.create(inputs(["Engineering"]));
            const news = inputs([engineering.id]);
            expect(await provider.diff!(created.id, created.outs!, news)).to.deep.include({
                changes: true,
                replaces: [],
            });
            emulator.resetRequests();
            await provider.update!(created.id, created.outs!, news);
            expect(emulator.requests.filter((r) => r.method === "POST")).to.have.length(0);
            expect(bound()).to.deep.equal([engineering.id]);
        });

        it("unbinds only the group dropped from the list, never one bound by hand", async () => {
            const engineering = emulator.seedUserGroup(org, "Engineering");
            const finance = emulator.seedUserGroup(org, "Finance");
            const sales = emulator.seedUserGroup(org, "Sales");
            const support = emulator.seedUserGroup(org, "Support");
            await byHand("add", sales.id); // bound in the Admin Portal before we came
            await byHand("add", support.id); // bound by hand, and never ours
            const created = await provider.create(inputs(["Engineering", "Finance", "Sales"]));
            expect(created.outs?.adopted).to.deep.equal([sales.id]);
            const updated = await provider.update!(created.id, created.outs!, inputs(["Engineering"]));
            expect(bound()).to.deep.equal([engineering.id, sales.id, support.id].sort());
            expect(bound()).to.not.include(finance.id);
            await provider.delete!(created.id, updated.outs as never);
            expect(bound()).to.deep.equal([sales.id, support.id].sort());
        });

        it("refresh drops a group unbound by hand, so the next update binds it again", async () => {
            const engineering = emulator.seedUserGroup(org, "Engineering");
            const finance = emulator.seedUserGroup(org, "Finance");
            const created = await provider.create(inputs(["Engineering", "Finance"]));
            await byHand("remove", finance.id);
            const read = await provider.read!(created.id, created.outs);
            expect(read.props?.groupIds).to.deep.equal([engineering.id]);
            const news = inputs(["Engineering", "Finance"]);
            expect(await provider.diff!(created.id, read.props!, news)).to.deep.include({ changes: true });
            await provider.update!(created.id, read.props!, news);
            expect(bound()).to.deep.equal([engineering.id, finance.id].sort());
        });

        it("refresh reports the bindings gone when the policy was deleted by hand", async () => {
            emulator.seedUserGroup(org, "Engineering");
            const created = await provider.create(inputs(["Engineering"]));
            const read = await provider.read!(created.id, {
                ...created.outs!,
                policyId: "ffffffffffffffffffffffff",
            });
            expect(read.id).to.equal("");
        });

        it("replaces the bindings when the policy changes, and checks inputs before any call", async () => {
            emulator.seedUserGroup(org, "Engineering");
            const created = await provider.create(inputs(["Engineering"]));
            const other = { ...inputs(["Engineering"]), policyId: "fedcba9876543210fedcba98" };
            expect(await provider.diff!(created.id, created.outs!, other)).to.deep.include({
                changes: true,
                replaces: ["policyId"],
                deleteBeforeReplace: false,
            });
            // Another base URL may be the same organization: unbind first, or the new resource would
            // adopt the bindings that the old one then removes.
            const elsewhere = { ...inputs(["Engineering"]), apiUrl: "https://console.eu.jumpcloud.com" };
            expect(await provider.diff!(created.id, created.outs!, elsewhere)).to.deep.include({
                replaces: ["apiUrl"],
                deleteBeforeReplace: true,
            });
            emulator.resetRequests();
            const result = await provider.check!({} as never, { policyId: "policy-1", groups: [] });
            expect(result.failures?.map((f) => f.property)).to.deep.equal(["policyId", "groups"]);
            expect(emulator.requests).to.have.length(0);
        });

        it("runs the same through Pulumi's provider host, serialized from the component", async function () {
            this.timeout(30_000);
            const engineering = emulator.seedUserGroup(org, "Engineering");
            const registrations = await simulatedAzure();
            const c = new EntraIdentityProvider("hosted", {
                jumpCloud: { apiUrl: emulator.url, routing: { policyId, userGroups: ["Engineering"] } },
            });
            await promiseOf(pulumi.all([c.routedUserGroupIds, c.identityProviderId]));
            await settle();
            const [bindings] = findAll(registrations, BINDINGS);
            // The key reaches the bindings only through Configure: the host's environment has none.
            const host = await sharedProviderHost();
            const urn = dynamicUrn(bindings.name, "jumpcloud:RoutingBindings");
            const created = await host.create(urn, unwrapSecrets(bindings.inputs) as Record<string, unknown>);
            expect(bound()).to.deep.equal([engineering.id]);
            await host.delete(created.id, urn, created.properties);
            expect(bound()).to.deep.equal([]);
        });
    });

    describe("the component under mocks", () => {
        it("makes one bindings resource with every group, after the identity provider, and none without routing", async () => {
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
            const bindings = findAll(registrations, BINDINGS);
            expect(
                bindings.map((b) => [b.name, b.inputs.groups, b.inputs.policyId, b.inputs.orgId]),
            ).to.deep.equal([
                ["routed-routing", ["Engineering", "Finance"], policyId, "aaaaaaaaaaaaaaaaaaaaaaaa"],
            ]);
            registrations.length = 0;
            const plain = new EntraIdentityProvider("unrouted", {});
            await promiseOf(plain.identityProviderId);
            await settle();
            expect(findAll(registrations, BINDINGS)).to.have.length(0);
        });

        it("refuses bad routing arguments before creating anything", () => {
            const ok = "0123456789abcdef01234567";
            expect(
                () =>
                    new EntraIdentityProvider("r1", {
                        jumpCloud: { routing: { policyId: "p", userGroups: ["A"] } },
                    }),
            ).to.throw(/jumpCloud\.routing\.policyId/);
            expect(
                () =>
                    new EntraIdentityProvider("r2", {
                        jumpCloud: { routing: { policyId: ok, userGroups: [] } },
                    }),
            ).to.throw(/jumpCloud\.routing\.userGroups/);
            expect(
                () =>
                    new EntraIdentityProvider("r3", {
                        jumpCloud: { routing: { policyId: ok, userGroups: ["A", "A"] } },
                    }),
            ).to.throw(/userGroups\[1\]/);
        });
    });
});
