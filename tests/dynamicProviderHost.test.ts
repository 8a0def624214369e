/**
 * Layer 3: the JumpCloud provider serialized from a mock run of the real component, run by
 * Pulumi's own dynamic-provider host (the process `pulumi up` uses), driven over gRPC against the
 * emulator. This is what proves the provider survives closure serialization.
 */
import { expect } from "chai";
import { EntraIdentityProvider } from "../components";
import { simulatedAzure } from "./support/pulumiTest";
import { captureIdentityProvider, settled, type CapturedIdentityProvider } from "../simulation/capture";
import { dynamicUrn, type DynamicProviderHost } from "../simulation/providerHost";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { TEST_API_KEY, startEmulator, withEnv } from "./support/jumpcloudFixtures";
import { sharedProviderHost } from "./support/providerHosts";
import { PROVIDER_EXPORT, shimSource } from "../providers/providerShim";
import { RESOURCE_TYPES } from "../components/resourceTypes";

const TYPE = RESOURCE_TYPES.identityProvider;

describe("JumpCloud provider in Pulumi's dynamic-provider host", function () {
    this.timeout(60_000);
    let emulator: JumpCloudEmulator;
    let host: DynamicProviderHost;
    let captured: CapturedIdentityProvider;
    let urn: string;

    before(async () => {
        emulator = await startEmulator();
        const registrations = await simulatedAzure();
        // The key is in this process's environment during the mock run: it must still not be captured.
        const restore = withEnv({ JUMPCLOUD_API_KEY: TEST_API_KEY });
        try {
            const component = new EntraIdentityProvider("host", { jumpCloud: { apiUrl: emulator.url } });
            await settled(component);
        } finally {
            restore();
        }
        captured = captureIdentityProvider(registrations, "host");
        urn = dynamicUrn(captured.name, TYPE);
        // The host's environment has no JumpCloud credentials: the key comes through Configure.
        host = await sharedProviderHost();
    });
    after(async () => {
        await emulator?.stop();
    });

    it("serializes a provider that carries neither the API key nor the client secret", () => {
        expect(captured.provider).to.not.include(TEST_API_KEY);
        expect(captured.provider).to.not.include(String(captured.inputs.clientSecret));
        expect(captured.secretInputs).to.deep.equal(["clientSecret"]);
        // The shim: small, and it loads the package's own export instead of carrying copied code.
        expect(captured.provider).to.equal(shimSource("identityProvider"));
        expect(captured.provider).to.include(`"${PROVIDER_EXPORT}"`);
        expect(Buffer.byteLength(captured.provider)).to.be.at.most(3 * 1024);
    });

    it("runs the whole lifecycle: check, create, read, diff, update, delete", async () => {
        const checked = await host.check(urn, {}, captured.inputs);
        expect(checked.failures).to.deep.equal([]);

        const created = await host.create(urn, checked.inputs);
        expect(created.id).to.match(/^[0-9a-f]{24}$/);
        const stored = emulator.identityProviders();
        expect(stored).to.have.length(1);
        expect(stored[0]).to.deep.include({ id: created.id, name: "Entra OIDC", type: "AZURE" });
        expect(stored[0].oidc).to.deep.equal({
            clientId: captured.inputs.clientId,
            clientSecret: captured.inputs.clientSecret,
            url: captured.inputs.url,
        });
        // The key reached the provider through Configure, not the environment, and was sent as x-api-key.
        expect(emulator.requests.every((r) => r.apiKeyOk)).to.equal(true);

        const read = await host.read(created.id, urn, created.properties, checked.inputs);
        expect(read.id).to.equal(created.id);
        expect(read.properties.clientSecret).to.equal(captured.inputs.clientSecret);

        const renamed = { ...checked.inputs, name: "Entra OIDC (renamed)" };
        const diff = await host.diff(created.id, urn, read.properties, renamed);
        expect(diff).to.deep.include({ changes: "some", replaces: [] });
        const updated = await host.update(created.id, urn, read.properties, renamed);
        expect(updated.properties.name).to.equal("Entra OIDC (renamed)");
        expect(emulator.identityProviders()[0].name).to.equal("Entra OIDC (renamed)");

        await host.delete(created.id, urn, updated.properties);
        expect(emulator.identityProviders()).to.have.length(0);
    });

    it("reports check failures that name the property, with no API call", async () => {
        emulator.resetRequests();
        const bad = { ...captured.inputs, clientId: "not-a-guid", url: "http://login.microsoftonline.com/x" };
        const checked = await host.check(urn, {}, bad);
        expect(checked.failures.map((f) => f.property).sort()).to.deep.equal(["clientId", "url"]);
        expect(emulator.requests).to.have.length(0);
    });

    it("delivers JumpCloud's failures to the engine with status, hint and attempts, never the key", async () => {
        // A JumpCloud that takes another key: the configured one is wrong there.
        const otherOrganization = await startEmulator({ apiKey: "another-key-0123456789" });
        try {
            let message = "";
            await host
                .create(urn, { ...captured.inputs, apiUrl: otherOrganization.url })
                .catch((e: Error) => (message = e.message));
            expect(message).to.include("401").and.include("API key").and.include("organization id");
            expect(message).to.not.include(TEST_API_KEY);
            await host.outputSettled();
            expect(host.stderr).to.not.include(TEST_API_KEY);
            expect(otherOrganization.requests.map((r) => r.apiKeyOk)).to.deep.equal([false]);
        } finally {
            await otherOrganization.stop();
        }
        emulator.injectFault({
            method: "POST",
            fault: { kind: "status", status: 503, message: "maintenance" },
            times: Infinity,
        });
        try {
            let message = "";
            await host.create(urn, captured.inputs).catch((e: Error) => (message = e.message));
            expect(message)
                .to.include("503")
                .and.include("maintenance")
                .and.include("gave up after 5 attempts");
        } finally {
            emulator.clearFaults();
        }
        expect(emulator.identityProviders()).to.have.length(0);
    });
});
