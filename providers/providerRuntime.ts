/**
 * What every JumpCloud dynamic provider does the same way: keep the API key handed to
 * `configure` (inside the provider host only), resolve where to call, and send a request with
 * the retry policy read at call time.
 *
 * The providers run as this installed module, loaded by their stored shims (`providerShim.ts`):
 * one `hostSettings` per host process, filled by any provider's `configure` in the host and never
 * in the program, so no stored text holds a key.
 */
import type * as pulumi from "@pulumi/pulumi";
import { sendRequest, type Connection, type Reply, type RequestSpec } from "./jumpcloudClient";
import {
    API_KEY_CONFIG_KEY,
    CONNECTION_ENV,
    checkRegion,
    resolveApiKey,
    resolveEndpoint,
    type Endpoint,
} from "./connection";
import { canonicalApiBaseUrl, canonicalOrgId, checkApiBaseUrl, checkOrgId, isUnknown } from "./validation";
import { retryPolicyFromEnv } from "./retryPolicy";

/** Where a JumpCloud object lives, as resource inputs (all optional: env and region defaults apply). */
export interface LocationInputs {
    region?: string;
    apiUrl?: string;
    orgId?: string;
}

/** Where it was made, as kept in state. */
export interface LocationOutputs extends LocationInputs {
    /** The base URL the object was created at (input, environment or region default). */
    apiBaseUrl: string;
    /** The organization it was created in, when one was named. */
    organizationId?: string;
}

/** Collects `check` failures, each prefixed with its property; values unknown during preview are skipped. */
export function checkFailures(): {
    failures: pulumi.dynamic.CheckFailure[];
    add: (property: string, value: unknown, reason: string | undefined) => void;
} {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    return {
        failures,
        add: (property, value, reason) => {
            // A value unknown during preview is checked on the update that knows it.
            if (reason && !isUnknown(value)) failures.push({ property, reason: `${property} ${reason}` });
        },
    };
}

/**
 * The location inputs every JumpCloud resource takes, checked the same way everywhere. A base URL
 * from JUMPCLOUD_API_URL (no apiUrl input) is checked here too, so it is refused before any call.
 */
export function checkLocation(
    news: LocationInputs,
    add: (property: string, value: unknown, reason: string | undefined) => void,
    env: NodeJS.ProcessEnv = process.env,
): void {
    if (news.region !== undefined) add("region", news.region, checkRegion(news.region));
    if (news.apiUrl !== undefined) {
        add("apiUrl", news.apiUrl, checkApiBaseUrl(news.apiUrl));
    } else {
        const fromEnv = env[CONNECTION_ENV.apiUrl];
        if (fromEnv !== undefined && fromEnv.trim() !== "") {
            const problem = checkApiBaseUrl(fromEnv.trim());
            add("apiUrl", fromEnv, problem && `(not set, so ${CONNECTION_ENV.apiUrl} is used) ${problem}`);
        }
    }
    if (news.orgId !== undefined) add("orgId", news.orgId, checkOrgId(news.orgId));
}

/** Location inputs in their canonical spelling, as `check` hands them on to state. */
export function canonicalLocation<T extends LocationInputs>(news: T): T {
    const apiUrlOk =
        typeof news.apiUrl === "string" && !isUnknown(news.apiUrl) && !checkApiBaseUrl(news.apiUrl);
    const orgIdOk = typeof news.orgId === "string" && !isUnknown(news.orgId) && !checkOrgId(news.orgId);
    return {
        ...news,
        ...(apiUrlOk ? { apiUrl: canonicalApiBaseUrl(news.apiUrl as string) } : {}),
        ...(orgIdOk ? { orgId: canonicalOrgId(news.orgId as string) } : {}),
    };
}

const hostSettings: { configuredApiKey?: string } = {};

/** The `configure` every JumpCloud provider uses: remember the stack's secret API key setting. */
export async function configureFromStack(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    hostSettings.configuredApiKey = req.config.get(API_KEY_CONFIG_KEY);
}

export function connect(endpoint: Endpoint): Connection {
    return { ...endpoint, apiKey: resolveApiKey(hostSettings.configuredApiKey) };
}

export function call<T>(connection: Connection, spec: RequestSpec): Promise<Reply<T>> {
    return sendRequest<T>(connection, spec, retryPolicyFromEnv());
}

export function endpointOf(inputs: LocationInputs): Endpoint {
    return resolveEndpoint({ region: inputs.region, apiUrl: inputs.apiUrl, orgId: inputs.orgId });
}

/**
 * The endpoint recorded in state, falling back to resolving it (state from `pulumi import`). State
 * written before org ids and base URLs were canonicalised may hold another spelling: read it in the
 * canonical one, so it compares equal to the same place named today.
 */
export function storedEndpoint(props: Partial<LocationOutputs>): Endpoint {
    if (props.apiBaseUrl) {
        const baseUrl = canonicalApiBaseUrl(props.apiBaseUrl);
        return props.organizationId ? { baseUrl, orgId: canonicalOrgId(props.organizationId) } : { baseUrl };
    }
    return endpointOf(props);
}

/** The location part of a resource's state. */
export function locationOutputs(endpoint: Endpoint): Pick<LocationOutputs, "apiBaseUrl" | "organizationId"> {
    return { apiBaseUrl: endpoint.baseUrl, ...(endpoint.orgId ? { organizationId: endpoint.orgId } : {}) };
}

/**
 * How a location change replaces a JumpCloud object, decided once for every provider.
 *
 * Moves: a different base URL, or two different explicit org ids (compared canonically, so the
 * same org in another case or with spaces is no move). An org id that appears or disappears
 * (explicitly, or through JUMPCLOUD_ORG_ID) is not a move: a single-organization admin may send
 * `x-org-id` or not, and it is the same organization.
 *
 * Order: delete first, always, except for a move between two named organizations at the same base
 * URL. JumpCloud holds one identity provider per organization, so creating first in what may be the
 * same organization (another URL for it, or a forced `pulumi up --replace`) meets 409 and adopts the
 * very object the old resource then deletes, leaving none. Two different org ids at one base URL
 * cannot be the same organization, so there the new object is made before the old one goes.
 * `deleteFirst` holds even when nothing moves, for a replacement the engine forces.
 */
export function locationReplacement(
    olds: Partial<LocationOutputs>,
    news: LocationInputs,
): { replaces: string[]; deleteFirst: boolean; otherBaseUrl: boolean } {
    const replaces: string[] = [];
    const was = storedEndpoint(olds);
    const now = endpointOf(news);
    const otherBaseUrl = was.baseUrl !== now.baseUrl;
    if (otherBaseUrl) replaces.push(news.apiUrl !== undefined ? "apiUrl" : "region");
    const otherOrg = was.orgId !== undefined && now.orgId !== undefined && was.orgId !== now.orgId;
    if (otherOrg) replaces.push("orgId");
    return { replaces, deleteFirst: !(otherOrg && !otherBaseUrl), otherBaseUrl };
}
