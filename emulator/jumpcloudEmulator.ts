/**
 * A local JumpCloud API emulator: a real HTTP server on the loopback interface that implements
 * the project's API reference (docs/jumpcloud-api.md), no more leniently than it says, plus fault
 * injection and a request log for tests.
 *
 * Every path, header name, query shape and body type comes from `providers/jumpcloudApi.ts`, so
 * a correction to the reference lands in that one module and the emulator follows it. Choices
 * the reference leaves open are marked [I] below and listed in `emulator/README.md`.
 */
import * as http from "node:http";
import * as net from "node:net";
import { randomBytes, timingSafeEqual } from "node:crypto";
import {
    AssociationOp,
    AssociationTarget,
    ErrorBody,
    HEADERS,
    IDENTITY_PROVIDER_TYPES,
    IdentityProviderBody,
    IdentityProviderList,
    IdentityProviderRecord,
    JSON_MEDIA_TYPE,
    MAX_PAGE_SIZE,
    OBJECT_ID_PATTERN,
    PATHS,
    PolicyAssociation,
    PolicyAssociationBody,
    QUERIES,
    SystemUserList,
    UserGroup,
} from "../providers/jumpcloudApi";
import {
    appliesRequest,
    checkReplyFault,
    isReplyFault,
    sendFaultyReply,
    type ReplyFault,
} from "./replyFaults";

export type { ReplyFault } from "./replyFaults";
export type {
    IdentityProviderBody,
    IdentityProviderRecord,
    PolicyAssociation,
    PolicyAssociationBody,
    UserGroup,
};

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface EmulatorOptions {
    /** The only accepted `x-api-key`; anything else gets 401. */
    apiKey: string;
    /** Organization ids (24 lowercase hex). Defaults to one generated organization. */
    organizations?: string[];
    /**
     * true: every call must name one of `organizations` in `x-org-id`, else 401 "no organization
     * selected". false (default): `x-org-id` is optional, but when sent it must be a known org.
     * A single-org admin has exactly one organization, so false allows only one.
     */
    multiTenant?: boolean;
    /** Defaults to 0: a free port. */
    port?: number;
    /** Defaults to 127.0.0.1. Only loopback addresses are accepted. */
    host?: string;
}

export type FaultStatus = 429 | 500 | 502 | 503 | 504;

export type Fault =
    /** Reply with `status` and a JSON error body; `Retry-After` only when `retryAfter` is given. Not applied. */
    | { kind: "status"; status: FaultStatus; retryAfter?: string; message?: string }
    /** Drop the connection with a TCP reset and no reply. Not applied. */
    | { kind: "reset" }
    /** Apply normally, reply after `ms`. `stop()` does not wait for it. */
    | { kind: "delay"; ms: number }
    /** Apply normally, then drop the connection without replying. */
    | { kind: "lostReply" }
    /** Faults in the reply itself (slow or oversize body, raw replies, echoing errors, redirects): see replyFaults.ts. */
    | ReplyFault;

export interface FaultRule {
    /** Case-insensitive; omitted matches every method. */
    method?: string;
    /** A string must equal the request path (no query string); a RegExp is tested against it. */
    path?: string | RegExp;
    /** How many matching requests this rule fires for. Default 1; `Infinity` for always. */
    times?: number;
    fault: Fault;
}

export interface RecordedRequest {
    method: string;
    /** The path without the query string. */
    path: string;
    query: Record<string, string>;
    /** The `x-org-id` header as sent (absent when not sent). */
    orgId?: string;
    apiKeyOk: boolean;
    /** Lower-case header names; the `x-api-key` value is replaced by "<redacted>". */
    headers: Record<string, string | undefined>;
    /** Parsed JSON when the body parses, else the raw text; absent when the body is empty. */
    body?: unknown;
    status: number | "reset" | "lostReply";
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** [I] JumpCloud's API reference gives 10 as the page size when `limit` is absent. */
const DEFAULT_PAGE_SIZE = 10;
/** Bodies in this API are tiny; a cap keeps a runaway client from filling memory. */
const MAX_BODY_BYTES = 1024 * 1024;
const REDACTED = "<redacted>";
const FAULT_STATUSES: readonly number[] = [429, 500, 502, 503, 504];
const ASSOCIATION_OPS: readonly AssociationOp[] = ["add", "remove"];
const ASSOCIATION_TARGETS: readonly AssociationTarget[] = ["user_group", "user"];

/** The filter prefixes come from the client's own query builders, so both sides agree. */
const USER_EMAIL_FILTER_PREFIX = QUERIES.systemUserByEmail("").filter;
const GROUP_NAME_FILTER_PREFIX = QUERIES.userGroupByName("").filter;

// ---------------------------------------------------------------------------------------------
// Errors and replies
// ---------------------------------------------------------------------------------------------

/** A failure that becomes an HTTP error reply. Handlers throw it; the dispatcher turns it into JSON. */
class ApiError extends Error {
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
    }
}

const badRequest = (message: string) => new ApiError(400, message);
const notFound = (message = "Not Found") => new ApiError(404, message);

interface Reply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

/** [D] The spec's `Error` schema: `{code, message, status}`. */
function errorReply(status: number, message: string, headers?: Record<string, string>): Reply {
    const body: ErrorBody = { code: status, message, status: http.STATUS_CODES[status] ?? "Error" };
    return { status, body, headers };
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

interface Binding {
    type: AssociationTarget;
    id: string;
}

interface OrgState {
    /** At most one entry: [D] one identity provider per organization. Holds the real secret. */
    identityProviders: Map<string, IdentityProviderRecord>;
    users: Map<string, { _id: string; email: string }>;
    groups: Map<string, UserGroup>;
    /** Routing policy id -> its bound targets, in binding order. */
    policies: Map<string, Binding[]>;
    /** User group id -> its members' user ids. */
    groupMembers: Map<string, string[]>;
}

interface ActiveFaultRule {
    method?: string;
    path?: string | RegExp;
    remaining: number;
    fault: Fault;
}

/** What the dispatcher knows about one request once its body is read. */
interface Incoming {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: http.IncomingHttpHeaders;
    rawBody: Buffer;
    bodyTooLarge: boolean;
    apiKeyOk: boolean;
}

/** A request that passed authentication, scoped to one organization. */
interface Scoped extends Incoming {
    org: OrgState;
}

type Handler = (req: Scoped, params: string[]) => Reply;

interface Route {
    pattern: RegExp;
    methods: Record<string, Handler>;
}

// ---------------------------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------------------------

export class JumpCloudEmulator {
    private readonly orgs = new Map<string, OrgState>();
    private readonly usedIds = new Set<string>();
    private readonly faultRules: ActiveFaultRule[] = [];
    private readonly log: RecordedRequest[] = [];
    private readonly sockets = new Set<net.Socket>();
    private readonly delayedReplies = new Set<NodeJS.Timeout>();
    private readonly routes: Route[];
    private stopping?: Promise<void>;
    private baseUrl = "";

    private constructor(
        private readonly server: http.Server,
        private readonly apiKey: string,
        private readonly multiTenant: boolean,
        organizations: string[],
    ) {
        for (const orgId of organizations) {
            this.usedIds.add(orgId);
            this.orgs.set(orgId, {
                identityProviders: new Map(),
                users: new Map(),
                groups: new Map(),
                policies: new Map(),
                groupMembers: new Map(),
            });
        }
        this.routes = this.buildRoutes();
    }

    /** Starts a server on the loopback interface and resolves once it is listening. */
    static async start(opts: EmulatorOptions): Promise<JumpCloudEmulator> {
        if (typeof opts.apiKey !== "string" || opts.apiKey === "") {
            throw new Error("JumpCloudEmulator: apiKey must be a non-empty string");
        }
        const host = loopbackHost(opts.host ?? "127.0.0.1");
        const port = opts.port ?? 0;
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
            throw new Error(`JumpCloudEmulator: port must be an integer in 0..65535, got ${port}`);
        }
        const multiTenant = opts.multiTenant ?? false;
        const organizations = checkOrganizations(opts.organizations ?? [newObjectId()], multiTenant);

        const server = http.createServer();
        const emulator = new JumpCloudEmulator(server, opts.apiKey, multiTenant, organizations);
        server.on("connection", (socket) => emulator.trackSocket(socket));
        server.on("request", (req, res) => void emulator.onRequest(req, res));
        await listen(server, port, host);
        const address = server.address() as net.AddressInfo;
        emulator.baseUrl = `http://${net.isIPv6(address.address) ? `[${address.address}]` : address.address}:${address.port}`;
        return emulator;
    }

    /** "http://127.0.0.1:<port>" */
    get url(): string {
        return this.baseUrl;
    }

    get organizations(): string[] {
        return [...this.orgs.keys()];
    }

    /** Every HTTP request received since start (or the last `resetRequests`), faulted ones too. */
    get requests(): RecordedRequest[] {
        return structuredClone(this.log);
    }

    resetRequests(): void {
        this.log.length = 0;
    }

    /**
     * Closes the server and every open socket at once (idle keep-alive ones and ones waiting on a
     * delayed reply), so a test run never hangs on a lingering connection. Safe to call twice.
     */
    stop(): Promise<void> {
        this.stopping ??= new Promise<void>((resolve) => {
            for (const timer of this.delayedReplies) clearTimeout(timer);
            this.delayedReplies.clear();
            this.server.close(() => resolve());
            for (const socket of this.sockets) socket.destroy();
        });
        return this.stopping;
    }

    // ----- fault injection -------------------------------------------------------------------

    /** Adds a rule after the existing ones. Rules are matched in order; each fires `times` times. */
    injectFault(rule: FaultRule): void {
        checkFault(rule.fault);
        const times = rule.times ?? 1;
        if (!(times === Infinity || (Number.isInteger(times) && times > 0))) {
            throw new Error(`JumpCloudEmulator: times must be a positive integer or Infinity, got ${times}`);
        }
        this.faultRules.push({
            method: rule.method?.toUpperCase(),
            path: rule.path,
            remaining: times,
            fault: { ...rule.fault },
        });
    }

    clearFaults(): void {
        this.faultRules.length = 0;
    }

    // ----- state inspection and hand edits ---------------------------------------------------

    /** The stored identity providers, real `clientSecret` included (deep copies). All orgs when omitted. */
    identityProviders(orgId?: string): IdentityProviderRecord[] {
        const orgs = orgId === undefined ? [...this.orgs.values()] : [this.orgState(orgId)];
        return orgs.flatMap((org) => [...org.identityProviders.values()]).map((idp) => structuredClone(idp));
    }

    /** Creates an identity provider as if made in the Admin Portal. Same rules as the API's create. */
    seedIdentityProvider(orgId: string, body: IdentityProviderBody): IdentityProviderRecord {
        const org = this.orgState(orgId);
        const valid = validateIdentityProviderBody(body);
        if (org.identityProviders.size > 0) {
            throw new Error(`JumpCloudEmulator: organization ${orgId} already has an identity provider`);
        }
        const record: IdentityProviderRecord = { id: this.newId(), ...valid };
        org.identityProviders.set(record.id, record);
        return structuredClone(record);
    }

    /** Changes fields of a stored identity provider, as a hand edit in the Admin Portal would. */
    editIdentityProvider(
        id: string,
        patch: { name?: string; clientId?: string; url?: string; clientSecret?: string },
    ): void {
        const { org, record } = this.findIdentityProvider(id);
        const edited = validateIdentityProviderBody({
            name: patch.name ?? record.name,
            type: record.type,
            oidc: {
                clientId: patch.clientId ?? record.oidc.clientId,
                clientSecret: patch.clientSecret ?? record.oidc.clientSecret,
                url: patch.url ?? record.oidc.url,
            },
        });
        org.identityProviders.set(id, { id, ...edited });
    }

    /** Deletes a stored identity provider, as a hand deletion in the Admin Portal would. */
    removeIdentityProvider(id: string): void {
        const { org } = this.findIdentityProvider(id);
        org.identityProviders.delete(id);
    }

    seedUser(orgId: string, email: string): { _id: string; email: string } {
        const org = this.orgState(orgId);
        if (typeof email !== "string" || email === "")
            throw new Error("JumpCloudEmulator: email must be non-empty");
        if ([...org.users.values()].some((u) => u.email === email)) {
            throw new Error(`JumpCloudEmulator: user ${email} already exists in organization ${orgId}`);
        }
        const user = { _id: this.newId(), email };
        org.users.set(user._id, user);
        return { ...user };
    }

    seedUserGroup(orgId: string, name: string): UserGroup {
        const org = this.orgState(orgId);
        if (typeof name !== "string" || name === "")
            throw new Error("JumpCloudEmulator: name must be non-empty");
        if ([...org.groups.values()].some((g) => g.name === name)) {
            throw new Error(`JumpCloudEmulator: user group ${name} already exists in organization ${orgId}`);
        }
        const group: UserGroup = { id: this.newId(), name, type: "user_group" };
        org.groups.set(group.id, group);
        return { ...group };
    }

    /** Adds a user to a user group (Admin Portal > USER GROUPS > the group > Users). */
    seedGroupMember(orgId: string, groupId: string, userId: string): void {
        const org = this.orgState(orgId);
        if (!org.groups.has(groupId)) throw new Error(`JumpCloudEmulator: no user group ${groupId}`);
        if (!org.users.has(userId)) throw new Error(`JumpCloudEmulator: no user ${userId}`);
        const members = org.groupMembers.get(groupId) ?? [];
        if (!members.includes(userId)) members.push(userId);
        org.groupMembers.set(groupId, members);
    }

    /** Removes a binding by hand, as an administrator does in the Admin Portal. */
    unbindFromPolicy(policyId: string, targetId: string): void {
        for (const org of this.orgs.values()) {
            const bindings = org.policies.get(policyId);
            if (!bindings) continue;
            const at = bindings.findIndex((b) => b.id === targetId);
            if (at >= 0) bindings.splice(at, 1);
            return;
        }
        throw new Error(`JumpCloudEmulator: no routing policy ${policyId}`);
    }

    /** Creates a routing policy (the sheet has no API for that: it is made in the Admin Portal). */
    seedRoutingPolicy(orgId: string): string {
        const id = this.newId();
        this.orgState(orgId).policies.set(id, []);
        return id;
    }

    /** Every binding of a routing policy, users and groups alike, in the API's `{to: {id, type}}` shape. */
    policyAssociations(policyId: string): PolicyAssociation[] {
        for (const org of this.orgs.values()) {
            const bindings = org.policies.get(policyId);
            if (bindings) return bindings.map(toAssociation);
        }
        throw new Error(`JumpCloudEmulator: no routing policy ${policyId}`);
    }

    // ----- request pipeline ------------------------------------------------------------------

    private trackSocket(socket: net.Socket): void {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
    }

    /**
     * Faults come first, as a gateway rate-limits before it authenticates; every request is
     * recorded, whatever happens to it.
     */
    private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        let body: { raw: Buffer; tooLarge: boolean };
        try {
            body = await readBody(req);
        } catch {
            return; // the client went away mid-body: nothing to answer
        }
        const url = new URL(req.url ?? "/", "http://emulator.invalid");
        const incoming: Incoming = {
            method: (req.method ?? "GET").toUpperCase(),
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            rawBody: body.raw,
            bodyTooLarge: body.tooLarge,
            apiKeyOk: sameSecret(headerValue(req.headers, HEADERS.apiKey), this.apiKey),
        };

        const fault = this.takeFault(incoming.method, incoming.path);
        if (fault && isReplyFault(fault)) {
            const reply = appliesRequest(fault) ? this.dispatch(incoming) : undefined;
            const status = sendFaultyReply(res, fault, {
                ...(reply ? { reply } : {}),
                rawBody: incoming.rawBody,
                headers: incoming.headers,
                timers: this.delayedReplies,
            });
            this.record(incoming, status);
            return;
        }
        if (fault?.kind === "reset") {
            this.record(incoming, "reset");
            resetSocket(req.socket);
            return;
        }
        const reply = fault?.kind === "status" ? faultReply(fault) : this.dispatch(incoming);
        if (fault?.kind === "lostReply") {
            this.record(incoming, "lostReply");
            req.socket.destroy();
            return;
        }
        this.record(incoming, reply.status);
        if (fault?.kind === "delay") {
            this.replyLater(res, reply, fault.ms);
        } else {
            send(res, reply);
        }
    }

    /** Finds the first live rule matching the request and consumes one use of it. */
    private takeFault(method: string, path: string): Fault | undefined {
        const index = this.faultRules.findIndex((rule) => ruleMatches(rule, method, path));
        if (index < 0) return undefined;
        const rule = this.faultRules[index];
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.faultRules.splice(index, 1);
        return rule.fault;
    }

    private replyLater(res: http.ServerResponse, reply: Reply, ms: number): void {
        const timer = setTimeout(() => {
            this.delayedReplies.delete(timer);
            send(res, reply);
        }, ms);
        this.delayedReplies.add(timer);
    }

    private record(incoming: Incoming, status: RecordedRequest["status"]): void {
        const orgId = headerValue(incoming.headers, HEADERS.orgId);
        const body = recordedBody(incoming.rawBody);
        this.log.push({
            method: incoming.method,
            path: incoming.path,
            query: Object.fromEntries(incoming.query),
            ...(orgId === undefined ? {} : { orgId }),
            apiKeyOk: incoming.apiKeyOk,
            headers: redactedHeaders(incoming.headers),
            ...(body === undefined ? {} : { body }),
            status,
        });
    }

    /** Authentication, organization, Accept, then routing; every failure becomes an error reply. */
    private dispatch(incoming: Incoming): Reply {
        try {
            if (!incoming.apiKeyOk) throw new ApiError(401, "Unauthorized: missing or invalid x-api-key");
            const org = this.orgForRequest(incoming.headers);
            if (!acceptsJson(headerValue(incoming.headers, HEADERS.accept))) {
                throw badRequest(`the ${HEADERS.accept} header must allow ${JSON_MEDIA_TYPE}`);
            }
            const { handler, params } = this.route(incoming.method, incoming.path);
            return handler({ ...incoming, org }, params);
        } catch (err) {
            if (err instanceof ApiError) return errorReply(err.status, err.message);
            return errorReply(500, `emulator error: ${err instanceof Error ? err.message : String(err)}`);
        }
    }

    /** [D] MSP admins must name the org; [I] a sent but unknown org is refused like a missing one. */
    private orgForRequest(headers: http.IncomingHttpHeaders): OrgState {
        const sent = headerValue(headers, HEADERS.orgId);
        if (sent === undefined) {
            if (this.multiTenant) throw new ApiError(401, "no organization selected");
            return this.orgs.values().next().value as OrgState;
        }
        const org = this.orgs.get(sent);
        if (!org) throw new ApiError(401, "Unauthorized: unknown organization in x-org-id");
        return org;
    }

    /** A known path with a method it lacks is 404, as the live API does for PATCH. */
    private route(method: string, path: string): { handler: Handler; params: string[] } {
        for (const route of this.routes) {
            const match = route.pattern.exec(path);
            if (!match) continue;
            const handler = route.methods[method];
            if (!handler) throw notFound();
            const params = match.slice(1).map(decodePathParam);
            return { handler, params };
        }
        throw notFound();
    }

    private buildRoutes(): Route[] {
        return [
            {
                pattern: pathPattern(PATHS.identityProviders),
                methods: {
                    GET: (r) => this.listIdentityProviders(r),
                    POST: (r) => this.createIdentityProvider(r),
                },
            },
            {
                pattern: pathPattern(PATHS.identityProvider(PARAM)),
                methods: {
                    GET: (r, [id]) => this.readIdentityProvider(r, id),
                    PUT: (r, [id]) => this.replaceIdentityProvider(r, id),
                    DELETE: (r, [id]) => this.deleteIdentityProvider(r, id),
                },
            },
            {
                pattern: pathPattern(PATHS.routingPolicyAssociations(PARAM)),
                methods: {
                    GET: (r, [id]) => this.listPolicyAssociations(r, id),
                    POST: (r, [id]) => this.changePolicyAssociation(r, id),
                },
            },
            { pattern: pathPattern(PATHS.systemUsers), methods: { GET: (r) => this.listSystemUsers(r) } },
            { pattern: pathPattern(PATHS.userGroups), methods: { GET: (r) => this.listUserGroups(r) } },
            {
                pattern: pathPattern(PATHS.userGroupMembers(PARAM)),
                methods: { GET: (r, [id]) => this.listGroupMembers(r, id) },
            },
        ];
    }

    // ----- identity providers ----------------------------------------------------------------

    private listIdentityProviders(req: Scoped): Reply {
        const all = [...req.org.identityProviders.values()];
        const body: IdentityProviderList = {
            identityProviders: page(all, req.query).map(withoutSecret),
            totalCount: all.length,
        };
        return { status: 200, body };
    }

    private createIdentityProvider(req: Scoped): Reply {
        const body = validateIdentityProviderBody(jsonBody(req));
        if (req.org.identityProviders.size > 0) {
            throw new ApiError(409, "an identity provider already exists for this organization");
        }
        const record: IdentityProviderRecord = { id: this.newId(), ...body };
        req.org.identityProviders.set(record.id, record);
        return { status: 201, body: withoutSecret(record) };
    }

    private readIdentityProvider(req: Scoped, id: string): Reply {
        return { status: 200, body: withoutSecret(existingIdentityProvider(req.org, id)) };
    }

    private replaceIdentityProvider(req: Scoped, id: string): Reply {
        const body = validateIdentityProviderBody(jsonBody(req));
        existingIdentityProvider(req.org, id);
        const record: IdentityProviderRecord = { id, ...body };
        req.org.identityProviders.set(id, record);
        return { status: 200, body: withoutSecret(record) };
    }

    private deleteIdentityProvider(req: Scoped, id: string): Reply {
        existingIdentityProvider(req.org, id);
        req.org.identityProviders.delete(id);
        return { status: 204 };
    }

    // ----- routing policy associations -------------------------------------------------------

    private listPolicyAssociations(req: Scoped, policyId: string): Reply {
        const targets = req.query.get("targets");
        if (targets === null)
            throw badRequest("the targets query parameter is required (user_group or user)");
        const target = requireOneOf(targets, ASSOCIATION_TARGETS, "targets");
        const bindings = existingPolicy(req.org, policyId).filter((b) => b.type === target);
        const body: PolicyAssociation[] = page(bindings, req.query).map(toAssociation);
        return { status: 200, body };
    }

    private changePolicyAssociation(req: Scoped, policyId: string): Reply {
        const change = validateAssociationBody(jsonBody(req), ASSOCIATION_TARGETS);
        const bindings = existingPolicy(req.org, policyId);
        requireTarget(req.org, change.type, change.id);
        applyBinding(bindings, { type: change.type, id: change.id }, change.op);
        return { status: 204 };
    }

    // ----- users and groups ------------------------------------------------------------------

    private listSystemUsers(req: Scoped): Reply {
        const email = singleFilter(req.query, USER_EMAIL_FILTER_PREFIX);
        const matches = [...req.org.users.values()].filter((u) => email === undefined || u.email === email);
        const body: SystemUserList = {
            totalCount: matches.length,
            results: page(matches, req.query).map((u) => ({ ...u })),
        };
        return { status: 200, body };
    }

    private listUserGroups(req: Scoped): Reply {
        const name = singleFilter(req.query, GROUP_NAME_FILTER_PREFIX);
        const matches = [...req.org.groups.values()].filter((g) => name === undefined || g.name === name);
        const body: UserGroup[] = page(matches, req.query).map((g) => ({ ...g }));
        return { status: 200, body };
    }

    private listGroupMembers(req: Scoped, groupId: string): Reply {
        if (!req.org.groups.has(groupId)) throw notFound();
        const members = req.org.groupMembers.get(groupId) ?? [];
        const body: PolicyAssociation[] = page(members, req.query).map((id) => ({
            to: { id, type: "user" },
        }));
        return { status: 200, body };
    }

    // ----- helpers over state ----------------------------------------------------------------

    private orgState(orgId: string): OrgState {
        const org = this.orgs.get(orgId);
        if (!org) throw new Error(`JumpCloudEmulator: unknown organization ${orgId}`);
        return org;
    }

    private findIdentityProvider(id: string): { org: OrgState; record: IdentityProviderRecord } {
        for (const org of this.orgs.values()) {
            const record = org.identityProviders.get(id);
            if (record) return { org, record };
        }
        throw new Error(`JumpCloudEmulator: no identity provider ${id}`);
    }

    /** Ids are unique across every object type, as Mongo object ids are. */
    private newId(): string {
        let id = newObjectId();
        while (this.usedIds.has(id)) id = newObjectId();
        this.usedIds.add(id);
        return id;
    }
}

// ---------------------------------------------------------------------------------------------
// Validation (pure functions; they throw ApiError(400) naming the offending field)
// ---------------------------------------------------------------------------------------------

const IDENTITY_PROVIDER_FIELDS = ["name", "type", "oidc"];
const OIDC_FIELDS = ["clientId", "clientSecret", "url"];
const ASSOCIATION_FIELDS = ["op", "type", "id"];

/** [P] The whole object is required on create and replace; [I] unknown fields are refused. */
function validateIdentityProviderBody(value: unknown): IdentityProviderBody {
    const body = requireObject(value, "body");
    const name = requireNonEmptyString(body.name, "name");
    const type = requireOneOf(body.type, IDENTITY_PROVIDER_TYPES, "type");
    const oidc = requireObject(body.oidc, "oidc");
    const clientId = requireNonEmptyString(oidc.clientId, "oidc.clientId");
    const clientSecret = requireNonEmptyString(oidc.clientSecret, "oidc.clientSecret");
    const url = requireNonEmptyString(oidc.url, "oidc.url");
    rejectUnknownFields(body, IDENTITY_PROVIDER_FIELDS, "");
    rejectUnknownFields(oidc, OIDC_FIELDS, "oidc.");
    return { name, type, oidc: { clientId, clientSecret, url } };
}

function validateAssociationBody<T extends string>(
    value: unknown,
    types: readonly T[],
): { op: AssociationOp; type: T; id: string } {
    const body = requireObject(value, "body");
    const op = requireOneOf(body.op, ASSOCIATION_OPS, "op");
    const type = requireOneOf(body.type, types, "type");
    const id = requireNonEmptyString(body.id, "id");
    if (!OBJECT_ID_PATTERN.test(id)) throw badRequest("id must be a 24 character hex object id");
    rejectUnknownFields(body, ASSOCIATION_FIELDS, "");
    return { op, type, id };
}

function requireObject(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw badRequest(`${field} must be a JSON object`);
    }
    return value as Record<string, unknown>;
}

function requireNonEmptyString(value: unknown, field: string): string {
    if (typeof value !== "string" || value.trim() === "")
        throw badRequest(`${field} must be a non-empty string`);
    return value;
}

function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
        throw badRequest(`${field} must be one of ${allowed.join(", ")}`);
    }
    return value as T;
}

function rejectUnknownFields(body: Record<string, unknown>, known: string[], prefix: string): void {
    const unknown = Object.keys(body).find((key) => !known.includes(key));
    if (unknown !== undefined) throw badRequest(`unknown field ${prefix}${unknown}`);
}

/** [D] `limit` is 1..100 and `skip` is 0 or more; anything else is refused, not clamped. */
function page<T>(items: T[], query: URLSearchParams): T[] {
    const limit = integerParam(query, "limit", DEFAULT_PAGE_SIZE);
    if (limit < 1 || limit > MAX_PAGE_SIZE) throw badRequest(`limit must be between 1 and ${MAX_PAGE_SIZE}`);
    const skip = integerParam(query, "skip", 0);
    return items.slice(skip, skip + limit);
}

function integerParam(query: URLSearchParams, name: string, fallback: number): number {
    const raw = query.get(name);
    if (raw === null) return fallback;
    if (!/^\d+$/.test(raw)) throw badRequest(`${name} must be a non-negative integer`);
    return Number(raw);
}

/**
 * The emulator understands exactly the one filter the client sends for each look-up (`prefix` is
 * built by the client's own query helper); [I] anything else is refused rather than ignored, so a
 * client that drifts from the sheet fails here instead of silently matching everything.
 */
function singleFilter(query: URLSearchParams, prefix: string): string | undefined {
    const filters = query.getAll("filter");
    if (filters.length === 0) return undefined;
    if (filters.length > 1) throw badRequest("this emulator supports a single filter parameter");
    const filter = filters[0];
    if (!filter.startsWith(prefix) || filter.length === prefix.length) {
        throw badRequest(`unsupported filter "${filter}": this emulator supports ${prefix}<value>`);
    }
    return filter.slice(prefix.length);
}

// ---------------------------------------------------------------------------------------------
// State helpers
// ---------------------------------------------------------------------------------------------

/** [P] `oidc.clientSecret` is write-only: every read returns it as "". */
function withoutSecret(record: IdentityProviderRecord): IdentityProviderRecord {
    return {
        id: record.id,
        name: record.name,
        type: record.type,
        oidc: { clientId: record.oidc.clientId, clientSecret: "", url: record.oidc.url },
    };
}

/** An identity provider of another organization is indistinguishable from a missing one. */
function existingIdentityProvider(org: OrgState, id: string): IdentityProviderRecord {
    const record = org.identityProviders.get(id);
    if (!record) throw notFound(`identity provider ${id} not found`);
    return record;
}

function existingPolicy(org: OrgState, policyId: string): Binding[] {
    const bindings = org.policies.get(policyId);
    if (!bindings) throw notFound(`routing policy ${policyId} not found`);
    return bindings;
}

function requireTarget(org: OrgState, type: AssociationTarget, id: string): void {
    const exists = type === "user_group" ? org.groups.has(id) : org.users.has(id);
    if (!exists) throw notFound(`${type} ${id} not found`);
}

/**
 * [I] Not idempotent, to be no more lenient than the live graph API is believed to be: adding a
 * binding that exists answers 409, removing one that does not exist answers 404. A client that
 * copes with these copes with an idempotent 204 too.
 */
function applyBinding(bindings: Binding[], binding: Binding, op: AssociationOp): void {
    const index = bindings.findIndex((b) => b.type === binding.type && b.id === binding.id);
    if (op === "add") {
        if (index >= 0) throw new ApiError(409, "Already Exists");
        bindings.push(binding);
    } else {
        if (index < 0) throw notFound(`${binding.type} ${binding.id} is not bound to this policy`);
        bindings.splice(index, 1);
    }
}

function toAssociation(binding: Binding): PolicyAssociation {
    return { to: { id: binding.id, type: binding.type } };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------------------------

/** Stands for a path parameter when a route's pattern is built from `PATHS`. */
const PARAM = "__PARAM__";

function pathPattern(path: string): RegExp {
    const escaped = path
        .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        .split(PARAM)
        .join("([^/]+)");
    return new RegExp(`^${escaped}$`);
}

function decodePathParam(raw: string): string {
    try {
        return decodeURIComponent(raw);
    } catch {
        throw notFound();
    }
}

function ruleMatches(rule: ActiveFaultRule, method: string, path: string): boolean {
    if (rule.method !== undefined && rule.method !== method) return false;
    if (rule.path === undefined) return true;
    if (typeof rule.path === "string") return rule.path === path;
    rule.path.lastIndex = 0; // a /g or /y pattern would otherwise carry state between requests
    return rule.path.test(path);
}

function faultReply(fault: Extract<Fault, { kind: "status" }>): Reply {
    const headers = fault.retryAfter === undefined ? undefined : { "Retry-After": fault.retryAfter };
    return errorReply(fault.status, fault.message ?? http.STATUS_CODES[fault.status] ?? "Error", headers);
}

/** [D] POST and PUT bodies are `Content-Type: application/json`; a missing or other type is refused. */
function jsonBody(req: Incoming): unknown {
    const contentType = headerValue(req.headers, HEADERS.contentType);
    const mediaType = contentType?.split(";")[0].trim().toLowerCase();
    if (mediaType !== JSON_MEDIA_TYPE) throw badRequest(`${HEADERS.contentType} must be ${JSON_MEDIA_TYPE}`);
    if (req.bodyTooLarge) throw badRequest("request body is too large");
    const text = req.rawBody.toString("utf8");
    if (text.trim() === "") throw badRequest("a JSON request body is required");
    try {
        return JSON.parse(text);
    } catch {
        throw badRequest("malformed JSON in request body");
    }
}

/** [D] Clients send `Accept: application/json`; a wildcard that admits JSON is fine too. */
function acceptsJson(accept: string | undefined): boolean {
    if (accept === undefined) return false;
    return accept.split(",").some((range) => {
        const mediaType = range.split(";")[0].trim().toLowerCase();
        return mediaType === JSON_MEDIA_TYPE || mediaType === "application/*" || mediaType === "*/*";
    });
}

function headerValue(headers: http.IncomingHttpHeaders, name: string): string | undefined {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(", ") : value;
}

function redactedHeaders(headers: http.IncomingHttpHeaders): Record<string, string | undefined> {
    const copy: Record<string, string | undefined> = {};
    for (const name of Object.keys(headers)) copy[name] = headerValue(headers, name);
    const apiKeyHeader = HEADERS.apiKey.toLowerCase();
    if (apiKeyHeader in copy) copy[apiKeyHeader] = REDACTED;
    return copy;
}

function recordedBody(raw: Buffer): unknown {
    if (raw.length === 0) return undefined;
    const text = raw.toString("utf8");
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return text;
    }
}

/** Constant-time comparison, so the emulator is not a model of a timing leak. */
function sameSecret(sent: string | undefined, expected: string): boolean {
    if (sent === undefined) return false;
    const a = Buffer.from(sent);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage): Promise<{ raw: Buffer; tooLarge: boolean }> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_BODY_BYTES) chunks.push(chunk); // keep draining past the cap, but drop it
        });
        req.on("end", () => resolve({ raw: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES }));
        req.on("error", reject);
        req.on("aborted", () => reject(new Error("request aborted")));
    });
}

function send(res: http.ServerResponse, reply: Reply): void {
    if (res.destroyed || res.writableEnded) return; // the client gave up (e.g. a timeout during a delay)
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body === undefined) {
        res.writeHead(reply.status, headers).end();
        return;
    }
    const payload = JSON.stringify(reply.body);
    headers["Content-Type"] = `${JSON_MEDIA_TYPE}; charset=utf-8`;
    headers["Content-Length"] = String(Buffer.byteLength(payload));
    res.writeHead(reply.status, headers).end(payload);
}

/** A TCP RST rather than a FIN, so the client sees ECONNRESET as it would from a failing gateway. */
function resetSocket(socket: net.Socket): void {
    if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
    else socket.destroy();
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            server.off("error", reject);
            resolve();
        });
    });
}

// ---------------------------------------------------------------------------------------------
// Option checks
// ---------------------------------------------------------------------------------------------

/** [I] JumpCloud ids look like Mongo object ids: 24 lowercase hex characters. */
function newObjectId(): string {
    return randomBytes(12).toString("hex");
}

/** The emulator is a test tool holding fake secrets: it must never listen beyond this machine. */
function loopbackHost(host: string): string {
    if (host === "localhost") return "127.0.0.1";
    const isLoopbackV4 = net.isIPv4(host) && host.startsWith("127.");
    const isLoopbackV6 = host === "::1";
    if (!isLoopbackV4 && !isLoopbackV6) {
        throw new Error(
            `JumpCloudEmulator: refusing to listen on ${host}: only loopback addresses are allowed`,
        );
    }
    return host;
}

function checkOrganizations(organizations: string[], multiTenant: boolean): string[] {
    if (organizations.length === 0)
        throw new Error("JumpCloudEmulator: at least one organization is required");
    for (const id of organizations) {
        if (!OBJECT_ID_PATTERN.test(id)) {
            throw new Error(`JumpCloudEmulator: organization id ${id} is not 24 lowercase hex characters`);
        }
    }
    if (new Set(organizations).size !== organizations.length) {
        throw new Error("JumpCloudEmulator: organization ids must be unique");
    }
    if (!multiTenant && organizations.length > 1) {
        throw new Error(
            "JumpCloudEmulator: several organizations need multiTenant: true (a single-org admin has one)",
        );
    }
    return [...organizations];
}

function checkFault(fault: Fault): void {
    if (isReplyFault(fault)) {
        checkReplyFault(fault);
        return;
    }
    switch (fault.kind) {
        case "status":
            if (!FAULT_STATUSES.includes(fault.status)) {
                throw new Error(
                    `JumpCloudEmulator: fault status must be one of ${FAULT_STATUSES.join(", ")}`,
                );
            }
            return;
        case "delay":
            if (!Number.isFinite(fault.ms) || fault.ms < 0) {
                throw new Error("JumpCloudEmulator: delay ms must be a finite number >= 0");
            }
            return;
        case "reset":
        case "lostReply":
            return;
        default:
            throw new Error(`JumpCloudEmulator: unknown fault kind ${(fault as { kind: unknown }).kind}`);
    }
}
