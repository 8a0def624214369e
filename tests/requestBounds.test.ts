/**
 * Issue 11, classes 1 and 2, through Pulumi's real dynamic-provider host against the emulator:
 * every request ends whatever the server does (a body that trickles, a body too large), and no
 * reply is trusted before it is checked (HTML, broken JSON, JSON of the wrong shape). A create
 * that gave up, or was answered badly, never leaves two identity providers.
 */
import { expect } from "chai";
import { JumpCloudEmulator, type Fault } from "../emulator/jumpcloudEmulator";
import type { CapturedIdentityProvider } from "../simulation/capture";
import type { DynamicProviderHost } from "../simulation/providerHost";
import { MAX_REPLY_BYTES } from "../providers/jumpcloudClient";
import { failureOf, hostedIdentityProvider, resetEmulator } from "./support/hostedIdentityProvider";
import { pooledHost } from "./support/providerHosts";

const IDPS = "/api/v2/identity-providers";
const ONE_IDP = /^\/api\/v2\/identity-providers\/[^/]+$/;
/**
 * The bounds under test, tighter than FAST_RETRY_ENV's (1 s per attempt, 5 s in all) so that a
 * reply that never completes costs the suite 1.2 s rather than 5. Generous margins: the machine
 * is shared.
 */
const ATTEMPT_MS = 400;
const BUDGET_MS = 1_200;
const MARGIN_MS = 4_000;
const TIGHT_BOUNDS = {
    JUMPCLOUD_TIMEOUT_MS: String(ATTEMPT_MS),
    JUMPCLOUD_TOTAL_BUDGET_MS: String(BUDGET_MS),
};

function trace(emulator: JumpCloudEmulator): string[] {
    return emulator.requests.map((r) => `${r.method} ${r.status}`);
}

describe("every request ends, and no reply is trusted unchecked (through the provider host)", function () {
    this.timeout(60_000);
    let emulator: JumpCloudEmulator;
    let host: DynamicProviderHost;
    let captured: CapturedIdentityProvider;
    let urn: string;

    /** The pooled host with TIGHT_BOUNDS, for the replies that never complete. */
    let bounded: DynamicProviderHost;

    before(async () => {
        [{ emulator, captured, urn, host }, bounded] = await Promise.all([
            hostedIdentityProvider(),
            pooledHost(TIGHT_BOUNDS),
        ]);
    });
    after(() => emulator?.stop());
    afterEach(() => resetEmulator(emulator));

    describe("a read whose reply never completes or is too large fails within its bounds", () => {
        const cases: { name: string; fault: Fault; times: number; says: RegExp; maxRequests: number }[] = [
            {
                name: "headers at once, then one byte every 150 ms (a stuck proxy)",
                fault: { kind: "slowBody", tickMs: 150 },
                times: Infinity,
                says: new RegExp(
                    `no complete reply (within ${ATTEMPT_MS} ms|before the ${BUDGET_MS} ms budget ran out)`,
                ),
                maxRequests: 5,
            },
            {
                name: `a 2 MiB body without Content-Length (cap ${MAX_REPLY_BYTES} bytes)`,
                fault: { kind: "oversizeBody", bytes: 2 * 1024 * 1024 },
                times: 1,
                says: /larger than 1048576 bytes/,
                maxRequests: 1,
            },
            {
                name: "a 2 MiB body announced by Content-Length",
                fault: { kind: "oversizeBody", bytes: 2 * 1024 * 1024, declareLength: true },
                times: 1,
                says: /larger than 1048576 bytes/,
                maxRequests: 1,
            },
        ];
        for (const c of cases) {
            it(c.name, async () => {
                const created = await bounded.create(urn, captured.inputs);
                emulator.resetRequests();
                emulator.injectFault({ method: "GET", path: ONE_IDP, times: c.times, fault: c.fault });
                const started = Date.now();
                const message = await failureOf(
                    bounded.read(created.id, urn, created.properties, captured.inputs),
                );
                const elapsed = Date.now() - started;
                expect(message).to.match(c.says).and.include(`GET ${IDPS}/${created.id}`);
                expect(elapsed, "ends within the total budget").to.be.below(BUDGET_MS + MARGIN_MS);
                expect(emulator.requests.length).to.be.within(1, c.maxRequests);
            });
        }
    });

    describe("a 2xx that is not what the sheet says is a clear error naming method, path, status and the problem", () => {
        const cases: { name: string; contentType?: string; body: string; says: string[] }[] = [
            {
                name: "an HTML page (a captive portal)",
                contentType: "text/html; charset=utf-8",
                body: "<html><body>Please sign in to the Wi-Fi</body></html>",
                says: ["200 with a body that is not JSON", "text/html"],
            },
            {
                name: "JSON that does not parse",
                contentType: "application/json",
                body: '{"id": "abc", ',
                says: ["200 with a body that is not valid JSON"],
            },
            {
                name: "JSON of the wrong shape (no id)",
                contentType: "application/json",
                body: '{"identityProvider": {"name": "x"}}',
                says: ["200 with a JSON body of the wrong shape", "id is not a usable id (got missing)"],
            },
            {
                name: "an identity provider without its oidc settings",
                contentType: "application/json",
                body: '{"id": "0123456789abcdef01234567", "name": "x", "type": "AZURE"}',
                says: ["wrong shape", "oidc is missing, not an object"],
            },
            {
                name: "an empty body",
                contentType: "application/json",
                body: "",
                says: ["200 with an empty body"],
            },
            { name: "no content type at all", body: '{"id":"x"}', says: ["not JSON", "no content type"] },
        ];
        for (const c of cases) {
            it(`read answered with ${c.name}`, async () => {
                const created = await host.create(urn, captured.inputs);
                emulator.injectFault({
                    method: "GET",
                    path: ONE_IDP,
                    fault: {
                        kind: "rawReply",
                        status: 200,
                        body: c.body,
                        ...(c.contentType ? { contentType: c.contentType } : {}),
                    },
                });
                const message = await failureOf(
                    host.read(created.id, urn, created.properties, captured.inputs),
                );
                expect(message).to.include(`JumpCloud GET ${IDPS}/${created.id} failed: 200`);
                for (const part of c.says) expect(message).to.include(part);
                expect(message).to.not.match(/Unexpected struct|undefined \(|Cannot read/);
            });
        }
    });

    describe("a create answered badly is resolved like a lost reply: ours is found and adopted, never made twice", () => {
        const cases: { name: string; fault: Fault; ends: "adopted" | "failed"; trace: string[] }[] = [
            {
                name: "201 with JSON but no id (applied)",
                fault: {
                    kind: "rawReply",
                    status: 201,
                    contentType: "application/json",
                    body: "{}",
                    applied: true,
                },
                ends: "adopted",
                trace: ["POST 201", "GET 200", "PUT 200"],
            },
            {
                name: "201 with an HTML body (applied)",
                fault: {
                    kind: "rawReply",
                    status: 201,
                    contentType: "text/html",
                    body: "<html>ok</html>",
                    applied: true,
                },
                ends: "adopted",
                trace: ["POST 201", "GET 200", "PUT 200"],
            },
            {
                name: "200 with an HTML page from something in between (not applied)",
                fault: {
                    kind: "rawReply",
                    status: 200,
                    contentType: "text/html",
                    body: "<html>portal</html>",
                },
                ends: "failed",
                trace: ["POST 200", "GET 200"],
            },
            {
                name: "201 whose body trickles past the attempt deadline (applied; the retry meets 409)",
                fault: { kind: "slowBody", tickMs: 400 },
                ends: "adopted",
                trace: ["POST 201", "POST 409", "GET 200", "PUT 200"],
            },
            {
                name: "201 with a body over the cap (applied)",
                fault: { kind: "oversizeBody", bytes: 2 * 1024 * 1024 },
                ends: "adopted",
                trace: ["POST 201", "GET 200", "PUT 200"],
            },
        ];
        for (const c of cases) {
            it(c.name, async () => {
                emulator.injectFault({ method: "POST", path: IDPS, fault: c.fault });
                let id = "";
                const message = await failureOf(host.create(urn, captured.inputs).then((r) => (id = r.id)));
                const held = emulator.identityProviders();
                if (c.ends === "adopted") {
                    expect(message).to.equal("");
                    expect(held.map((h) => h.id)).to.deep.equal([id]);
                    expect(held[0].oidc.clientSecret).to.equal(captured.inputs.clientSecret);
                } else {
                    expect(message).to.include(
                        `JumpCloud POST ${IDPS} failed: 200 with a body that is not JSON`,
                    );
                    expect(held).to.have.length(0);
                }
                expect(trace(emulator)).to.deep.equal(c.trace);
            });
        }
    });

    it("a create that gives up (its reply trickles past the whole budget) leaves one IdP, and the next up ends with exactly one", async () => {
        emulator.injectFault({
            method: "POST",
            path: IDPS,
            times: Infinity,
            fault: { kind: "slowBody", tickMs: 250 },
        });
        const started = Date.now();
        const message = await failureOf(bounded.create(urn, captured.inputs));
        expect(Date.now() - started, "ends within the budget").to.be.below(BUDGET_MS + MARGIN_MS);
        expect(message).to.match(/no complete reply|budget/);
        expect(emulator.identityProviders(), "the first POST was applied").to.have.length(1);
        emulator.clearFaults();
        // The next `pulumi up` creates again: its first POST meets 409 and finds ours, made before this
        // create began, so it is replaced (deleted, then made anew) rather than adopted.
        const again = await bounded.create(urn, captured.inputs);
        expect(emulator.identityProviders().map((i) => i.id)).to.deep.equal([again.id]);
    });
});
