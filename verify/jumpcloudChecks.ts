/**
 * The JumpCloud side: the key is accepted, the identity provider is the stack's, each Entra user
 * has a JumpCloud user, and the routing policy sends the stack's users to the IdP. Calls go
 * through the package's own JumpCloud client (bounded retries, redacted errors), with a short
 * budget: verify answers in seconds or says why not.
 */
import { resolveEndpoint } from "../providers/connection";
import {
    PATHS,
    QUERIES,
    identityProviderRecordProblem,
    policyAssociationListProblem,
    systemUserListProblem,
    userGroupListProblem,
    type IdentityProviderRecord,
    type PolicyAssociation,
    type SystemUserList,
    type UserGroup,
} from "../providers/jumpcloudApi";
import { isApiError, sendRequest, type Connection, type RequestSpec } from "../providers/jumpcloudClient";
import type { RetryPolicy } from "../providers/retryPolicy";
import { settingName } from "./settingNames";
import type { CheckResult, VerifyTarget } from "./target";

const KEY_FIX =
    "set a valid key: `pulumi config set --secret jumpcloud:apiKey <key>` or JUMPCLOUD_API_KEY " +
    "(Admin Portal > your name > My API Key, as an administrator with billing rights)";
const REFRESH_UP = "run `pulumi refresh` then `pulumi up`, which puts the stack's values back";

export interface JumpCloudSession {
    readonly connection: Connection;
    readonly policy: RetryPolicy;
}

export function verifyRetryPolicy(timeoutMs: number): RetryPolicy {
    return {
        maxAttempts: 2,
        timeoutMs,
        totalBudgetMs: 2 * timeoutMs + 1_000,
        baseDelayMs: 200,
        maxDelayMs: 1_000,
    };
}

function get<T>(session: JumpCloudSession, spec: Omit<RequestSpec, "method">): Promise<T> {
    return sendRequest<T>(session.connection, { method: "GET", ...spec }, session.policy).then((r) => r.data);
}

function failed(id: CheckResult["id"], summary: string, fix: string): CheckResult {
    return { id, status: "fail", summary, fix };
}

/** The key check; on success, the session the other JumpCloud checks use. */
export async function checkJumpCloudKey(
    target: VerifyTarget,
    apiUrl: string | undefined,
    timeoutMs: number,
): Promise<{ result: CheckResult; session?: JumpCloudSession }> {
    const id = "jumpcloud-key";
    const apiKey = target.jumpCloud.apiKey;
    if (!apiKey) return { result: failed(id, "no JumpCloud API key", KEY_FIX) };
    let connection: Connection;
    try {
        const endpoint = resolveEndpoint(
            {
                region: target.region,
                apiUrl: apiUrl ?? target.jumpCloud.apiUrl,
                orgId: target.jumpCloud.orgId,
            },
            {},
        );
        connection = { ...endpoint, apiKey };
    } catch (error) {
        return {
            result: failed(
                id,
                `JumpCloud's address: ${(error as Error).message}`,
                `fix ${settingName(target, "jumpCloud.apiUrl")} / ${settingName(target, "jumpCloud.orgId")}, or --api-url`,
            ),
        };
    }
    const session = { connection, policy: verifyRetryPolicy(timeoutMs) };
    try {
        await get(session, { path: PATHS.identityProviders, query: { limit: 1, skip: 0 } });
    } catch (error) {
        const refused = isApiError(error, 401) || isApiError(error, 403);
        return {
            result: failed(
                id,
                refused
                    ? `JumpCloud refused the API key (HTTP ${(error as { status?: number }).status})`
                    : `JumpCloud: ${(error as Error).message}`,
                refused
                    ? KEY_FIX
                    : `check the network, a proxy (HTTPS_PROXY), ${settingName(target, "jumpCloud.apiUrl")} or --api-url`,
            ),
        };
    }
    return {
        result: { id, status: "pass", summary: `JumpCloud accepts the API key (${connection.baseUrl})` },
        session,
    };
}

export async function checkIdentityProvider(
    target: VerifyTarget,
    session: JumpCloudSession,
): Promise<CheckResult> {
    const id = "identity-provider";
    let idp: IdentityProviderRecord;
    try {
        idp = await get<IdentityProviderRecord>(session, {
            path: PATHS.identityProvider(target.identityProviderId),
            expect: identityProviderRecordProblem,
        });
    } catch (error) {
        if (isApiError(error, 404)) {
            return failed(
                id,
                `JumpCloud has no identity provider ${target.identityProviderId} (deleted by hand?)`,
                REFRESH_UP,
            );
        }
        return failed(
            id,
            `JumpCloud identity provider: ${(error as Error).message}`,
            "check the network or --api-url, then run verify again",
        );
    }
    const wrong: string[] = [];
    if (idp.type !== "AZURE") wrong.push(`type is ${idp.type}, not AZURE`);
    if (idp.oidc.url !== target.issuerUrl)
        wrong.push(`URL is ${idp.oidc.url}, the stack's is ${target.issuerUrl}`);
    if (idp.oidc.clientId !== target.clientId)
        wrong.push(`client id is ${idp.oidc.clientId}, the stack's is ${target.clientId}`);
    if (wrong.length > 0) {
        return failed(
            id,
            `JumpCloud identity provider "${idp.name}": ${wrong.join("; ")}`,
            `${REFRESH_UP} (or correct it in Admin Portal > Settings > Identity Providers > ${idp.name})`,
        );
    }
    return {
        id,
        status: "pass",
        summary: `JumpCloud identity provider "${idp.name}" is type AZURE with the stack's URL and client id`,
    };
}

/** The users check, and the JumpCloud user id of each Entra user found (for the routing check). */
export async function checkUsers(
    target: VerifyTarget,
    session: JumpCloudSession,
): Promise<{ result: CheckResult; userIds: Map<string, string> }> {
    const id = "users";
    const userIds = new Map<string, string>();
    const missing: string[] = [];
    try {
        for (const email of target.userPrincipalNames) {
            const list = await get<SystemUserList>(session, {
                path: PATHS.systemUsers,
                query: QUERIES.systemUserByEmail(email.toLowerCase()),
                expect: systemUserListProblem,
            });
            const user = list.results.find((u) => u.email?.toLowerCase() === email.toLowerCase());
            if (user) userIds.set(email, user._id);
            else missing.push(email);
        }
    } catch (error) {
        return {
            result: failed(
                id,
                `JumpCloud users: ${(error as Error).message}`,
                "check the network or --api-url, then run verify again",
            ),
            userIds,
        };
    }
    const total = target.userPrincipalNames.length;
    if (missing.length > 0) {
        return {
            result: failed(
                id,
                `${missing.length} of ${total} Entra users have no JumpCloud user with the same email: ${missing.join(", ")}`,
                `create each in Admin Portal > USER MANAGEMENT > Users with that email (sign-in matches by email), or remove it from ${settingName(target, "users")}`,
            ),
            userIds,
        };
    }
    return {
        result: {
            id,
            status: "pass",
            summary:
                total === 0
                    ? "the stack makes no Entra users"
                    : `each of the ${total} Entra users has a JumpCloud user with the same email`,
        },
        userIds,
    };
}

async function allUserGroups(session: JumpCloudSession): Promise<UserGroup[]> {
    const groups: UserGroup[] = [];
    for (let skip = 0; ; skip += 100) {
        const page = await get<UserGroup[]>(session, {
            path: PATHS.userGroups,
            query: QUERIES.listPage(skip),
            expect: userGroupListProblem,
        });
        groups.push(...page);
        if (page.length < 100) return groups;
    }
}

async function allConnections(
    session: JumpCloudSession,
    path: string,
    query: Record<string, string> = {},
): Promise<string[]> {
    const ids: string[] = [];
    for (let skip = 0; ; skip += 100) {
        const page = await get<PolicyAssociation[]>(session, {
            path,
            query: { ...query, ...QUERIES.listPage(skip) },
            expect: policyAssociationListProblem,
        });
        ids.push(...page.map((a) => a.to.id));
        if (page.length < 100) return ids;
    }
}

export async function checkRouting(
    target: VerifyTarget,
    session: JumpCloudSession,
    userIds: ReadonlyMap<string, string>,
): Promise<CheckResult> {
    const id = "routing";
    const routing = target.routing;
    if (!routing) {
        return {
            id,
            status: "pass",
            summary: `routing is not managed by this stack (${settingName(target, "jumpCloud.routing")} unset): who federates is set in the Admin Portal`,
        };
    }
    try {
        const groups = new Map((await allUserGroups(session)).map((g) => [g.id, g]));
        const bound = new Set(
            await allConnections(
                session,
                PATHS.routingPolicyAssociations(routing.policyId),
                QUERIES.associationTargets("user_group"),
            ),
        );
        const gone = routing.groupIds.filter((g) => !groups.has(g));
        const unbound = routing.groupIds.filter((g) => groups.has(g) && !bound.has(g));
        if (routing.groupIds.length === 0 || gone.length > 0 || unbound.length > 0) {
            const parts = [
                ...(routing.groupIds.length === 0 ? ["the stack routes no group"] : []),
                ...(gone.length > 0 ? [`group(s) ${gone.join(", ")} no longer exist`] : []),
                ...(unbound.length > 0
                    ? [
                          `group(s) ${unbound.map((g) => groups.get(g)?.name ?? g).join(", ")} are not bound to policy ${routing.policyId}`,
                      ]
                    : []),
            ];
            return failed(
                id,
                `routing: ${parts.join("; ")}`,
                `run \`pulumi refresh\` then \`pulumi up\` (it binds the groups of ${settingName(target, "jumpCloud.routing.userGroups")}), or check the policy in Admin Portal > Identity Providers > Routing Policies`,
            );
        }
        const routedUsers = new Set<string>();
        for (const groupId of routing.groupIds) {
            for (const member of await allConnections(session, PATHS.userGroupMembers(groupId)))
                routedUsers.add(member);
        }
        const routed = [...userIds.values()].filter((u) => routedUsers.has(u)).length;
        const total = target.userPrincipalNames.length;
        const names = routing.groupIds.map((g) => groups.get(g)?.name ?? g).join(", ");
        if (total > 0 && routed === 0) {
            return failed(
                id,
                `routing: ${names} bound to policy ${routing.policyId}, but none of the ${total} Entra users is in them: nobody federates yet`,
                `add the users to ${names} in Admin Portal > USER GROUPS`,
            );
        }
        return {
            id,
            status: "pass",
            summary: `routing: ${names} bound to policy ${routing.policyId}; ${routed} of ${total} Entra users are in a routed group`,
        };
    } catch (error) {
        if (isApiError(error, 404)) {
            return failed(
                id,
                `routing: JumpCloud has no routing policy ${routing.policyId}`,
                `set ${settingName(target, "jumpCloud.routing.policyId")} to a policy from Admin Portal > Identity Providers > Routing Policies`,
            );
        }
        return failed(
            id,
            `routing: ${(error as Error).message}`,
            "check the network or --api-url, then run verify again",
        );
    }
}
