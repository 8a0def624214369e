/**
 * Before the contract suite runs against a real organization: one read that tells whether
 * JumpCloud accepts the key at all. A refused key would otherwise show up as a list of contract
 * failures that say nothing about the API.
 */
import axios from "axios";
import { HEADERS, JSON_MEDIA_TYPE, PATHS } from "../providers/jumpcloudApi";
import type { ContractTarget } from "./identityProviderContract";

export type KeyCheck =
    | { readonly accepted: true; readonly status: number }
    | { readonly accepted: false; readonly status: number; readonly message: string };

/** `GET /api/v2/identity-providers?limit=1` with the key (and org id): 401 or 403 means refused. */
export async function checkKeyAccepted(target: ContractTarget): Promise<KeyCheck> {
    const reply = await axios.request({
        baseURL: target.baseUrl,
        url: PATHS.identityProviders,
        method: "GET",
        params: { limit: 1 },
        headers: {
            [HEADERS.apiKey]: target.apiKey,
            [HEADERS.accept]: JSON_MEDIA_TYPE,
            ...(target.orgId ? { [HEADERS.orgId]: target.orgId } : {}),
        },
        validateStatus: () => true,
        timeout: 20_000,
        maxRedirects: 0,
    });
    if (reply.status !== 401 && reply.status !== 403) return { accepted: true, status: reply.status };
    const message = typeof reply.data?.message === "string" ? reply.data.message : "";
    return { accepted: false, status: reply.status, message };
}

/** What to do about a refused key, by status. */
export function refusedKeyAdvice(status: number, orgIdSent: boolean): string {
    const steps =
        status === 403
            ? [
                  "identity providers need an administrator with billing rights: use such an administrator's key (Admin Portal > your name > My API Key)",
              ]
            : [
                  "check that JUMPCLOUD_API_KEY holds the whole key of an administrator of that organization, not revoked (Admin Portal > your name > My API Key)",
                  orgIdSent
                      ? "check that JUMPCLOUD_ORG_ID names an organization this administrator manages"
                      : "a multi-tenant (MSP) administrator must also set JUMPCLOUD_ORG_ID to the organization's id",
                  "an EU organization needs JUMPCLOUD_API_URL=https://console.eu.jumpcloud.com",
              ];
    return steps.map((s) => `  - ${s}`).join("\n");
}
