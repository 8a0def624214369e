/**
 * examples/two-organizations imports the package by its name, as another program would, and
 * builds two organizations in one stack. Run it under mocks and check what it registers.
 */
import { expect } from "chai";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { findAll, promiseOf, settle, simulatedAzure } from "./support/pulumiTest";
import { capturingWarnings } from "../simulation/runtimeWarnings";
import { COMPONENT_TYPE, RESOURCE_TYPES } from "../components/resourceTypes";

describe("examples/two-organizations (the package used as a library)", () => {
    it("makes one component per organization, each with its org id and its own azuread provider", async () => {
        const registrations = await simulatedAzure();
        pulumi.runtime.setConfig(
            "jumpcloud-entra-idp:contosoTenantId",
            "11111111-1111-1111-1111-111111111111",
        );
        pulumi.runtime.setConfig("jumpcloud-entra-idp:contosoOrgId", "aaaaaaaaaaaaaaaaaaaaaaaa");
        pulumi.runtime.setConfig(
            "jumpcloud-entra-idp:fabrikamTenantId",
            "22222222-2222-2222-2222-222222222222",
        );
        pulumi.runtime.setConfig("jumpcloud-entra-idp:fabrikamOrgId", "bbbbbbbbbbbbbbbbbbbbbbbb");
        const program = require(path.join(__dirname, "..", "examples", "two-organizations", "index.js")) as {
            identityProviders: { organization: string; jumpCloudUsers: pulumi.Output<unknown> }[];
        };
        const { warnings } = await capturingWarnings(async () => {
            await promiseOf(pulumi.all(program.identityProviders.map((p) => p.jumpCloudUsers)));
            await settle();
        });
        // No API key in tests: each organization's user check says so instead of passing silently.
        expect(warnings).to.deep.equal([
            "contoso: JumpCloud users were not checked: no API key (set JUMPCLOUD_API_KEY or the secret config jumpcloud:apiKey)",
            "fabrikam: JumpCloud users were not checked: no API key (set JUMPCLOUD_API_KEY or the secret config jumpcloud:apiKey)",
        ]);
        const components = findAll(registrations, COMPONENT_TYPE);
        expect(components.map((c) => c.name)).to.deep.equal(["contoso", "fabrikam"]);
        const idps = findAll(registrations, RESOURCE_TYPES.identityProvider);
        expect(idps.map((i) => i.inputs.orgId)).to.deep.equal([
            "aaaaaaaaaaaaaaaaaaaaaaaa",
            "bbbbbbbbbbbbbbbbbbbbbbbb",
        ]);
        const users = findAll(registrations, RESOURCE_TYPES.user);
        expect(users.map((u) => u.inputs.userPrincipalName)).to.deep.equal([
            "ada.lovelace@contoso.com",
            "alan.turing@contoso.com",
            "grace.hopper@fabrikam.com",
        ]);
        const apps = findAll(registrations, RESOURCE_TYPES.application);
        expect(apps[0].provider).to.include("contoso-tenant");
        expect(apps[1].provider).to.include("fabrikam-tenant");
    });
});
