/**
 * Tests of the JumpCloud emulator itself, over real HTTP. The emulator is what the client and
 * provider suites trust to behave like the API reference (docs/jumpcloud-api.md), so each rule it
 * enforces is checked here from the outside.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import axios, { AxiosError, AxiosInstance } from "axios";
import { expect } from "chai";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import {
    HEADERS,
    IdentityProviderList,
    IdentityProviderRecord,
    JSON_MEDIA_TYPE,
    OBJECT_ID_PATTERN,
    PATHS,
    PolicyAssociation,
    QUERIES,
    SystemUserList,
    UserGroup,
    azureIdentityProviderBody,
} from "../providers/jumpcloudApi";

const API_KEY = `emulator-test-key-${randomBytes(8).toString("hex")}`;
const ORG_A = "5f1a00000000000000000a0a";
const ORG_B = "5f1b00000000000000000b0b";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

interface ClientOptions {
    /** null sends no key at all. */
    apiKey?: string | null;
    orgId?: string;
    timeout?: number;
}

/** An axios client that never throws on status, so tests can assert on every reply. */
function api(emulator: JumpCloudEmulator, opts: ClientOptions = {}): AxiosInstance {
    const headers: Record<string, string> = { [HEADERS.accept]: JSON_MEDIA_TYPE };
    if (opts.apiKey !== null) headers[HEADERS.apiKey] = opts.apiKey ?? API_KEY;
    if (opts.orgId !== undefined) headers[HEADERS.orgId] = opts.orgId;
    return axios.create({
        baseURL: emulator.url,
        headers,
        timeout: opts.timeout ?? 5000,
        validateStatus: () => true,
    });
}

function entra(suffix = "1") {
    return azureIdentityProviderBody({
        name: `Entra ID ${suffix}`,
        clientId: `client-${suffix}`,
        clientSecret: `secret-${suffix}`,
        url: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001",
    });
}

/** Resolves with the transport error of a request that must get no HTTP reply at all. */
async function transportError(request: Promise<unknown>): Promise<AxiosError> {
    try {
        await request;
    } catch (err) {
        if (axios.isAxiosError(err)) return err;
        throw err;
    }
    throw new Error("expected the request to fail without an HTTP reply");
}

async function expectRejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
    try {
        await promise;
    } catch (err) {
        expect(String(err)).to.match(pattern);
        return;
    }
    throw new Error(`expected a rejection matching ${pattern}`);
}

/** A request with exactly the headers given (axios always adds Accept and Content-Type). */
function rawRequest(
    emulator: JumpCloudEmulator,
    method: string,
    urlPath: string,
    headers: Record<string, string>,
    body?: string,
): Promise<{ status: number; body: { message?: string } | undefined }> {
    return new Promise((resolve, reject) => {
        const req = http.request(`${emulator.url}${urlPath}`, { method, headers, agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => {
                const text = Buffer.concat(chunks).toString("utf8");
                resolve({ status: res.statusCode ?? 0, body: text === "" ? undefined : JSON.parse(text) });
            });
        });
        req.on("error", reject);
        req.end(body);
    });
}

async function waitFor(condition: () => boolean, timeoutMs = 1000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error("condition not met in time");
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

// ---------------------------------------------------------------------------------------------
// Single-organization emulator
// ---------------------------------------------------------------------------------------------

describe("JumpCloudEmulator", () => {
    let emulator: JumpCloudEmulator;
    let client: AxiosInstance;

    beforeEach(async () => {
        emulator = await JumpCloudEmulator.start({ apiKey: API_KEY, organizations: [ORG_A] });
        client = api(emulator);
    });

    afterEach(async () => {
        await emulator.stop();
    });

    describe("start and stop", () => {
        it("listens on 127.0.0.1 and generates one 24-hex organization by default", async () => {
            const fresh = await JumpCloudEmulator.start({ apiKey: API_KEY });
            try {
                expect(fresh.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
                expect(fresh.organizations).to.have.length(1);
                expect(fresh.organizations[0]).to.match(OBJECT_ID_PATTERN);
            } finally {
                await fresh.stop();
            }
        });

        it("refuses a non-loopback host, a malformed org id and several orgs without multiTenant", async () => {
            await expectRejects(JumpCloudEmulator.start({ apiKey: API_KEY, host: "0.0.0.0" }), /loopback/);
            await expectRejects(JumpCloudEmulator.start({ apiKey: API_KEY, organizations: ["ABC"] }), /hex/);
            await expectRejects(
                JumpCloudEmulator.start({ apiKey: API_KEY, organizations: [ORG_A, ORG_B] }),
                /multiTenant/,
            );
            await expectRejects(JumpCloudEmulator.start({ apiKey: "" }), /apiKey/);
        });

        it("stop() returns promptly while a delayed reply is pending, dropping that connection", async () => {
            emulator.injectFault({ fault: { kind: "delay", ms: 30_000 } });
            const pending = transportError(client.get(PATHS.identityProviders));
            await waitFor(() => emulator.requests.length === 1);

            const started = Date.now();
            await emulator.stop();
            expect(Date.now() - started).to.be.below(1000);
            const err = await pending;
            expect(err.response).to.equal(undefined);
        });
    });

    describe("authentication and headers", () => {
        it("answers 401 with a message to a missing or wrong x-api-key, and applies nothing", async () => {
            const missing = await api(emulator, { apiKey: null }).post(PATHS.identityProviders, entra());
            const wrong = await api(emulator, { apiKey: "not-the-key" }).post(
                PATHS.identityProviders,
                entra(),
            );

            for (const reply of [missing, wrong]) {
                expect(reply.status).to.equal(401);
                expect(reply.data.message).to.be.a("string").and.not.equal("");
            }
            expect(emulator.identityProviders()).to.deep.equal([]);
            expect(emulator.requests.map((r) => r.apiKeyOk)).to.deep.equal([false, false]);
        });

        it("answers 401 to an unknown x-org-id, and accepts the known one or none", async () => {
            const unknown = await api(emulator, { orgId: ORG_B }).get(PATHS.identityProviders);
            const known = await api(emulator, { orgId: ORG_A }).get(PATHS.identityProviders);
            const omitted = await client.get(PATHS.identityProviders);

            expect(unknown.status).to.equal(401);
            expect(known.status).to.equal(200);
            expect(omitted.status).to.equal(200);
        });

        it("requires Accept to allow application/json", async () => {
            const none = await rawRequest(emulator, "GET", PATHS.identityProviders, {
                [HEADERS.apiKey]: API_KEY,
            });
            const html = await rawRequest(emulator, "GET", PATHS.identityProviders, {
                [HEADERS.apiKey]: API_KEY,
                [HEADERS.accept]: "text/html",
            });
            const json = await rawRequest(emulator, "GET", PATHS.identityProviders, {
                [HEADERS.apiKey]: API_KEY,
                [HEADERS.accept]: JSON_MEDIA_TYPE,
            });

            expect([none.status, html.status, json.status]).to.deep.equal([400, 400, 200]);
        });

        it("answers 400 to a POST without Content-Type: application/json, or with malformed JSON", async () => {
            const headers = { [HEADERS.apiKey]: API_KEY, [HEADERS.accept]: JSON_MEDIA_TYPE };
            const body = JSON.stringify(entra());
            const noType = await rawRequest(emulator, "POST", PATHS.identityProviders, headers, body);
            const textType = await rawRequest(
                emulator,
                "POST",
                PATHS.identityProviders,
                {
                    ...headers,
                    [HEADERS.contentType]: "text/plain",
                },
                body,
            );
            const malformed = await rawRequest(
                emulator,
                "POST",
                PATHS.identityProviders,
                {
                    ...headers,
                    [HEADERS.contentType]: JSON_MEDIA_TYPE,
                },
                '{"name": ',
            );

            expect([noType.status, textType.status, malformed.status]).to.deep.equal([400, 400, 400]);
            expect(noType.body?.message).to.contain("Content-Type");
            expect(malformed.body?.message).to.match(/JSON/);
            expect(emulator.identityProviders()).to.deep.equal([]);
        });

        it("answers 404 with a JSON message to an unknown path", async () => {
            const reply = await client.get("/api/v2/no-such-thing");
            expect(reply.status).to.equal(404);
            expect(reply.headers["content-type"]).to.match(/^application\/json/);
            expect(reply.data).to.include({ code: 404 }).and.to.have.property("message");
        });
    });

    describe("identity providers", () => {
        it("creates with 201, a 24-hex id and an empty clientSecret, while storing the real secret", async () => {
            const reply = await client.post<IdentityProviderRecord>(PATHS.identityProviders, entra());

            expect(reply.status).to.equal(201);
            expect(reply.data.id).to.match(OBJECT_ID_PATTERN);
            expect(reply.data).to.deep.equal({
                ...entra(),
                id: reply.data.id,
                oidc: { ...entra().oidc, clientSecret: "" },
            });
            const [stored] = emulator.identityProviders(ORG_A);
            expect(stored.oidc.clientSecret).to.equal("secret-1");
        });

        it("never returns the secret on reads, single or listed", async () => {
            const created = await client.post<IdentityProviderRecord>(PATHS.identityProviders, entra());
            const one = await client.get<IdentityProviderRecord>(PATHS.identityProvider(created.data.id));
            const list = await client.get<IdentityProviderList>(PATHS.identityProviders);

            expect(one.status).to.equal(200);
            expect(one.data.oidc).to.deep.equal({ ...entra().oidc, clientSecret: "" });
            expect(list.data.totalCount).to.equal(1);
            expect(list.data.identityProviders[0].oidc.clientSecret).to.equal("");
            expect(JSON.stringify([one.data, list.data])).not.to.contain("secret-1");
        });

        it("answers 409 with a message to a second create in the same organization", async () => {
            await client.post(PATHS.identityProviders, entra("1"));
            const second = await client.post(PATHS.identityProviders, entra("2"));

            expect(second.status).to.equal(409);
            expect(second.data.message).to.be.a("string").and.not.equal("");
            expect(emulator.identityProviders().map((idp) => idp.oidc.clientId)).to.deep.equal(["client-1"]);
        });

        it("answers 400 naming the field for each invalid body, storing nothing", async () => {
            const good = entra();
            const cases: [unknown, string][] = [
                [{ ...good, name: "" }, "name"],
                [{ ...good, type: "SAML" }, "type"],
                [{ name: good.name, type: good.type }, "oidc"],
                [{ ...good, oidc: { clientId: "c", clientSecret: "s" } }, "oidc.url"],
                [{ ...good, oidc: { ...good.oidc, clientSecret: 5 } }, "oidc.clientSecret"],
                [{ ...good, oidc: { ...good.oidc, clientId: "" } }, "oidc.clientId"],
                [{ ...good, id: "5f1a00000000000000000a0a" }, "id"],
                [[good], "body"],
            ];
            for (const [body, field] of cases) {
                const reply = await client.post(PATHS.identityProviders, body);
                expect(reply.status, JSON.stringify(body)).to.equal(400);
                expect(reply.data.message, JSON.stringify(body)).to.contain(field);
            }
            expect(emulator.identityProviders()).to.deep.equal([]);
        });

        it("replaces with PUT (whole object only) and 404s a PUT of an absent one", async () => {
            const created = await client.post<IdentityProviderRecord>(PATHS.identityProviders, entra("1"));
            const idPath = PATHS.identityProvider(created.data.id);

            const replaced = await client.put<IdentityProviderRecord>(idPath, entra("2"));
            expect(replaced.status).to.equal(200);
            expect(replaced.data).to.include({ id: created.data.id, name: "Entra ID 2" });
            expect(replaced.data.oidc.clientSecret).to.equal("");
            expect(emulator.identityProviders()[0].oidc.clientSecret).to.equal("secret-2");

            const partial = await client.put(idPath, { name: "only a name" });
            expect(partial.status).to.equal(400);
            expect(emulator.identityProviders()[0].name).to.equal("Entra ID 2");

            const absent = await client.put(PATHS.identityProvider("0123456789abcdef01234567"), entra());
            expect(absent.status).to.equal(404);
        });

        it("deletes with 204, after which read and delete answer 404", async () => {
            const created = await client.post<IdentityProviderRecord>(PATHS.identityProviders, entra());
            const idPath = PATHS.identityProvider(created.data.id);

            expect((await client.delete(idPath)).status).to.equal(204);
            expect((await client.get(idPath)).status).to.equal(404);
            expect((await client.delete(idPath)).status).to.equal(404);
            expect(emulator.identityProviders()).to.deep.equal([]);
        });

        it("answers 404 to PATCH and leaves the object unchanged", async () => {
            const created = await client.post<IdentityProviderRecord>(PATHS.identityProviders, entra());
            const reply = await client.patch(PATHS.identityProvider(created.data.id), { name: "patched" });

            expect(reply.status).to.equal(404);
            expect(emulator.identityProviders()[0].name).to.equal("Entra ID 1");
        });

        it("pages the list with limit 1..100 and skip, refusing anything else with 400", async () => {
            await client.post(PATHS.identityProviders, entra());
            const list = (query: string) =>
                client.get<IdentityProviderList>(`${PATHS.identityProviders}?${query}`);

            expect((await list("limit=101")).status).to.equal(400);
            expect((await list("limit=0")).status).to.equal(400);
            expect((await list("limit=ten")).status).to.equal(400);
            expect((await list("skip=-1")).status).to.equal(400);
            const full = await list("limit=100&skip=0");
            expect(full.status).to.equal(200);
            expect(full.data.identityProviders).to.have.length(1);
            const skipped = await list("limit=100&skip=1");
            expect(skipped.data).to.deep.equal({ identityProviders: [], totalCount: 1 });
        });

        it("shows hand edits and hand deletions made through the test helpers", async () => {
            const seeded = emulator.seedIdentityProvider(ORG_A, entra("seed"));
            expect((await client.post(PATHS.identityProviders, entra())).status).to.equal(409);

            emulator.editIdentityProvider(seeded.id, { name: "Renamed by hand", clientSecret: "rotated" });
            const read = await client.get<IdentityProviderRecord>(PATHS.identityProvider(seeded.id));
            expect(read.data.name).to.equal("Renamed by hand");
            expect(read.data.oidc.clientSecret).to.equal("");
            expect(emulator.identityProviders()[0].oidc.clientSecret).to.equal("rotated");

            emulator.removeIdentityProvider(seeded.id);
            expect((await client.get(PATHS.identityProvider(seeded.id))).status).to.equal(404);
        });
    });

    describe("fault injection", () => {
        it("replies 429 with Retry-After when given, applies nothing, and is consumed once", async () => {
            emulator.injectFault({
                method: "POST",
                path: PATHS.identityProviders,
                fault: { kind: "status", status: 429, retryAfter: "7" },
            });

            const limited = await client.post(PATHS.identityProviders, entra());
            expect(limited.status).to.equal(429);
            expect(limited.headers["retry-after"]).to.equal("7");
            expect(limited.data.message).to.be.a("string").and.not.equal("");
            expect(emulator.identityProviders()).to.deep.equal([]);

            const retried = await client.post(PATHS.identityProviders, entra());
            expect(retried.status).to.equal(201);
        });

        it("replies without Retry-After when none is given, `times` times", async () => {
            emulator.injectFault({
                fault: { kind: "status", status: 503, message: "maintenance" },
                times: 2,
            });

            const first = await client.get(PATHS.identityProviders);
            const second = await client.get(PATHS.identityProviders);
            const third = await client.get(PATHS.identityProviders);

            expect([first.status, second.status, third.status]).to.deep.equal([503, 503, 200]);
            expect(first.headers).not.to.have.property("retry-after");
            expect(first.data.message).to.equal("maintenance");
        });

        it("matches rules by method and path (string or RegExp), in order", async () => {
            emulator.injectFault({
                method: "post",
                path: PATHS.identityProviders,
                fault: { kind: "status", status: 500 },
            });
            emulator.injectFault({ path: /^\/api\/v2\/usergroups/, fault: { kind: "status", status: 502 } });
            emulator.injectFault({ fault: { kind: "status", status: 504 } });

            expect((await client.get(PATHS.userGroups)).status).to.equal(502);
            expect((await client.post(PATHS.identityProviders, entra())).status).to.equal(500);
            expect((await client.get(PATHS.identityProviders)).status).to.equal(504);
            expect((await client.get(PATHS.identityProviders)).status).to.equal(200);
        });

        it("applies faults before authentication, as a gateway rate-limits first", async () => {
            emulator.injectFault({ fault: { kind: "status", status: 429 } });
            const reply = await api(emulator, { apiKey: "wrong" }).get(PATHS.identityProviders);

            expect(reply.status).to.equal(429);
            expect(emulator.requests[0]).to.include({ apiKeyOk: false, status: 429 });
        });

        it("reset drops the connection with ECONNRESET and applies nothing", async () => {
            emulator.injectFault({ method: "POST", fault: { kind: "reset" } });

            const err = await transportError(client.post(PATHS.identityProviders, entra()));
            expect(err.code).to.equal("ECONNRESET");
            expect(err.response).to.equal(undefined);
            expect(emulator.identityProviders()).to.deep.equal([]);
            expect(emulator.requests[0].status).to.equal("reset");
        });

        it("lostReply applies the request, then drops the connection without a reply", async () => {
            emulator.injectFault({ method: "POST", fault: { kind: "lostReply" } });

            const err = await transportError(client.post(PATHS.identityProviders, entra()));
            expect(err.response).to.equal(undefined);
            expect(err.code).to.equal("ECONNRESET");
            expect(emulator.identityProviders()).to.have.length(1);
            expect(emulator.requests[0].status).to.equal("lostReply");

            // The realistic consequence a client must handle: its retry of the create conflicts.
            expect((await client.post(PATHS.identityProviders, entra())).status).to.equal(409);
        });

        it("delay applies normally and replies after the given time", async () => {
            emulator.injectFault({ fault: { kind: "delay", ms: 200 } });

            const started = Date.now();
            const reply = await client.post(PATHS.identityProviders, entra());
            expect(Date.now() - started).to.be.at.least(195);
            expect(reply.status).to.equal(201);
        });

        it("delay beyond the client timeout fails the client, yet the request was applied", async () => {
            emulator.injectFault({ fault: { kind: "delay", ms: 1500 } });

            const err = await transportError(
                api(emulator, { timeout: 100 }).post(PATHS.identityProviders, entra()),
            );
            expect(err.code).to.be.oneOf(["ECONNABORTED", "ETIMEDOUT"]);
            expect(emulator.identityProviders()).to.have.length(1);
        });

        it("clearFaults drops the rules not yet used", async () => {
            emulator.injectFault({ fault: { kind: "reset" }, times: Infinity });
            emulator.clearFaults();
            expect((await client.get(PATHS.identityProviders)).status).to.equal(200);
        });

        it("refuses a rule it cannot honour", () => {
            expect(() => emulator.injectFault({ fault: { kind: "status", status: 418 as 500 } })).to.throw(
                /status/,
            );
            expect(() => emulator.injectFault({ fault: { kind: "reset" }, times: 0 })).to.throw(/times/);
            expect(() => emulator.injectFault({ fault: { kind: "delay", ms: -1 } })).to.throw(/delay/);
        });
    });

    describe("request recording", () => {
        it("records every request with its query, body and status, the API key redacted", async () => {
            emulator.injectFault({ method: "DELETE", fault: { kind: "reset" } });
            await client.post(PATHS.identityProviders, entra());
            await client.get(PATHS.identityProviders, { params: QUERIES.listPage(0) });
            await transportError(client.delete(PATHS.identityProvider("0123456789abcdef01234567")));

            const recorded = emulator.requests;
            expect(recorded.map((r) => [r.method, r.path, r.status])).to.deep.equal([
                ["POST", PATHS.identityProviders, 201],
                ["GET", PATHS.identityProviders, 200],
                ["DELETE", PATHS.identityProvider("0123456789abcdef01234567"), "reset"],
            ]);
            expect(recorded[0].body).to.deep.equal(entra());
            expect(recorded[1].query).to.deep.equal({ limit: "100", skip: "0" });
            expect(recorded[1].headers[HEADERS.apiKey]).to.equal("<redacted>");
            expect(recorded.every((r) => r.apiKeyOk)).to.equal(true);
            expect(JSON.stringify(recorded)).not.to.contain(API_KEY);
        });

        it("resetRequests empties the log, and the log is a copy callers cannot alter", async () => {
            await client.get(PATHS.identityProviders);
            emulator.requests.pop();
            expect(emulator.requests).to.have.length(1);

            emulator.resetRequests();
            expect(emulator.requests).to.deep.equal([]);
        });
    });

    describe("routing policy associations", () => {
        let policyId: string;
        let group: UserGroup;
        let user: { _id: string; email: string };
        const associations = (target: "user_group" | "user") =>
            client.get<PolicyAssociation[]>(PATHS.routingPolicyAssociations(policyId), {
                params: QUERIES.associationTargets(target),
            });

        beforeEach(() => {
            policyId = emulator.seedRoutingPolicy(ORG_A);
            group = emulator.seedUserGroup(ORG_A, "Entra users");
            user = emulator.seedUser(ORG_A, "ada@example.com");
        });

        it("binds and unbinds groups and users with 204, listing each target type separately", async () => {
            const post = (body: object) => client.post(PATHS.routingPolicyAssociations(policyId), body);

            expect((await post({ op: "add", type: "user_group", id: group.id })).status).to.equal(204);
            expect((await post({ op: "add", type: "user", id: user._id })).status).to.equal(204);
            expect((await associations("user_group")).data).to.deep.equal([
                { to: { id: group.id, type: "user_group" } },
            ]);
            expect((await associations("user")).data).to.deep.equal([{ to: { id: user._id, type: "user" } }]);
            expect(emulator.policyAssociations(policyId)).to.have.length(2);

            expect((await post({ op: "remove", type: "user_group", id: group.id })).status).to.equal(204);
            expect((await associations("user_group")).data).to.deep.equal([]);
            expect(emulator.policyAssociations(policyId)).to.deep.equal([
                { to: { id: user._id, type: "user" } },
            ]);
        });

        it("is not idempotent: a duplicate add answers 409, removing an absent binding 404", async () => {
            const post = (op: string) =>
                client.post(PATHS.routingPolicyAssociations(policyId), {
                    op,
                    type: "user_group",
                    id: group.id,
                });

            expect((await post("add")).status).to.equal(204);
            expect((await post("add")).status).to.equal(409);
            expect((await post("remove")).status).to.equal(204);
            expect((await post("remove")).status).to.equal(404);
        });

        it("answers 400 to a missing or unknown targets and to a bad body", async () => {
            const listPath = PATHS.routingPolicyAssociations(policyId);
            expect((await client.get(listPath)).status).to.equal(400);
            expect((await client.get(listPath, { params: { targets: "system" } })).status).to.equal(400);

            const bad = [
                { op: "replace", type: "user_group", id: group.id },
                { op: "add", type: "system", id: group.id },
                { op: "add", type: "user_group", id: "not-an-id" },
                { op: "add", type: "user_group" },
                { op: "add", type: "user_group", id: group.id, extra: true },
            ];
            for (const body of bad) {
                expect((await client.post(listPath, body)).status, JSON.stringify(body)).to.equal(400);
            }
            expect(emulator.policyAssociations(policyId)).to.deep.equal([]);
        });

        it("answers 404 for an unknown policy or an unknown group or user", async () => {
            const unknownId = "0123456789abcdef01234567";
            const unknownPolicy = PATHS.routingPolicyAssociations(unknownId);

            expect((await client.get(unknownPolicy, { params: { targets: "user_group" } })).status).to.equal(
                404,
            );
            const postUnknownPolicy = { op: "add", type: "user_group", id: group.id };
            expect((await client.post(unknownPolicy, postUnknownPolicy)).status).to.equal(404);
            const listPath = PATHS.routingPolicyAssociations(policyId);
            expect(
                (await client.post(listPath, { op: "add", type: "user_group", id: unknownId })).status,
            ).to.equal(404);
            expect((await client.post(listPath, { op: "add", type: "user", id: group.id })).status).to.equal(
                404,
            );
        });

        it("serves no group-side route for routing policies (inferred only: the published spec has none)", async () => {
            const groupSide = `${PATHS.userGroups}/${group.id}/associations`;
            const reply = await client.post(groupSide, {
                op: "add",
                type: "idp_routing_policy",
                id: policyId,
            });

            expect(reply.status).to.equal(404);
            expect((await associations("user_group")).data).to.deep.equal([]);
        });
    });

    describe("user and group look-ups", () => {
        it("finds a system user by exact email only", async () => {
            const ada = emulator.seedUser(ORG_A, "ada@example.com");
            emulator.seedUser(ORG_A, "ada@example.com.au");
            const find = (email: string) =>
                client.get<SystemUserList>(PATHS.systemUsers, { params: QUERIES.systemUserByEmail(email) });

            expect((await find("ada@example.com")).data).to.deep.equal({ totalCount: 1, results: [ada] });
            expect((await find("ADA@example.com")).data).to.deep.equal({ totalCount: 0, results: [] });
            expect((await find("ada@example")).data.totalCount).to.equal(0);
        });

        it("finds a user group by case-sensitive exact name, as a bare array", async () => {
            const engineering = emulator.seedUserGroup(ORG_A, "Engineering");
            emulator.seedUserGroup(ORG_A, "engineering");
            emulator.seedUserGroup(ORG_A, "Engineering Leads");
            const find = (name: string) =>
                client.get<UserGroup[]>(PATHS.userGroups, { params: QUERIES.userGroupByName(name) });

            expect((await find("Engineering")).data).to.deep.equal([engineering]);
            expect((await find("ENGINEERING")).data).to.deep.equal([]);
        });

        it("lists every group without a filter, 10 by default, paged by limit and skip", async () => {
            const names = Array.from({ length: 12 }, (_, i) => `group-${String(i).padStart(2, "0")}`);
            names.forEach((name) => emulator.seedUserGroup(ORG_A, name));

            const firstPage = await client.get<UserGroup[]>(PATHS.userGroups);
            expect(firstPage.data.map((g) => g.name)).to.deep.equal(names.slice(0, 10));
            const lastPage = await client.get<UserGroup[]>(PATHS.userGroups, {
                params: { limit: 5, skip: 10 },
            });
            expect(lastPage.data.map((g) => g.name)).to.deep.equal(names.slice(10));
            expect((await client.get(PATHS.userGroups, { params: { limit: 101 } })).status).to.equal(400);
        });

        it("answers 400 to a filter it does not implement rather than ignoring it", async () => {
            const search = await client.get(PATHS.userGroups, { params: { filter: "name:search:Eng" } });
            const byUsername = await client.get(PATHS.systemUsers, {
                params: { filter: "username:$eq:ada" },
            });

            expect([search.status, byUsername.status]).to.deep.equal([400, 400]);
        });
    });
});

// ---------------------------------------------------------------------------------------------
// Multi-tenant (MSP) emulator
// ---------------------------------------------------------------------------------------------

describe("JumpCloudEmulator, multi-tenant", () => {
    let emulator: JumpCloudEmulator;

    beforeEach(async () => {
        emulator = await JumpCloudEmulator.start({
            apiKey: API_KEY,
            organizations: [ORG_A, ORG_B],
            multiTenant: true,
        });
    });

    afterEach(async () => {
        await emulator.stop();
    });

    it("answers 401 'no organization selected' without x-org-id, and 401 to an unknown one", async () => {
        const none = await api(emulator).get(PATHS.identityProviders);
        const unknown = await api(emulator, { orgId: "0123456789abcdef01234567" }).get(
            PATHS.identityProviders,
        );
        const known = await api(emulator, { orgId: ORG_B }).get(PATHS.identityProviders);

        expect(none.status).to.equal(401);
        expect(none.data.message).to.equal("no organization selected");
        expect(unknown.status).to.equal(401);
        expect(known.status).to.equal(200);
    });

    it("keeps identity providers per organization: one each, invisible across orgs", async () => {
        const inA = await api(emulator, { orgId: ORG_A }).post<IdentityProviderRecord>(
            PATHS.identityProviders,
            entra("a"),
        );
        const inB = await api(emulator, { orgId: ORG_B }).post(PATHS.identityProviders, entra("b"));
        const fromB = await api(emulator, { orgId: ORG_B }).get(PATHS.identityProvider(inA.data.id));
        const deleteFromB = await api(emulator, { orgId: ORG_B }).delete(PATHS.identityProvider(inA.data.id));

        expect([inA.status, inB.status]).to.deep.equal([201, 201]);
        expect([fromB.status, deleteFromB.status]).to.deep.equal([404, 404]);
        expect(emulator.identityProviders(ORG_A).map((idp) => idp.id)).to.deep.equal([inA.data.id]);
        expect(emulator.requests[0].orgId).to.equal(ORG_A);
    });

    it("keeps routing policies and their targets per organization", async () => {
        const policyInA = emulator.seedRoutingPolicy(ORG_A);
        const groupInB = emulator.seedUserGroup(ORG_B, "Entra users");
        const groupInA = emulator.seedUserGroup(ORG_A, "Entra users");
        const inA = api(emulator, { orgId: ORG_A });
        const inB = api(emulator, { orgId: ORG_B });
        const path = PATHS.routingPolicyAssociations(policyInA);

        expect((await inB.get(path, { params: { targets: "user_group" } })).status).to.equal(404);
        expect((await inA.post(path, { op: "add", type: "user_group", id: groupInB.id })).status).to.equal(
            404,
        );
        expect((await inA.post(path, { op: "add", type: "user_group", id: groupInA.id })).status).to.equal(
            204,
        );
        const groups = await inB.get<UserGroup[]>(PATHS.userGroups);
        expect(groups.data).to.deep.equal([groupInB]);
    });
});

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

describe("JumpCloud emulator CLI", function () {
    this.timeout(15_000);

    /** The compiled CLI next to this compiled test, or the TypeScript source when run through ts-node. */
    function cliArgs(): string[] {
        const compiled = path.join(__dirname, "..", "emulator", "cli.js");
        if (fs.existsSync(compiled)) return [compiled];
        return ["-r", "ts-node/register/transpile-only", path.join(__dirname, "..", "emulator", "cli.ts")];
    }

    function run(args: string[], env: NodeJS.ProcessEnv) {
        const child = spawn(process.execPath, [...cliArgs(), ...args], {
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        const output = { stdout: "", stderr: "" };
        child.stdout.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
        return { child, output, exited };
    }

    it("serves on the printed URL without printing the key, and exits 0 on SIGTERM", async () => {
        const env = { ...process.env, JUMPCLOUD_API_KEY: API_KEY };
        const { child, output, exited } = run(["--port", "0", "--orgs", ORG_A], env);
        try {
            await waitFor(() => output.stdout.includes("\n"), 10_000);
            const match =
                /^JumpCloud emulator listening on (http:\/\/127\.0\.0\.1:\d+) \(orgs: ([0-9a-f]{24})\)\n$/.exec(
                    output.stdout,
                );
            expect(match, output.stdout).to.not.equal(null);
            expect(match?.[2]).to.equal(ORG_A);

            const reply = await axios.get(`${match?.[1]}${PATHS.identityProviders}`, {
                headers: { [HEADERS.apiKey]: API_KEY, [HEADERS.accept]: JSON_MEDIA_TYPE },
            });
            expect(reply.data).to.deep.equal({ identityProviders: [], totalCount: 0 });
        } finally {
            child.kill("SIGTERM");
        }
        expect(await exited).to.equal(0);
        expect(output.stdout + output.stderr).not.to.contain(API_KEY);
    });

    it("refuses to start without an API key, saying why", async () => {
        const env = { ...process.env };
        delete env.JUMPCLOUD_API_KEY;
        const { output, exited } = run([], env);

        expect(await exited).to.equal(1);
        expect(output.stderr).to.contain("JUMPCLOUD_API_KEY");
        expect(output.stdout).to.equal("");
    });
});
