/**
 * The fault matrix: each fault the emulator can inject, on each kind of call, and the end state
 * that must hold afterwards: exactly one identity provider with our values, or a clear failure.
 * The attempt counts asserted here are the ones reported in the issue note.
 */
import { expect } from "chai";
import { identityProviderProvider as provider } from "../providers/identityProviderProvider";
import { sendRequest } from "../providers/jumpcloudClient";
import { azureIdentityProviderBody } from "../providers/jumpcloudApi";
import { retryPolicyFromEnv } from "../providers/retryPolicy";
import { JumpCloudEmulator, type Fault } from "../emulator/jumpcloudEmulator";
import {
    TEST_API_KEY,
    TEST_SECRET,
    idpInputs,
    startEmulator,
    withEnv,
    useProviderTestEnv,
} from "./support/jumpcloudFixtures";

const IDPS = "/api/v2/identity-providers";

interface CreateCase {
    fault: string;
    inject: Fault;
    /** Settings of this case alone, over the suite's fast retries. */
    env?: Record<string, string>;
    /** Requests the emulator sees, in order, as "METHOD status". */
    expected: string[];
}

/** Resolves once `done()` holds, polling; fails after `ms`. */
async function until(done: () => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
        if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
    }
}

const CREATE_CASES: CreateCase[] = [
    {
        fault: "429 with Retry-After seconds",
        inject: { kind: "status", status: 429, retryAfter: "1" },
        expected: ["POST 429", "POST 201"],
    },
    {
        fault: "429 without Retry-After",
        inject: { kind: "status", status: 429 },
        expected: ["POST 429", "POST 201"],
    },
    { fault: "500", inject: { kind: "status", status: 500 }, expected: ["POST 500", "POST 201"] },
    { fault: "502", inject: { kind: "status", status: 502 }, expected: ["POST 502", "POST 201"] },
    { fault: "503", inject: { kind: "status", status: 503 }, expected: ["POST 503", "POST 201"] },
    { fault: "504", inject: { kind: "status", status: 504 }, expected: ["POST 504", "POST 201"] },
    { fault: "connection reset", inject: { kind: "reset" }, expected: ["POST reset", "POST 201"] },
    // The slow POST lands after the client gave up: the retry meets 409 and adopts our own object.
    // Attempts of 400 ms rather than the suite's 1 s: the case waits on the clock for 800 ms, not 1.5 s.
    {
        fault: "timeout (reply after the client gave up)",
        env: { JUMPCLOUD_TIMEOUT_MS: "400" },
        inject: { kind: "delay", ms: 800 },
        expected: ["POST 201", "POST 409", "GET 200", "PUT 200"],
    },
    {
        fault: "lost reply after a successful POST",
        inject: { kind: "lostReply" },
        expected: ["POST lostReply", "POST 409", "GET 200", "PUT 200"],
    },
];

function trace(emulator: JumpCloudEmulator): string[] {
    return emulator.requests.map((r) => `${r.method} ${r.status}`);
}

describe("fault matrix against the emulator", function () {
    this.timeout(30_000);
    let emulator: JumpCloudEmulator;

    useProviderTestEnv();
    beforeEach(async () => {
        emulator = await startEmulator();
    });
    afterEach(async () => {
        await emulator.stop();
    });

    for (const c of CREATE_CASES) {
        it(`create survives ${c.fault}: one IdP with our values`, async () => {
            emulator.injectFault({ method: "POST", path: IDPS, fault: c.inject });
            const started = Date.now();
            const restore = withEnv(c.env ?? {});
            const result = await provider.create(idpInputs(emulator)).finally(restore);
            // A delayed reply is recorded when it is finally sent: wait until it has landed.
            if (c.inject.kind === "delay") await until(() => emulator.requests.length === c.expected.length);
            const all = emulator.identityProviders();
            expect(all, "exactly one identity provider").to.have.length(1);
            expect(all[0].id).to.equal(result.id);
            expect(all[0]).to.deep.include({ name: "Entra OIDC", type: "AZURE" });
            expect(all[0].oidc.clientSecret).to.equal(TEST_SECRET);
            expect(trace(emulator).sort()).to.deep.equal([...c.expected].sort());
            // The one case that waits on the wall clock: Retry-After is honoured in real time.
            if (c.inject.kind === "status" && c.inject.retryAfter) {
                expect(Date.now() - started, "waited for Retry-After").to.be.at.least(900);
            }
        });
    }

    it("waits until a Retry-After HTTP date before retrying (the wait asked of the sleep, not the clock)", async () => {
        // HTTP dates have whole seconds: two seconds ahead means a wait of more than one and at most two.
        const retryAt = new Date(Date.now() + 2000).toUTCString();
        emulator.injectFault({
            method: "POST",
            path: IDPS,
            fault: { kind: "status", status: 429, retryAfter: retryAt },
        });
        const waits: number[] = [];
        const connection = { baseUrl: emulator.url, apiKey: TEST_API_KEY };
        const reply = await sendRequest(
            connection,
            { method: "POST", path: IDPS, body: azureIdentityProviderBody(idpInputs(emulator)) },
            retryPolicyFromEnv(),
            async (ms) => void waits.push(ms),
        );
        expect(reply.attempts).to.equal(2);
        expect(waits).to.have.length(1);
        expect(waits[0]).to.be.within(900, 2000);
        expect(trace(emulator)).to.deep.equal(["POST 429", "POST 201"]);
    });

    it("read survives a 503 and reports the IdP; a 404 reports it gone", async () => {
        const created = await provider.create(idpInputs(emulator));
        emulator.resetRequests();
        emulator.injectFault({ method: "GET", fault: { kind: "status", status: 503 } });
        const read = await provider.read!(created.id, created.outs!);
        expect(read.id).to.equal(created.id);
        expect(trace(emulator)).to.deep.equal(["GET 503", "GET 200"]);
        emulator.removeIdentityProvider(created.id);
        expect((await provider.read!(created.id, created.outs!)).id).to.equal("");
    });

    it("update survives a reset and a 502: one PUT lands", async () => {
        const created = await provider.create(idpInputs(emulator));
        emulator.resetRequests();
        emulator.injectFault({ method: "PUT", fault: { kind: "reset" } });
        emulator.injectFault({ method: "PUT", fault: { kind: "status", status: 502 } });
        await provider.update!(created.id, created.outs!, idpInputs(emulator, { name: "Renamed" }));
        expect(trace(emulator)).to.deep.equal(["PUT reset", "PUT 502", "PUT 200"]);
        expect(emulator.identityProviders()[0].name).to.equal("Renamed");
    });

    it("delete survives a 500, and a lost delete reply ends as success (the retry meets 404)", async () => {
        const created = await provider.create(idpInputs(emulator));
        emulator.resetRequests();
        emulator.injectFault({ method: "DELETE", fault: { kind: "status", status: 500 } });
        emulator.injectFault({ method: "DELETE", fault: { kind: "lostReply" } });
        await provider.delete!(created.id, created.outs!);
        expect(trace(emulator)).to.deep.equal(["DELETE 500", "DELETE lostReply", "DELETE 404"]);
        expect(emulator.identityProviders()).to.have.length(0);
    });

    it("gives up after the attempt limit and says what happened and how often", async () => {
        emulator.injectFault({
            method: "POST",
            fault: { kind: "status", status: 503, message: "maintenance" },
            times: Infinity,
        });
        let message = "";
        await provider.create(idpInputs(emulator)).catch((e: Error) => (message = e.message));
        expect(message).to.include("503").and.include("maintenance").and.include("gave up after 5 attempts");
        expect(emulator.requests).to.have.length(5);
        expect(emulator.identityProviders()).to.have.length(0);
    });

    it("gives up at once when Retry-After would exceed the total budget", async () => {
        emulator.injectFault({ method: "POST", fault: { kind: "status", status: 429, retryAfter: "3600" } });
        let message = "";
        await provider.create(idpInputs(emulator)).catch((e: Error) => (message = e.message));
        expect(message).to.include("429").and.include("budget");
        expect(emulator.requests).to.have.length(1);
    });

    it("does not retry 400/401/403 and explains each without leaking the key or secret", async () => {
        const restore = withEnv({ JUMPCLOUD_API_KEY: "wrong-key-123456" });
        let message = "";
        await provider.create(idpInputs(emulator)).catch((e: Error) => (message = e.message));
        restore();
        expect(message).to.include("401").and.include("API key").and.not.include("wrong-key-123456");
        expect(emulator.requests).to.have.length(1);
        // A 400 from JumpCloud (here: a body the emulator refuses) carries JumpCloud's message, not our body.
        emulator.resetRequests();
        const created = await provider.create(idpInputs(emulator));
        emulator.resetRequests();
        message = "";
        await provider.update!(created.id, created.outs!, idpInputs(emulator, { clientId: "" })).catch(
            (e: Error) => (message = e.message),
        );
        expect(message).to.include("400").and.include("clientId");
        expect(message).to.not.include(TEST_SECRET).and.not.include(TEST_API_KEY);
        expect(emulator.requests).to.have.length(1);
    });
});
