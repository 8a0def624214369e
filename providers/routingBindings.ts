/**
 * `RoutingBindings`: the JumpCloud user groups bound to an identity-provider routing policy, so
 * their members sign in through Entra. The policy object itself has no public API (see the
 * sheet), so its id is an input; this resource manages only bindings, through the documented
 * graph associations endpoint.
 *
 * One resource holds the whole set, keyed by group id: a group named by its name in one run and
 * by its id in the next (or renamed in JumpCloud) is the same binding, never unbound and rebound.
 * A group that was already bound when we came (by hand) is adopted, recorded, and never unbound
 * by us. Type token `pulumi-nodejs:dynamic/jumpcloud:RoutingBindings`.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    MAX_PAGE_SIZE,
    OBJECT_ID_PATTERN,
    PATHS,
    QUERIES,
    type PolicyAssociation,
    type PolicyAssociationBody,
    type UserGroup,
    policyAssociationListProblem,
    userGroupListProblem,
} from "./jumpcloudApi";
import { isApiError, type Connection } from "./jumpcloudClient";
import {
    call,
    canonicalLocation,
    checkFailures,
    checkLocation,
    configureFromStack,
    connect,
    endpointOf,
    locationOutputs,
    locationReplacement,
    storedEndpoint,
    type LocationInputs,
    type LocationOutputs,
} from "./providerRuntime";
import { checkNonEmpty, checkObjectId } from "./validation";
import { ShimmedDynamicResource } from "./shimmedResource";
import { storesLegacyProvider } from "./providerShim";

export interface RoutingBindingsInputs extends LocationInputs {
    /** The routing policy's id. */
    policyId: string;
    /** User group names (case sensitive) or ids. */
    groups: string[];
}

export interface RoutingBindingsOutputs extends RoutingBindingsInputs, LocationOutputs {
    /** Each entry of `groups` with the group id it resolved to. */
    resolved: Record<string, string>;
    /** Ids that were bound before this resource bound them: never unbound by it. */
    adopted: string[];
    /** The bound group ids, each once. */
    groupIds: string[];
}

/** A group's id: taken as given when it looks like one, else looked up by exact name. */
async function resolveGroupId(connection: Connection, group: string): Promise<string> {
    if (OBJECT_ID_PATTERN.test(group)) return group;
    const reply = await call<UserGroup[]>(connection, {
        method: "GET",
        path: PATHS.userGroups,
        query: QUERIES.userGroupByName(group),
        expect: userGroupListProblem,
    });
    const matches = reply.data.filter((g) => g.name === group);
    if (matches.length === 1) return matches[0].id;
    throw new Error(
        matches.length === 0
            ? `JumpCloud has no user group named ${JSON.stringify(group)} in this organization: ` +
                  "check jumpCloud.routing.userGroups (names are case sensitive), or give the group's id"
            : `JumpCloud has ${matches.length} user groups named ${JSON.stringify(group)}: give the group's id in jumpCloud.routing.userGroups instead`,
    );
}

async function resolveAll(connection: Connection, groups: string[]): Promise<Record<string, string>> {
    const resolved: Record<string, string> = {};
    for (const group of groups) resolved[group] = await resolveGroupId(connection, group);
    return resolved;
}

/** The group ids bound to the policy now; undefined when the policy itself is gone. */
async function boundGroupIds(connection: Connection, policyId: string): Promise<string[] | undefined> {
    const bound: string[] = [];
    for (let skip = 0; ; skip += MAX_PAGE_SIZE) {
        let page: PolicyAssociation[];
        try {
            const reply = await call<PolicyAssociation[]>(connection, {
                method: "GET",
                path: PATHS.routingPolicyAssociations(policyId),
                query: { ...QUERIES.associationTargets("user_group"), ...QUERIES.listPage(skip) },
                expect: policyAssociationListProblem,
            });
            page = reply.data;
        } catch (error) {
            if (isApiError(error, 404)) return undefined;
            throw error;
        }
        bound.push(...page.map((a) => a.to?.id).filter((id): id is string => typeof id === "string"));
        if (page.length < MAX_PAGE_SIZE) return bound;
    }
}

/** What JumpCloud answers when the change is already made: bound already (add), unbound or no policy (remove). */
const ALREADY_DONE = { add: 409, remove: 404 } as const;

/** Adds or removes one group's binding; false when it was already so. */
async function associate(
    connection: Connection,
    policyId: string,
    op: "add" | "remove",
    groupId: string,
): Promise<boolean> {
    const body: PolicyAssociationBody = { op, type: "user_group", id: groupId };
    try {
        await call(connection, { method: "POST", path: PATHS.routingPolicyAssociations(policyId), body });
        return true;
    } catch (error) {
        if (!isApiError(error, ALREADY_DONE[op])) throw error;
        return false;
    }
}

/** Binds each id; one already bound (409) is recorded as adopted. Returns the adopted ids. */
async function bind(connection: Connection, policyId: string, ids: string[]): Promise<string[]> {
    const adopted: string[] = [];
    for (const id of ids) {
        if (!(await associate(connection, policyId, "add", id))) adopted.push(id);
    }
    return adopted;
}

/** Unbinds each id; one already unbound, or a policy already gone (404), is fine. */
async function unbind(connection: Connection, policyId: string, ids: string[]): Promise<void> {
    for (const id of ids) await associate(connection, policyId, "remove", id);
}

function unique(values: string[]): string[] {
    return values.filter((v, i) => values.indexOf(v) === i);
}

function sameSet(a: string[], b: string[]): boolean {
    return a.length === b.length && a.every((v) => b.includes(v)) && b.every((v) => a.includes(v));
}

export const routingBindingsProvider: pulumi.dynamic.ResourceProvider<
    RoutingBindingsInputs,
    RoutingBindingsOutputs
> = {
    configure: configureFromStack,

    async check(_olds, news) {
        const { failures, add } = checkFailures();
        add("policyId", news.policyId, checkObjectId(news.policyId, "JumpCloud routing policy id"));
        if (!Array.isArray(news.groups) || news.groups.length === 0) {
            add("groups", news.groups, "must list at least one JumpCloud user group name or id");
        } else {
            news.groups.forEach((group, i) => add(`groups[${i}]`, group, checkNonEmpty(group, 256)));
        }
        checkLocation(news, add);
        return { inputs: canonicalLocation(news), failures };
    },

    async diff(_id, olds, news) {
        const moved = locationReplacement(olds, news);
        // Another policy is another set of bindings: bind the new ones first, then unbind the old.
        const replaces = [...(olds.policyId !== news.policyId ? ["policyId"] : []), ...moved.replaces];
        const groupsChanged = !sameSet(olds.groups ?? [], news.groups ?? []);
        return {
            changes: replaces.length > 0 || groupsChanged || storesLegacyProvider(olds),
            replaces,
            // Bindings are not one per organization: only another base URL (maybe the same organization,
            // whose bindings the old resource would then unbind) needs the old ones gone first.
            deleteBeforeReplace: moved.otherBaseUrl,
        };
    },

    async create(inputs) {
        const endpoint = endpointOf(inputs);
        const connection = connect(endpoint);
        const resolved = await resolveAll(connection, inputs.groups);
        const groupIds = unique(Object.values(resolved));
        const adopted = await bind(connection, inputs.policyId, groupIds);
        const outs = {
            ...inputs,
            resolved,
            adopted,
            groupIds,
            ...locationOutputs(endpoint),
        } satisfies RoutingBindingsOutputs;
        return { id: `${inputs.policyId}/routing`, outs };
    },

    async read(id, props) {
        const state = props ?? ({} as RoutingBindingsOutputs);
        const connection = connect(storedEndpoint(state));
        const bound = await boundGroupIds(connection, state.policyId ?? id.split("/")[0]);
        // The policy was deleted by hand: nothing of ours is left.
        if (bound === undefined) return { id: "", props: {} as never };
        // Keep only what is still bound, so the next diff sees an unbound group as missing and binds it again.
        const groups = (state.groups ?? []).filter((g) => bound.includes(state.resolved?.[g] ?? ""));
        const resolved = Object.fromEntries(groups.map((g) => [g, state.resolved[g]]));
        const groupIds = unique(Object.values(resolved));
        const adopted = (state.adopted ?? []).filter((a) => groupIds.includes(a));
        const refreshed = { ...state, groups, resolved, groupIds, adopted };
        return { id, props: refreshed, inputs: { ...state, groups } as RoutingBindingsOutputs };
    },

    async update(_id, olds, news) {
        const endpoint = endpointOf(news);
        const connection = connect(endpoint);
        const resolved = await resolveAll(connection, news.groups);
        const groupIds = unique(Object.values(resolved));
        const oldIds = olds.groupIds ?? [];
        const newlyAdopted = await bind(
            connection,
            news.policyId,
            groupIds.filter((gid) => !oldIds.includes(gid)),
        );
        const adoptedBefore = olds.adopted ?? [];
        await unbind(
            connection,
            news.policyId,
            oldIds.filter((gid) => !groupIds.includes(gid) && !adoptedBefore.includes(gid)),
        );
        const adopted = unique([...adoptedBefore.filter((a) => groupIds.includes(a)), ...newlyAdopted]);
        const outs = {
            ...news,
            resolved,
            adopted,
            groupIds,
            ...locationOutputs(endpoint),
        } satisfies RoutingBindingsOutputs;
        return { outs };
    },

    async delete(_id, props) {
        const ours = (props.groupIds ?? []).filter((gid) => !(props.adopted ?? []).includes(gid));
        await unbind(connect(storedEndpoint(props)), props.policyId, ours);
    },
};

export interface RoutingBindingsArgs {
    /** The routing policy's id (24 hex characters). */
    readonly policyId: pulumi.Input<string>;
    /** The user groups: names (case sensitive) or ids. */
    readonly groups: pulumi.Input<pulumi.Input<string>[]>;
    /** JumpCloud region; picks the default API base URL. Defaults to "us". */
    readonly region?: pulumi.Input<string>;
    /** API base URL; overrides the region's and `JUMPCLOUD_API_URL`. */
    readonly apiUrl?: pulumi.Input<string>;
    /** Organization id sent as `x-org-id`; overrides `JUMPCLOUD_ORG_ID`. */
    readonly orgId?: pulumi.Input<string>;
}

export class RoutingBindings extends ShimmedDynamicResource {
    /** The bound group ids, each once. */
    declare public readonly groupIds: pulumi.Output<string[]>;

    constructor(name: string, args: RoutingBindingsArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            "routingBindings",
            { module: "jumpcloud", type: "RoutingBindings" },
            name,
            {
                ...args,
                resolved: undefined,
                adopted: undefined,
                groupIds: undefined,
                apiBaseUrl: undefined,
                organizationId: undefined,
            },
            opts,
        );
    }
}
