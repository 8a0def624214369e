/**
 * Issue 11, classes 5 and 6, through Pulumi's real provider host: a base URL means one thing (an
 * https origin with an optional path prefix; query, fragment and user-info refused at check with
 * no call, never reaching state or a header), redirects are not followed to another origin, and a
 * reply that did not come from JumpCloud (a refusing proxy, a gateway's page) is never reported as
 * JumpCloud's 403 with its billing hint. The proxy is named without its credentials.
 */
import { expect } from "chai";
import { JumpCloudEmulator, type Fault } from "../emulator/jumpcloudEmulator";
import { startRefusingProxy, startSecondOrigin, type OtherServer } from "../emulator/otherServers";
import type { CapturedIdentityProvider } from "../simulation/capture";
import type { DynamicProviderHost } from "../simulation/providerHost";
import { failureOf, hostedIdentityProvider, resetEmulator } from "./support/hostedIdentityProvider";
import { startHosts, stopHosts } from "./support/providerHosts";
import { unwrapSecrets } from "../simulation/providerHost";
import { identityProviderProvider, type IdentityProviderInputs } from "../providers/identityProviderProvider";
import { withEnv } from "./support/jumpcloudFixtures";

const IDPS = "/api/v2/identity-providers";
/** What the engine hands check as the old inputs of a resource it is about to create. */
const NO_OLDS = {} as IdentityProviderInputs;
const BILLING = "billing";

describe("URLs mean one thing, and errors say who answered (through the provider host)", function () {
    this.timeout(90_000);
    let emulator: JumpCloudEmulator;
    let host: DynamicProviderHost;
    let captured: CapturedIdentityProvider;
    let urn: string;
    let proxy: OtherServer;
    let authProxy: OtherServer;
    /**
     * Two hosts for the settings read from the environment, started together rather than one per
     * test. The proxy variables are read per scheme and JUMPCLOUD_API_URL only when a call has no
     * apiUrl, so one environment holds several cases without any seeing another's:
     *  [0] http through a refusing proxy (HTTP_PROXY), https through the same (https_proxy);
     *  [1] https through a proxy asking for credentials (HTTPS_PROXY), http to the loopback direct
     *      (NO_PROXY), and a JUMPCLOUD_API_URL with user-info.
     */
    let environmentHosts: DynamicProviderHost[] = [];
    const withCredentials = (server: OtherServer) => `http://proxyuser:proxypass@127.0.0.1:${server.port}`;
    const userInfoUrl = () => `http://admin:hunter2pw@127.0.0.1:${new URL(emulator.url).port}`;

    before(async () => {
        ({ emulator, captured, urn, host } = await hostedIdentityProvider());
        [proxy, authProxy] = await Promise.all([startRefusingProxy(403), startRefusingProxy(407)]);
        environmentHosts = await startHosts([
            {
                HTTP_PROXY: withCredentials(proxy),
                https_proxy: withCredentials(proxy),
                JUMPCLOUD_MAX_ATTEMPTS: "1",
            },
            {
                HTTPS_PROXY: `http://127.0.0.1:${authProxy.port}`,
                HTTP_PROXY: withCredentials(proxy),
                NO_PROXY: "localhost,127.0.0.1",
                JUMPCLOUD_API_URL: userInfoUrl(),
                JUMPCLOUD_MAX_ATTEMPTS: "1",
            },
        ]);
    });
    after(async () => {
        await stopHosts(environmentHosts);
        await Promise.all([emulator?.stop(), proxy?.stop(), authProxy?.stop()]);
    });
    afterEach(() => resetEmulator(emulator));

    describe("apiUrl and JUMPCLOUD_API_URL: an https origin with an optional path prefix only", () => {
        const port = () => new URL(emulator.url).port;
        const cases: { name: string; url: () => string; says: string; hidden: string[] }[] = [
            {
                name: "a query string",
                url: () => `${emulator.url}/?token=t0ps3cret`,
                says: "query",
                hidden: ["t0ps3cret"],
            },
            {
                name: "a fragment",
                url: () => `${emulator.url}/#k=t0ps3cret`,
                says: "fragment",
                hidden: ["t0ps3cret"],
            },
            {
                name: "user-info on the loopback emulator",
                url: () => `http://admin:hunter2pw@127.0.0.1:${port()}`,
                says: "user-info",
                hidden: ["hunter2pw", "admin:"],
            },
            {
                name: "user-info on an https URL",
                url: () => "https://admin:hunter2pw@console.jumpcloud.com",
                says: "user-info",
                hidden: ["hunter2pw", "admin:"],
            },
            {
                name: "user-info on a plain http URL",
                url: () => "http://admin:hunter2pw@console.jumpcloud.com",
                says: "https://",
                hidden: ["hunter2pw", "admin:"],
            },
        ];
        for (const c of cases) {
            it(`refuses ${c.name} at check, naming apiUrl, with zero calls`, async () => {
                const checked = await host.check(urn, {}, { ...captured.inputs, apiUrl: c.url() });
                expect(checked.failures.map((f) => f.property)).to.deep.equal(["apiUrl"]);
                const reason = checked.failures[0].reason;
                expect(reason).to.include("apiUrl").and.include(c.says);
                for (const hidden of c.hidden) expect(reason).to.not.include(hidden);
                // create skips check (the engine calls it first): it refuses the same way, still calling nothing.
                const message = await failureOf(host.create(urn, { ...captured.inputs, apiUrl: c.url() }));
                expect(message).to.include("jumpCloud.apiUrl").and.include(c.says);
                await host.outputSettled();
                for (const hidden of c.hidden) expect(message + host.stderr).to.not.include(hidden);
                expect(emulator.requests).to.have.length(0);
            });
        }

        describe("the same from JUMPCLOUD_API_URL, naming the variable", () => {
            const envCases = cases.slice(0, 3);
            const withoutUrl = (): Record<string, unknown> => {
                const { apiUrl: _unused, ...rest } = captured.inputs;
                return rest;
            };
            /** The refusals of check and create, and what must not show in them. */
            const expectRefused = (c: (typeof cases)[number], reason: string, message: string, log = "") => {
                expect(reason).to.include("JUMPCLOUD_API_URL").and.include(c.says);
                expect(message).to.include("JUMPCLOUD_API_URL").and.include(c.says);
                for (const hidden of c.hidden) expect(reason + message + log).to.not.include(hidden);
            };

            // The provider reads the variable at each call, so every case runs in this process's
            // environment; one more runs in a host of its own, whose environment alone holds it.
            for (const c of envCases) {
                it(`refuses ${c.name} at check and create, with zero calls`, async () => {
                    const restore = withEnv({ JUMPCLOUD_API_URL: c.url() });
                    try {
                        const inputs = unwrapSecrets(withoutUrl()) as IdentityProviderInputs;
                        const checked = await identityProviderProvider.check!(NO_OLDS, inputs);
                        expect((checked.failures ?? []).map((f) => f.property)).to.deep.equal(["apiUrl"]);
                        const message = await failureOf(identityProviderProvider.create(inputs));
                        expectRefused(c, checked.failures![0].reason, message);
                    } finally {
                        restore();
                    }
                    expect(emulator.requests).to.have.length(0);
                });
            }

            it("refuses user-info in the host's own environment, logging none of it, with zero calls", async () => {
                const c = envCases[2];
                expect(c.url()).to.equal(userInfoUrl());
                const envHost = environmentHosts[1];
                const checked = await envHost.check(urn, {}, withoutUrl());
                expect(checked.failures.map((f) => f.property)).to.deep.equal(["apiUrl"]);
                const message = await failureOf(envHost.create(urn, withoutUrl()));
                await envHost.outputSettled();
                expectRefused(c, checked.failures[0].reason, message, envHost.stderr);
                expect(emulator.requests).to.have.length(0);
            });
        });

        it("accepts a path prefix and keeps one spelling of it in state", async () => {
            const checked = await host.check(urn, {}, { ...captured.inputs, apiUrl: `${emulator.url}/` });
            expect(checked.failures).to.deep.equal([]);
            expect(checked.inputs.apiUrl).to.equal(emulator.url);
            const created = await host.create(urn, checked.inputs);
            expect(created.properties.apiBaseUrl).to.equal(emulator.url);
        });
    });

    describe("a redirect to a second origin is not followed, and the key never reaches it", () => {
        let second: OtherServer;
        before(async () => {
            second = await startSecondOrigin();
        });
        after(async () => second?.stop());

        for (const status of [301, 302, 307, 308] as const) {
            it(`${status} on create`, async () => {
                emulator.injectFault({
                    method: "POST",
                    path: IDPS,
                    fault: { kind: "redirect", status, location: `${second.url}${IDPS}?sig=abc` },
                });
                const message = await failureOf(host.create(urn, captured.inputs));
                expect(message).to.include(
                    `JumpCloud POST ${IDPS} failed: ${status} redirect to ${second.url}`,
                );
                expect(message).to.include("not followed").and.not.include("sig=abc");
                expect(second.seen, "the second origin saw nothing").to.deep.equal([]);
                expect(emulator.identityProviders()).to.have.length(0);
            });
        }
    });

    describe("a reply that is not JumpCloud's is not reported as JumpCloud's", () => {
        const replies: { name: string; fault: Fault; says: string[]; hint: boolean }[] = [
            {
                name: "JumpCloud's own 403 (its JSON error) keeps the billing hint",
                fault: {
                    kind: "rawReply",
                    status: 403,
                    contentType: "application/json",
                    body: '{"message":"Forbidden"}',
                },
                says: ["403: Forbidden"],
                hint: true,
            },
            {
                name: "a 403 HTML page from a gateway is someone else's, without the hint",
                fault: {
                    kind: "rawReply",
                    status: 403,
                    contentType: "text/html",
                    body: "<html>Blocked</html>",
                },
                says: [
                    "403 from something other than JumpCloud",
                    "gateway, firewall or captive portal",
                    "body not shown",
                ],
                hint: false,
            },
            {
                name: "a 404 page from a gateway is not JumpCloud's 'not found'",
                fault: { kind: "rawReply", status: 404, contentType: "text/plain", body: "no route" },
                says: ["404 from something other than JumpCloud"],
                hint: false,
            },
        ];
        for (const c of replies) {
            it(c.name, async () => {
                emulator.injectFault({ method: "POST", path: IDPS, fault: c.fault });
                const message = await failureOf(host.create(urn, captured.inputs));
                for (const part of c.says) expect(message).to.include(part);
                expect(message.includes(BILLING), "billing hint").to.equal(c.hint);
                expect(message).to.not.include("Blocked").and.not.include("no route");
            });
        }

        it("a gateway's 404 on delete is not taken as 'already deleted'", async () => {
            const created = await host.create(urn, captured.inputs);
            emulator.injectFault({
                method: "DELETE",
                fault: {
                    kind: "rawReply",
                    status: 404,
                    contentType: "text/html",
                    body: "<html>gone?</html>",
                },
            });
            const message = await failureOf(host.delete(created.id, urn, created.properties));
            expect(message).to.include("404 from something other than JumpCloud");
            expect(emulator.identityProviders().map((i) => i.id)).to.deep.equal([created.id]);
        });
    });

    describe("a refusing proxy is named (without its credentials), never blamed on JumpCloud", () => {
        /** The host of case `i` (see environmentHosts); the NO_PROXY test runs in the second. */
        const hostOf = (i: number): DynamicProviderHost => environmentHosts[i < 2 ? 0 : 1];
        beforeEach(() => {
            proxy.seen.length = 0;
            authProxy.seen.length = 0;
        });

        const cases: {
            name: string;
            apiUrl?: string;
            server: () => OtherServer;
            says: (server: OtherServer) => string[];
            method: string;
        }[] = [
            {
                name: "HTTP_PROXY refusing a forward request to the emulator (403)",
                server: () => proxy,
                says: (s) => [
                    "403 from something other than JumpCloud",
                    `the proxy http://127.0.0.1:${s.port} (from HTTP_PROXY)`,
                ],
                method: "POST",
            },
            {
                name: "https_proxy refusing the CONNECT tunnel to JumpCloud (403)",
                apiUrl: "https://console.jumpcloud.com",
                server: () => proxy,
                says: (s) => [
                    "403 from something other than JumpCloud",
                    `the proxy http://127.0.0.1:${s.port} (from https_proxy)`,
                ],
                method: "CONNECT",
            },
            {
                name: "HTTPS_PROXY asking for credentials (407)",
                apiUrl: "https://console.jumpcloud.com",
                server: () => authProxy,
                says: (s) => [
                    "407 from something other than JumpCloud",
                    `the proxy http://127.0.0.1:${s.port} (from HTTPS_PROXY) asks for credentials`,
                ],
                method: "CONNECT",
            },
        ];
        for (const [i, c] of cases.entries()) {
            it(c.name, async () => {
                const proxiedHost = hostOf(i);
                const inputs = { ...captured.inputs, ...(c.apiUrl ? { apiUrl: c.apiUrl } : {}) };
                const message = await failureOf(proxiedHost.create(urn, inputs));
                for (const part of c.says(c.server())) expect(message).to.include(part);
                expect(message).to.not.include(BILLING);
                await proxiedHost.outputSettled();
                expect(message + proxiedHost.stderr)
                    .to.not.include("proxypass")
                    .and.not.include("proxyuser");
                expect(c.server().seen.map((r) => r.method)).to.deep.equal([c.method]);
                if (c.method === "CONNECT") {
                    // The tunnel was refused before TLS: the proxy never saw the request, nor its key.
                    expect(c.server().seen[0].target).to.equal("console.jumpcloud.com:443");
                    expect(c.server().seen[0].headerNames).to.not.include("x-api-key");
                }
                expect(emulator.requests).to.have.length(0);
            });
        }

        it("NO_PROXY is honoured: the emulator is reached directly", async () => {
            const proxiedHost = hostOf(cases.length);
            const created = await proxiedHost.create(urn, captured.inputs);
            expect(emulator.identityProviders().map((i) => i.id)).to.deep.equal([created.id]);
            expect(proxy.seen).to.deep.equal([]);
        });
    });
});
