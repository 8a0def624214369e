/**
 * The JumpCloud API contract this package relies on (docs/jumpcloud-api.md), written once as
 * checks against any base URL and key. CI runs it against the emulator, which proves the
 * emulator follows the sheet; `npm run conformance` runs it against a real (sandbox) JumpCloud
 * organization, which checks the sheet itself.
 *
 * It sends raw requests (no retries, no provider logic) built from the one API module, so a
 * correction to the sheet reaches these checks too.
 */
import axios, { type AxiosResponse } from "axios";
import {
    HEADERS,
    JSON_MEDIA_TYPE,
    OBJECT_ID_PATTERN,
    PATHS,
    QUERIES,
    azureIdentityProviderBody,
    type IdentityProviderList,
    type IdentityProviderRecord,
} from "../providers/jumpcloudApi";

export interface ContractTarget {
    readonly baseUrl: string;
    readonly apiKey: string;
    readonly orgId?: string;
}

export interface ContractCheck {
    /** The sheet's fact, in its words. */
    readonly fact: string;
    /** The sheet's confidence mark for it. */
    readonly confidence: "D" | "P" | "I";
    readonly passed: boolean;
    /** What was seen (statuses, shapes), never a key or secret. */
    readonly seen: string;
}

/** Thrown when the target organization is not empty: the suite runs on sandbox organizations only. */
export class NotASandboxError extends Error {}

const TEST_CLIENT_ID = "c0ffee00-0000-4000-8000-00000000c0de";
const TEST_URL = "https://login.microsoftonline.com/00000000-0000-4000-8000-000000000000";

export async function runIdentityProviderContract(target: ContractTarget): Promise<ContractCheck[]> {
    const checks: ContractCheck[] = [];
    const check = (fact: string, confidence: ContractCheck["confidence"], passed: boolean, seen: string) =>
        checks.push({ fact, confidence, passed, seen });
    const http = axios.create({
        baseURL: target.baseUrl,
        validateStatus: () => true,
        timeout: 20_000,
        maxRedirects: 0,
    });
    const headers = (key: string | null, body = false) => ({
        ...(key !== null ? { [HEADERS.apiKey]: key } : {}),
        [HEADERS.accept]: JSON_MEDIA_TYPE,
        ...(target.orgId ? { [HEADERS.orgId]: target.orgId } : {}),
        ...(body ? { [HEADERS.contentType]: JSON_MEDIA_TYPE } : {}),
    });
    const send = (
        method: string,
        path: string,
        body?: unknown,
        key: string | null = target.apiKey,
        params?: object,
    ) =>
        http.request({
            method,
            url: path,
            data: body === undefined ? undefined : JSON.stringify(body),
            headers: headers(key, body !== undefined),
            params,
        });
    const hasMessage = (r: AxiosResponse) => typeof r.data?.message === "string";

    const noKey = await send("GET", PATHS.identityProviders, undefined, null);
    check(
        "Auth header x-api-key: a request without it is refused (401)",
        "D",
        noKey.status === 401,
        `status ${noKey.status}`,
    );
    const badKey = await send("GET", PATHS.identityProviders, undefined, "not-a-real-key-0000");
    check(
        "A wrong key is refused with 401 and a JSON message",
        "D",
        badKey.status === 401 && hasMessage(badKey),
        `status ${badKey.status}, message ${hasMessage(badKey)}`,
    );

    const list = await send("GET", PATHS.identityProviders, undefined, target.apiKey, QUERIES.listPage(0));
    const wrapped =
        list.status === 200 &&
        Array.isArray(list.data?.identityProviders) &&
        typeof list.data?.totalCount === "number";
    check(
        "GET /api/v2/identity-providers replies {identityProviders: [...], totalCount: N}",
        "P",
        wrapped,
        `status ${list.status}, keys ${Object.keys(list.data ?? {}).join(",")}`,
    );
    if (!wrapped) return checks;
    if ((list.data as IdentityProviderList).totalCount > 0) {
        throw new NotASandboxError(
            `The organization already has ${list.data.totalCount} identity provider(s). The contract suite creates and deletes one, ` +
                "so it runs only on an empty sandbox organization.",
        );
    }

    const body = azureIdentityProviderBody({
        name: "jumpcloud-entra-idp contract check",
        clientId: TEST_CLIENT_ID,
        clientSecret: "contract-check-secret",
        url: TEST_URL,
    });
    const created = await send("POST", PATHS.identityProviders, body);
    const record = created.data as IdentityProviderRecord;
    check(
        "POST creates one; a 2xx reply is the object with an id",
        "P",
        created.status >= 200 && created.status < 300 && typeof record?.id === "string",
        `status ${created.status}`,
    );
    if (!(created.status >= 200 && created.status < 300)) return checks;
    const id = record.id;
    try {
        check("Ids look like 24 hex characters", "I", OBJECT_ID_PATTERN.test(id), `id length ${id.length}`);
        check(
            "The reply echoes name, type AZURE and oidc.clientId/url",
            "P",
            record.name === body.name &&
                record.type === "AZURE" &&
                record.oidc?.clientId === TEST_CLIENT_ID &&
                record.oidc?.url === TEST_URL,
            `type ${record.type}`,
        );
        check(
            'oidc.clientSecret is write-only: the create reply returns ""',
            "P",
            record.oidc?.clientSecret === "",
            `secret length ${String(record.oidc?.clientSecret ?? "").length}`,
        );

        const one = await send("GET", PATHS.identityProvider(id));
        check(
            'GET /{id} reads one, with clientSecret ""',
            "P",
            one.status === 200 && one.data?.id === id && one.data?.oidc?.clientSecret === "",
            `status ${one.status}`,
        );
        const listed = await send(
            "GET",
            PATHS.identityProviders,
            undefined,
            target.apiKey,
            QUERIES.listPage(0),
        );
        const inList = (listed.data?.identityProviders ?? []).find(
            (i: IdentityProviderRecord) => i.id === id,
        );
        check(
            'The list shows it, clientSecret ""',
            "P",
            !!inList && inList.oidc?.clientSecret === "" && listed.data.totalCount === 1,
            `totalCount ${listed.data?.totalCount}`,
        );

        const second = await send("POST", PATHS.identityProviders, { ...body, name: "second" });
        check(
            "One identity provider per organization: a second create answers 409",
            "D",
            second.status === 409,
            `status ${second.status}`,
        );
        if (second.status >= 200 && second.status < 300 && second.data?.id)
            await send("DELETE", PATHS.identityProvider(second.data.id));

        const patch = await send("PATCH", PATHS.identityProvider(id), { name: "patched" });
        check("There is no PATCH: it answers 404", "P", patch.status === 404, `status ${patch.status}`);

        const replaced = await send("PUT", PATHS.identityProvider(id), {
            ...body,
            name: "renamed by contract check",
        });
        const after = await send("GET", PATHS.identityProvider(id));
        check(
            "PUT /{id} replaces the whole object",
            "P",
            replaced.status >= 200 &&
                replaced.status < 300 &&
                after.data?.name === "renamed by contract check",
            `status ${replaced.status}`,
        );
    } finally {
        const deleted = await send("DELETE", PATHS.identityProvider(id));
        check(
            "DELETE /{id} answers 2xx",
            "I",
            deleted.status >= 200 && deleted.status < 300,
            `status ${deleted.status}`,
        );
        const gone = await send("GET", PATHS.identityProvider(id));
        check(
            "After delete, GET /{id} answers 404 with a JSON message",
            "D",
            gone.status === 404 && hasMessage(gone),
            `status ${gone.status}`,
        );
        const again = await send("DELETE", PATHS.identityProvider(id));
        check("Deleting it again answers 404", "D", again.status === 404, `status ${again.status}`);
    }
    return checks;
}
