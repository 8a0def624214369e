/**
 * `RoutingBinding`: one JumpCloud user group bound to an identity-provider routing policy, so its
 * members sign in through Entra. The policy object itself has no public API (see the sheet), so
 * its id is an input; this resource manages only the binding, through the documented graph
 * associations endpoint. Bindings it did not make are never touched.
 * Type token `pulumi-nodejs:dynamic/jumpcloud:RoutingBinding`.
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
} from "./jumpcloudApi";
import { isApiError, type Connection } from "./jumpcloudClient";
import { REGIONS } from "./connection";
import {
    call,
    configureFromStack,
    connect,
    endpointOf,
    locationOutputs,
    movedFields,
    storedEndpoint,
    type LocationInputs,
    type LocationOutputs,
} from "./providerRuntime";
import { checkHttpsUrl, checkNonEmpty, checkObjectId, isUnknown } from "./validation";

export interface RoutingBindingInputs extends LocationInputs {
    /** The routing policy's id. */
    policyId: string;
    /** A user group's name (case sensitive) or id. */
    group: string;
}

export interface RoutingBindingOutputs extends RoutingBindingInputs, LocationOutputs {
    /** The user group's id, resolved from its name at create. */
    groupId: string;
}

/** A group's id: taken as given when it looks like one, else looked up by exact name. */
async function resolveGroupId(connection: Connection, group: string): Promise<string> {
    if (OBJECT_ID_PATTERN.test(group)) return group;
    const reply = await call<UserGroup[]>(connection, {
        method: "GET",
        path: PATHS.userGroups,
        query: QUERIES.userGroupByName(group),
    });
    const matches = (reply.data ?? []).filter((g) => g.name === group);
    if (matches.length === 1) return matches[0].id;
    throw new Error(
        matches.length === 0
            ? `JumpCloud has no user group named ${JSON.stringify(group)} in this organization: ` +
                  "check jumpCloud.routing.userGroups (names are case sensitive), or give the group's id"
            : `JumpCloud has ${matches.length} user groups named ${JSON.stringify(group)}: give the group's id in jumpCloud.routing.userGroups instead`,
    );
}

async function isBound(connection: Connection, policyId: string, groupId: string): Promise<boolean> {
    for (let skip = 0; ; skip += MAX_PAGE_SIZE) {
        const reply = await call<PolicyAssociation[]>(connection, {
            method: "GET",
            path: PATHS.routingPolicyAssociations(policyId),
            query: { ...QUERIES.associationTargets("user_group"), ...QUERIES.listPage(skip) },
        });
        const page = reply.data ?? [];
        if (page.some((a) => a.to?.id === groupId)) return true;
        if (page.length < MAX_PAGE_SIZE) return false;
    }
}

function change(op: "add" | "remove", groupId: string): PolicyAssociationBody {
    return { op, type: "user_group", id: groupId };
}

const routingBindingProvider: pulumi.dynamic.ResourceProvider<RoutingBindingInputs, RoutingBindingOutputs> = {
    configure: configureFromStack,

    async check(_olds, news) {
        const failures: pulumi.dynamic.CheckFailure[] = [];
        const add = (property: keyof typeof news & string, reason: string | undefined) => {
            // A value unknown during preview is checked on the update that knows it.
            if (reason && !isUnknown(news[property]))
                failures.push({ property, reason: `${property} ${reason}` });
        };
        add("policyId", checkObjectId(news.policyId, "JumpCloud routing policy id"));
        add("group", checkNonEmpty(news.group, 256));
        if (news.region !== undefined && !(REGIONS as string[]).includes(news.region)) {
            add("region", `must be one of ${REGIONS.join(", ")}, got ${JSON.stringify(news.region)}`);
        }
        if (news.apiUrl !== undefined) add("apiUrl", checkHttpsUrl(news.apiUrl, true));
        if (news.orgId !== undefined) add("orgId", checkObjectId(news.orgId));
        return { inputs: news, failures };
    },

    async diff(_id, olds, news) {
        const replaces = [
            ...(olds.policyId !== news.policyId ? ["policyId"] : []),
            ...(olds.group !== news.group ? ["group"] : []),
            ...movedFields(olds, news),
        ];
        return { changes: replaces.length > 0, replaces };
    },

    async create(inputs) {
        const endpoint = endpointOf(inputs);
        const connection = connect(endpoint);
        const groupId = await resolveGroupId(connection, inputs.group);
        try {
            await call(connection, {
                method: "POST",
                path: PATHS.routingPolicyAssociations(inputs.policyId),
                body: change("add", groupId),
            });
        } catch (error) {
            // Already bound (by hand, or by a retried request whose reply was lost): the goal holds.
            if (!isApiError(error, 409)) throw error;
        }
        const outs = { ...inputs, groupId, ...locationOutputs(endpoint) } satisfies RoutingBindingOutputs;
        return { id: `${inputs.policyId}/${groupId}`, outs };
    },

    async read(id, props) {
        const state = props ?? ({} as RoutingBindingOutputs);
        const [policyId, groupId] = id.split("/");
        const connection = connect(storedEndpoint(state));
        if (!(await isBound(connection, policyId, groupId))) return { id: "", props: {} as never };
        return { id, props: { ...state, policyId, groupId } };
    },

    async delete(_id, props) {
        try {
            await call(connect(storedEndpoint(props)), {
                method: "POST",
                path: PATHS.routingPolicyAssociations(props.policyId),
                body: change("remove", props.groupId),
            });
        } catch (error) {
            // Already unbound (or the policy is gone): nothing left to undo.
            if (isApiError(error, 404)) return;
            throw error;
        }
    },
};

export interface RoutingBindingArgs {
    /** The routing policy's id (24 hex characters). */
    readonly policyId: pulumi.Input<string>;
    /** The user group's name (case sensitive) or id. */
    readonly group: pulumi.Input<string>;
    /** JumpCloud region; picks the default API base URL. Defaults to "us". */
    readonly region?: pulumi.Input<string>;
    /** API base URL; overrides the region's and `JUMPCLOUD_API_URL`. */
    readonly apiUrl?: pulumi.Input<string>;
    /** Organization id sent as `x-org-id`; overrides `JUMPCLOUD_ORG_ID`. */
    readonly orgId?: pulumi.Input<string>;
}

export class RoutingBinding extends pulumi.dynamic.Resource {
    declare public readonly groupId: pulumi.Output<string>;

    constructor(name: string, args: RoutingBindingArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            routingBindingProvider,
            name,
            { ...args, groupId: undefined, apiBaseUrl: undefined, organizationId: undefined },
            opts,
            "jumpcloud",
            "RoutingBinding",
        );
    }
}

export { routingBindingProvider };
