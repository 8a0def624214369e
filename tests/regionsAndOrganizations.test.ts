/**
 * EU end to end, and an MSP managing several organizations from one stack: three components,
 * each with its own org id (two with their own azuread provider), against the emulator in
 * multi-tenant mode, through Pulumi's real provider host.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import { EntraIdentityProvider } from "../components";
import { resolveEndpoint } from "../providers/connection";
import { findAll, findResource, promiseOf, simulatedAzure } from "./support/pulumiTest";
import { captureIdentityProvider, settled } from "../simulation/capture";
import { dynamicUrn } from "../simulation/providerHost";
import { sharedProviderHost } from "./support/providerHosts";
import { startEmulator } from "./support/jumpcloudFixtures";
import { RESOURCE_TYPES } from "../components/resourceTypes";

describe("regions and many organizations", function () {
    this.timeout(60_000);

    it("region eu uses the EU redirect URI and the EU API base URL", async () => {
        const registrations = await simulatedAzure();
        await settled(new EntraIdentityProvider("eu", { region: "eu" }));
        const app = findResource(registrations, RESOURCE_TYPES.application, "eu-app");
        expect((app.inputs.web as { redirectUris: string[] }).redirectUris).to.deep.equal([
            "https://login.eu.jumpcloud.com/oauth/callback",
        ]);
        const idp = captureIdentityProvider(registrations, "eu");
        expect(idp.inputs.region).to.equal("eu");
        expect(resolveEndpoint({ region: "eu" }, {}).baseUrl).to.equal("https://console.eu.jumpcloud.com");
        expect(resolveEndpoint({ region: "us" }, {}).baseUrl).to.equal("https://console.jumpcloud.com");
        // An explicit API URL and the environment win over the region, in that order.
        expect(
            resolveEndpoint({ region: "eu" }, { JUMPCLOUD_API_URL: "https://jc.example.com/" }).baseUrl,
        ).to.equal("https://jc.example.com");
        expect(
            resolveEndpoint(
                { region: "eu", apiUrl: "https://a.example.com" },
                { JUMPCLOUD_API_URL: "https://b.example.com" },
            ).baseUrl,
        ).to.equal("https://a.example.com");
    });

    it("manages three organizations from one stack, each IdP in its own org", async () => {
        const orgs = ["aaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccc"];
        const emulator = await startEmulator({ organizations: orgs, multiTenant: true });
        const registrations = await simulatedAzure();
        const tenantB = new azuread.Provider("tenant-b", {
            tenantId: "22222222-2222-2222-2222-222222222222",
        });
        const tenantC = new azuread.Provider("tenant-c", {
            tenantId: "33333333-3333-3333-3333-333333333333",
        });
        const components = [
            new EntraIdentityProvider("org-a", { jumpCloud: { orgId: orgs[0], apiUrl: emulator.url } }),
            new EntraIdentityProvider(
                "org-b",
                { jumpCloud: { orgId: orgs[1], apiUrl: emulator.url } },
                { providers: { azuread: tenantB } },
            ),
            new EntraIdentityProvider(
                "org-c",
                { jumpCloud: { orgId: orgs[2], apiUrl: emulator.url } },
                { providers: { azuread: tenantC } },
            ),
        ];
        await Promise.all(components.map((c) => settled(c)));
        const [urnB, urnC] = await promiseOf(pulumi.all([tenantB.urn, tenantC.urn]));
        const providerOf = (name: string) =>
            findAll(registrations, RESOURCE_TYPES.application).find((a) => a.name === name)?.provider ?? "";
        // org-a keeps the default azuread provider (under mocks: no explicit provider reference).
        expect(providerOf("org-a-app")).to.not.match(/tenant-[bc]/);
        expect(providerOf("org-b-app").startsWith(`${urnB}::`)).to.equal(true);
        expect(providerOf("org-c-app").startsWith(`${urnC}::`)).to.equal(true);

        const host = await sharedProviderHost();
        try {
            const created: {
                urn: string;
                result: { id: string; properties: Record<string, unknown> };
                clientId: unknown;
            }[] = [];
            for (const name of ["org-a", "org-b", "org-c"]) {
                const captured = captureIdentityProvider(registrations, name);
                const urn = dynamicUrn(captured.name, "jumpcloud:IdentityProvider");
                created.push({
                    urn,
                    result: await host.create(urn, captured.inputs),
                    clientId: captured.inputs.clientId,
                });
            }
            orgs.forEach((org, i) => {
                const held = emulator.identityProviders(org);
                expect(
                    held.map((h) => h.id),
                    org,
                ).to.deep.equal([created[i].result.id]);
                expect(held[0].oidc.clientId).to.equal(created[i].clientId);
            });
            expect(new Set(emulator.requests.map((r) => r.orgId))).to.deep.equal(new Set(orgs));
            for (const c of created) await host.delete(c.result.id, c.urn, c.result.properties);
            orgs.forEach((org) => expect(emulator.identityProviders(org)).to.have.length(0));
        } finally {
            await emulator.stop();
        }
    });
});
