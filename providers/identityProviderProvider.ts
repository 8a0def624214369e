/**
 * The dynamic provider for JumpCloud's identity provider object (type AZURE). Pulumi serializes
 * this object, with everything it references, into the `__provider` property of each resource
 * and runs it in its dynamic-provider host. So: nothing secret is captured (keys are read at
 * call time), and every helper it uses is a small pure module or a package from node_modules.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    PATHS,
    QUERIES,
    MAX_PAGE_SIZE,
    azureIdentityProviderBody,
    identityProviderListProblem,
    identityProviderRecordProblem,
    type IdentityProviderList,
    type IdentityProviderRecord,
} from "./jumpcloudApi";
import { isApiError, type Connection, type JumpCloudApiError } from "./jumpcloudClient";
import type { Endpoint } from "./connection";
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
import {
    canonicalApiBaseUrl,
    canonicalOrgId,
    checkApiBaseUrl,
    checkEntraAuthorityUrl,
    checkGuid,
    checkIdentityProviderId,
    checkNonEmpty,
    checkOrgId,
} from "./validation";
import { storesLegacyProvider } from "./providerShim";

/** The provider's inputs, as the engine hands them over (secrets unwrapped). */
export interface IdentityProviderInputs extends LocationInputs {
    name: string;
    type: "AZURE";
    /** The IdP URL: `https://login.microsoftonline.com/<tenant id>`. */
    url: string;
    clientId: string;
    clientSecret: string;
    adoptExisting?: boolean;
    /**
     * Adopt the identity provider with this id instead of creating one: the way to bring an
     * existing object under management, since Pulumi cannot `pulumi import` dynamic resources.
     */
    existingId?: string;
}

/** What is kept in state: the inputs plus the endpoint the object lives at. */
export interface IdentityProviderOutputs extends IdentityProviderInputs, LocationOutputs {}

/** Inputs whose change means a new object somewhere else: replace, not update. */
const LOCATION_FIELDS = ["apiUrl", "orgId", "region"] as const;
/** Inputs JumpCloud can change in place with one PUT. */
const MUTABLE_FIELDS = ["name", "url", "clientId", "clientSecret"] as const;

/** A location field in its one spelling, so another spelling of the same place is no change. */
function sameSpelling(
    field: (typeof LOCATION_FIELDS)[number],
    value: string | undefined,
): string | undefined {
    if (typeof value !== "string") return value;
    if (field === "orgId" && !checkOrgId(value)) return canonicalOrgId(value);
    if (field === "apiUrl" && !checkApiBaseUrl(value)) return canonicalApiBaseUrl(value);
    return value;
}

function bodyOf(inputs: IdentityProviderInputs) {
    return azureIdentityProviderBody({
        name: inputs.name,
        clientId: inputs.clientId,
        clientSecret: inputs.clientSecret,
        url: inputs.url,
    });
}

function outputsOf(inputs: IdentityProviderInputs, endpoint: Endpoint): IdentityProviderOutputs {
    const outs = { ...inputs, type: "AZURE", ...locationOutputs(endpoint) } satisfies IdentityProviderOutputs;
    return outs;
}

/**
 * Takes over the identity provider `id`: one GET to prove it exists here, one PUT of our values.
 *
 * One that already carries our name and client id was ours before this create began: the object of a
 * resource the engine is replacing create-before-delete (`pulumi up --replace` of a resource adopted
 * by id), whose delete comes next. It is replaced like any pre-existing one of ours (see
 * `resolveConflict`), so that delete cannot leave the organization without one.
 */
async function adoptById(
    connection: Connection,
    inputs: IdentityProviderInputs,
    id: string,
): Promise<string> {
    const record = await getRecord(connection, id);
    if (!record) {
        throw new Error(
            `jumpCloud.existingId: JumpCloud has no identity provider ${id} in this organization ` +
                "(check the id in the Admin Portal URL, the organization id and the region)",
        );
    }
    if (findOurs([record], inputs)) return replaceOurs(connection, inputs, id);
    return takeOver(connection, inputs, id);
}

/**
 * The requests every path is made of, one place each: adopt, replace, create, read, update and
 * delete differ in which they make and in what order, never in how one is made.
 */

/** The identity provider `id`, or undefined when this organization has none by that id (404). */
async function getRecord(connection: Connection, id: string): Promise<IdentityProviderRecord | undefined> {
    try {
        const reply = await call<IdentityProviderRecord>(connection, {
            method: "GET",
            path: PATHS.identityProvider(id),
            expect: identityProviderRecordProblem,
        });
        return reply.data;
    } catch (error) {
        if (isApiError(error, 404)) return undefined;
        throw error;
    }
}

/** One POST of our values; the new object's id. */
async function postOurs(connection: Connection, inputs: IdentityProviderInputs): Promise<string> {
    const reply = await call<IdentityProviderRecord>(connection, {
        method: "POST",
        path: PATHS.identityProviders,
        body: bodyOf(inputs),
        secrets: [inputs.clientSecret],
        expect: identityProviderRecordProblem,
    });
    return reply.data.id;
}

/** Deletes `id`; one already gone (404) is what every caller wants. */
async function deleteIfPresent(connection: Connection, id: string): Promise<void> {
    try {
        await call(connection, { method: "DELETE", path: PATHS.identityProvider(id) });
    } catch (error) {
        if (!isApiError(error, 404)) throw error;
    }
}

/** Every identity provider in the organization, all pages. */
async function listAll(connection: Connection): Promise<IdentityProviderRecord[]> {
    const all: IdentityProviderRecord[] = [];
    for (let skip = 0; ; skip += MAX_PAGE_SIZE) {
        const reply = await call<IdentityProviderList>(connection, {
            method: "GET",
            path: PATHS.identityProviders,
            query: QUERIES.listPage(skip),
            expect: identityProviderListProblem,
        });
        const page = reply.data.identityProviders;
        all.push(...page);
        if (page.length < MAX_PAGE_SIZE || all.length >= reply.data.totalCount) return all;
    }
}

/** The identity provider our own create made: matching type, name and client id. */
function findOurs(
    existing: readonly IdentityProviderRecord[],
    inputs: IdentityProviderInputs,
): IdentityProviderRecord | undefined {
    return existing.find(
        (idp) => idp.type === "AZURE" && idp.name === inputs.name && idp.oidc.clientId === inputs.clientId,
    );
}

/** Writes our values over an identity provider we take as ours, and returns its id. */
async function takeOver(connection: Connection, inputs: IdentityProviderInputs, id: string): Promise<string> {
    await call(connection, {
        method: "PUT",
        path: PATHS.identityProvider(id),
        body: bodyOf(inputs),
        secrets: [inputs.clientSecret],
    });
    return id;
}

/**
 * Deletes an identity provider of ours that existed before this create, then creates ours: the one
 * way that ends with exactly one live object whether or not another resource's delete follows.
 */
async function replaceOurs(
    connection: Connection,
    inputs: IdentityProviderInputs,
    id: string,
): Promise<string> {
    // Gone already (its own resource was deleted meanwhile) is what we want.
    await deleteIfPresent(connection, id);
    return postOurs(connection, inputs);
}

/**
 * A create whose POST got a 2xx that could not be used (not JSON, the wrong shape, too large): the
 * object may exist. Resolved as a lost reply is: ours is found and adopted, so a retry never makes a
 * second one; when none is there, nothing was created and the reply's problem is the error.
 */
async function resolveUnclearCreate(
    connection: Connection,
    inputs: IdentityProviderInputs,
    unclear: JumpCloudApiError,
): Promise<string> {
    const ours = findOurs(await listAll(connection), inputs);
    if (ours) return takeOver(connection, inputs, ours.id);
    throw unclear;
}

/**
 * After a 409 on create: the organization already holds an identity provider.
 *
 * Ours (type AZURE, our name and our Entra app's client id) is resolved by when it was made:
 * - by an earlier attempt of this very create (`ownPostMayHaveLanded`: its reply was lost or late,
 *   and the retry met 409): it is the object this create made, so it is adopted;
 * - before this create began: either one a create that gave up left behind (state lost), or the live
 *   object of a resource the engine is replacing create-before-delete (`pulumi up --replace`,
 *   `replaceWith`, a resource renamed without an alias: the engine then calls no diff, so the
 *   provider's delete-first order does not apply) whose delete comes next. Adopting it would leave
 *   none once that delete runs. It is replaced instead: deleted, then created anew, so the old
 *   resource's delete meets 404 (done) and the one live object is the one state gets.
 * Someone else's is taken over only with `adoptExisting`, otherwise the error names it.
 */
async function resolveConflict(
    connection: Connection,
    inputs: IdentityProviderInputs,
    conflict: JumpCloudApiError,
    ownPostMayHaveLanded: boolean,
): Promise<string> {
    const existing = await listAll(connection);
    const ours = findOurs(existing, inputs);
    if (ours && ownPostMayHaveLanded) {
        // The secret we sent is the one it holds, unless the earlier create came from another run:
        // write ours to be sure.
        return takeOver(connection, inputs, ours.id);
    }
    if (ours) return replaceOurs(connection, inputs, ours.id);
    const other = existing[0];
    if (other && inputs.adoptExisting) return takeOver(connection, inputs, other.id);
    if (other) {
        throw new Error(
            `JumpCloud already has an identity provider in this organization: id ${other.id}, name ` +
                `${JSON.stringify(other.name)} (type ${other.type}); JumpCloud allows one per organization. ` +
                "Either set jumpCloud.adoptExisting: true to take it over (its settings are replaced with ours in one PUT, " +
                "and `pulumi destroy` deletes it later), or delete it in the Admin Portal (DIRECTORY INTEGRATIONS > " +
                `Identity Providers) and run \`pulumi up\` again. To adopt exactly this one, set jumpCloud.existingId: "${other.id}" ` +
                "(`pulumi import` cannot: Pulumi cannot import resources of dynamic providers).",
        );
    }
    // 409 but nothing listed: let the operator see JumpCloud's own words.
    throw conflict;
}

export const identityProviderProvider: pulumi.dynamic.ResourceProvider<
    IdentityProviderInputs,
    IdentityProviderOutputs
> = {
    configure: configureFromStack,

    async check(
        _olds: IdentityProviderInputs,
        news: IdentityProviderInputs,
    ): Promise<pulumi.dynamic.CheckResult<IdentityProviderInputs>> {
        const { failures, add } = checkFailures();
        add("name", news.name, checkNonEmpty(news.name, 256));
        add("url", news.url, checkEntraAuthorityUrl(news.url));
        add("clientId", news.clientId, checkGuid(news.clientId));
        add("clientSecret", news.clientSecret, checkNonEmpty(news.clientSecret, 1024));
        if (news.type !== undefined && news.type !== "AZURE") {
            add("type", news.type, `must be "AZURE" (Entra ID), got ${JSON.stringify(news.type)}`);
        }
        checkLocation(news, add);
        if (news.existingId !== undefined)
            add("existingId", news.existingId, checkIdentityProviderId(news.existingId));
        // Org id and base URL in their one spelling, so state never holds two spellings of one place.
        return { inputs: { ...canonicalLocation(news), type: "AZURE" }, failures };
    },

    async diff(
        id: string,
        olds: IdentityProviderOutputs,
        news: IdentityProviderInputs,
    ): Promise<pulumi.dynamic.DiffResult> {
        const { replaces, deleteFirst } = locationReplacement(olds, news);
        const changed = MUTABLE_FIELDS.filter((field) => olds[field] !== news[field]);
        const locationInputsChanged = LOCATION_FIELDS.filter(
            (field) => sameSpelling(field, olds[field]) !== sameSpelling(field, news[field]),
        );
        // An object adopted by id stays that object: a new location re-points the resource (one PUT there)
        // instead of replacing it, since a replacement would delete the very object it then adopts.
        const pinned = news.existingId !== undefined && news.existingId === id;
        return {
            changes:
                replaces.length > 0 ||
                changed.length > 0 ||
                locationInputsChanged.length > 0 ||
                storesLegacyProvider(olds),
            replaces: pinned ? [] : replaces,
            deleteBeforeReplace: deleteFirst,
        };
    },

    async create(
        inputs: IdentityProviderInputs,
    ): Promise<pulumi.dynamic.CreateResult<IdentityProviderOutputs>> {
        const endpoint = endpointOf(inputs);
        const connection = connect(endpoint);
        if (inputs.existingId) {
            return {
                id: await adoptById(connection, inputs, inputs.existingId),
                outs: outputsOf(inputs, endpoint),
            };
        }
        let id: string;
        try {
            id = await postOurs(connection, inputs);
        } catch (error) {
            // More than one attempt: an earlier one went unanswered (reset, timeout, 5xx) and may have landed.
            if (isApiError(error, 409))
                id = await resolveConflict(connection, inputs, error, error.attempts > 1);
            else if (isApiError(error) && error.outcomeUnknown)
                id = await resolveUnclearCreate(connection, inputs, error);
            else throw error;
        }
        return { id, outs: outputsOf(inputs, endpoint) };
    },

    async read(
        id: string,
        props?: IdentityProviderOutputs,
    ): Promise<pulumi.dynamic.ReadResult<IdentityProviderOutputs>> {
        const endpoint = storedEndpoint(props ?? {});
        const record = await getRecord(connect(endpoint), id);
        // Gone: an empty id tells the engine, so the next `pulumi up` creates it again.
        if (!record) return { id: "", props: {} as never };
        const current: IdentityProviderInputs = {
            name: record.name,
            type: "AZURE",
            url: record.oidc.url,
            clientId: record.oidc.clientId,
            // Write-only on JumpCloud's side: keep what state holds, so refresh shows no false drift.
            clientSecret: props?.clientSecret ?? "",
            ...(props?.region !== undefined ? { region: props.region } : {}),
            ...(props?.apiUrl !== undefined ? { apiUrl: props.apiUrl } : {}),
            ...(props?.orgId !== undefined ? { orgId: props.orgId } : {}),
            ...(props?.adoptExisting !== undefined ? { adoptExisting: props.adoptExisting } : {}),
            ...(props?.existingId !== undefined ? { existingId: props.existingId } : {}),
        };
        // `inputs` let a refresh bring drift into the inputs the next diff compares: only what a program
        // sets. (The SDK types them as outputs; they are the input subset.)
        return {
            id: record.id,
            props: outputsOf(current, endpoint),
            inputs: current as IdentityProviderOutputs,
        };
    },

    async update(
        id: string,
        _olds: IdentityProviderOutputs,
        news: IdentityProviderInputs,
    ): Promise<pulumi.dynamic.UpdateResult<IdentityProviderOutputs>> {
        const endpoint = endpointOf(news);
        try {
            await takeOver(connect(endpoint), news, id);
        } catch (error) {
            if (isApiError(error, 404)) {
                throw new Error(
                    `JumpCloud identity provider ${id} no longer exists (deleted outside Pulumi). ` +
                        "Run `pulumi refresh`, then `pulumi up` creates it again.",
                );
            }
            throw error;
        }
        return { outs: outputsOf(news, endpoint) };
    },

    async delete(id: string, props: IdentityProviderOutputs): Promise<void> {
        await deleteIfPresent(connect(storedEndpoint(props)), id);
    },
};
