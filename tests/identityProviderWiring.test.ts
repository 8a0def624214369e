/**
 * Layer 2: the JumpCloud identity provider inside the component, under mocks. Its inputs must be
 * exactly the azuread outputs, so that the IdP follows the app, the tenant and the secret.
 */
import { expect } from "chai";
import {
    findResource,
    isSecretInput,
    plain,
    promiseOf,
    simulatedAzure,
    buildComponent,
} from "./support/pulumiTest";
import { SIMULATED_TENANT_ID, type Registration } from "../simulation/azureSimulator";
import { RESOURCE_TYPES } from "../components/resourceTypes";

const APP = RESOURCE_TYPES.application;
const PASSWORD = RESOURCE_TYPES.applicationPassword;
const LIFETIME = RESOURCE_TYPES.secretLifetime;
const IDP = RESOURCE_TYPES.identityProvider;

describe("JumpCloud identity provider wiring (under mocks)", () => {
    let registrations: Registration[];
    beforeEach(async () => {
        registrations = await simulatedAzure();
    });

    it("takes client id, IdP URL and secret from the azuread outputs, with type AZURE and the default name", async () => {
        const c = await buildComponent("wire");
        const app = findResource(registrations, APP, "wire-app");
        const password = findResource(registrations, PASSWORD, "wire-secret");
        const idp = findResource(registrations, IDP, "wire-jumpcloud-idp");
        expect(idp.inputs.name).to.equal("Entra OIDC");
        expect(idp.inputs.type).to.equal("AZURE");
        expect(idp.inputs.clientId).to.equal(app.state.clientId);
        expect(idp.inputs.url).to.equal(`https://login.microsoftonline.com/${SIMULATED_TENANT_ID}`);
        expect(isSecretInput(idp.inputs.clientSecret)).to.equal(true);
        expect(plain(idp.inputs.clientSecret)).to.equal(password.state.value);
        expect(idp.inputs.region).to.equal("us");
        expect(idp.inputs).to.not.have.property("apiUrl");
        expect(idp.inputs).to.not.have.property("orgId");
        expect(await promiseOf(c.identityProviderId)).to.equal(idp.id);
    });

    it("passes the name, region, org id, API URL and adoptExisting through", async () => {
        await buildComponent("custom", {
            identityProviderName: "Contoso Entra",
            region: "eu",
            jumpCloud: {
                orgId: "0123456789abcdef01234567",
                apiUrl: "https://jc.example.com",
                adoptExisting: true,
            },
        });
        const idp = findResource(registrations, IDP, "custom-jumpcloud-idp").inputs;
        expect(idp).to.include({
            name: "Contoso Entra",
            region: "eu",
            orgId: "0123456789abcdef01234567",
            apiUrl: "https://jc.example.com",
            adoptExisting: true,
        });
    });

    it("never puts the API key among the IdP's inputs", async () => {
        process.env.JUMPCLOUD_API_KEY = "marker-api-key-should-not-appear";
        try {
            await buildComponent("nokey");
            const idp = findResource(registrations, IDP, "nokey-jumpcloud-idp");
            expect(JSON.stringify(idp.inputs)).to.not.include("marker-api-key-should-not-appear");
        } finally {
            delete process.env.JUMPCLOUD_API_KEY;
        }
    });

    it("wires rotation: the lifetime drives the secret, whose value is the IdP's input", async () => {
        await buildComponent("rot", { clientSecret: { rotateAfterDays: 90, expiresInDays: 180 } });
        const lifetime = findResource(registrations, LIFETIME, "rot-secret-lifetime");
        const password = findResource(registrations, PASSWORD, "rot-secret");
        const idp = findResource(registrations, IDP, "rot-jumpcloud-idp");
        expect(lifetime.inputs).to.include({ rotateAfterDays: 90, expiresInDays: 180 });
        // The password's replacement trigger is the lifetime, so a due rotation replaces the password ...
        expect(password.inputs.rotateWhenChanged).to.deep.equal({
            lifetimeCreatedAt: lifetime.state.createdAt,
        });
        // ... and the IdP's secret is that password's value, so the engine updates the IdP in between
        // creating the new password and deleting the old one.
        expect(plain(idp.inputs.clientSecret)).to.equal(password.state.value);
    });
});
