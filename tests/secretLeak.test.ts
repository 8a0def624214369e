/**
 * The secret-leak scan: the whole lifecycle, failures included, under Pulumi's real dynamic-
 * provider host with marker values for the API key and the client secret. Everything that could
 * be written anywhere is captured and searched; the markers may appear only in the client
 * secret output, which the engine stores encrypted (it is a secret input and an
 * additionalSecretOutput).
 */
import { expect } from "chai";
import { EntraIdentityProvider } from "../components";
import { simulatedAzure } from "./support/pulumiTest";
import { captureIdentityProvider, settled } from "../simulation/capture";
import { dynamicUrn, type DynamicProviderHost } from "../simulation/providerHost";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { TEST_API_KEY, withEnv } from "./support/jumpcloudFixtures";
import { sharedProviderHost } from "./support/providerHosts";
import { RESOURCE_TYPES } from "../components/resourceTypes";

/** The key the shared host is configured with: as unlikely as any marker to occur by chance. */
const KEY_MARKER = TEST_API_KEY;
const SECRET_MARKER = "SECRETMARKER-8a2c4e6f0b1d";
const TYPE = RESOURCE_TYPES.identityProvider;

/** Every place a marker occurs in a JSON-able value, as property paths. */
function pathsContaining(value: unknown, marker: string, path = "$"): string[] {
    if (typeof value === "string") return value.includes(marker) ? [path] : [];
    if (Array.isArray(value)) return value.flatMap((v, i) => pathsContaining(v, marker, `${path}[${i}]`));
    if (value && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => pathsContaining(v, marker, `${path}.${k}`));
    }
    return [];
}

describe("secret-leak scan under the real dynamic-provider host", function () {
    this.timeout(60_000);
    let emulator: JumpCloudEmulator;
    let host: DynamicProviderHost;

    before(async () => {
        emulator = await JumpCloudEmulator.start({ apiKey: KEY_MARKER });
        // The shared host: its output holds every other suite's calls too, all scanned below.
        host = await sharedProviderHost();
    });
    after(() => emulator?.stop());

    it("finds the markers only in the secret-marked clientSecret output", async () => {
        const registrations = await simulatedAzure();
        const restore = withEnv({ JUMPCLOUD_API_KEY: KEY_MARKER });
        let captured;
        try {
            const component = new EntraIdentityProvider("leak", { jumpCloud: { apiUrl: emulator.url } });
            await settled(component);
            captured = captureIdentityProvider(registrations, "leak");
        } finally {
            restore();
        }
        const urn = dynamicUrn(captured.name, TYPE);
        const inputs = { ...captured.inputs, clientSecret: SECRET_MARKER };
        const errors: string[] = [];
        const outputs: Record<string, unknown>[] = [];
        const attempt = async (step: () => Promise<unknown>) => {
            try {
                const result = await step();
                if (result && typeof result === "object") outputs.push(result as Record<string, unknown>);
            } catch (error) {
                errors.push(String((error as Error).message), String((error as Error).stack));
            }
        };

        await attempt(() => host.check(urn, {}, inputs));
        await attempt(() => host.check(urn, {}, { ...inputs, clientSecret: "" })); // a failure, logged by the host
        const created = await host.create(urn, inputs);
        outputs.push(created);
        await attempt(() => host.read(created.id, urn, created.properties, inputs));
        const renamed = { ...inputs, name: "Renamed" };
        await attempt(() => host.diff(created.id, urn, created.properties, renamed));
        await attempt(() => host.update(created.id, urn, created.properties, renamed));
        // Failures on every kind of call: each error text and each host log line is scanned.
        emulator.injectFault({
            method: "PUT",
            fault: { kind: "status", status: 500, message: "boom" },
            times: Infinity,
        });
        await attempt(() => host.update(created.id, urn, created.properties, inputs));
        emulator.clearFaults();
        emulator.injectFault({ method: "GET", fault: { kind: "status", status: 503 }, times: Infinity });
        await attempt(() => host.read(created.id, urn, created.properties, inputs));
        emulator.clearFaults();
        emulator.injectFault({ method: "DELETE", fault: { kind: "reset" }, times: Infinity });
        await attempt(() => host.delete(created.id, urn, created.properties));
        emulator.clearFaults();
        await attempt(() => host.delete(created.id, urn, created.properties));
        // create skips check (the engine calls it first); an empty URL is refused by JumpCloud with 400.
        await attempt(() => host.create(urn, { ...inputs, url: "" }));

        // Each failure path ran and reached us with its real message (not "undefined").
        const messages = errors.filter((_, i) => i % 2 === 0);
        expect(messages.length, "the failure paths ran").to.be.at.least(4);
        for (const message of messages) expect(message).to.match(/JumpCloud|clientSecret/);
        expect(emulator.identityProviders(), "the lifecycle ended deleted").to.have.length(0);
        await host.outputSettled();
        for (const marker of [KEY_MARKER, SECRET_MARKER]) {
            expect(captured.provider, "serialized provider").to.not.include(marker);
            expect(host.stderr, "host stderr").to.not.include(marker);
            expect(host.stdout, "host stdout").to.not.include(marker);
            expect(errors.join("\n"), "error messages").to.not.include(marker);
        }
        const secretPaths = [...new Set(outputs.flatMap((o) => pathsContaining(o, SECRET_MARKER)))];
        // Outputs and the inputs check/read hand back: both are the clientSecret field, which the engine
        // keeps secret (secret input, additionalSecretOutputs).
        expect(secretPaths.sort()).to.deep.equal(["$.inputs.clientSecret", "$.properties.clientSecret"]);
        expect(outputs.flatMap((o) => pathsContaining(o, KEY_MARKER))).to.deep.equal([]);
        expect(captured.secretInputs).to.include("clientSecret");
    });
});
