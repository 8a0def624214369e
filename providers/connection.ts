/**
 * Resolves where to call JumpCloud and with which key, when a call runs: never at program time,
 * so nothing here is captured into the serialized provider or written to state.
 *
 * Order: explicit resource input, then environment, then the region's default base URL.
 * No imports beyond the API facts: captured by value into the serialized dynamic provider.
 */
import { JUMPCLOUD_BASE_URLS } from "./jumpcloudApi";
import { checkHttpsUrl, checkObjectId } from "./validation";

export const CONNECTION_ENV = {
    apiKey: "JUMPCLOUD_API_KEY",
    orgId: "JUMPCLOUD_ORG_ID",
    apiUrl: "JUMPCLOUD_API_URL",
} as const;

/** The secret stack setting the dynamic provider's `configure` reads. */
export const API_KEY_CONFIG_KEY = "jumpcloud:apiKey";

export type Region = keyof typeof JUMPCLOUD_BASE_URLS;
export const REGIONS = Object.keys(JUMPCLOUD_BASE_URLS) as Region[];

/** The one region check: the component, the providers and endpoint resolution all use it. */
export function checkRegion(value: unknown): string | undefined {
    if (typeof value === "string" && (REGIONS as string[]).includes(value)) return undefined;
    return `must be one of ${REGIONS.map((r) => `"${r}"`).join(", ")}, got ${JSON.stringify(value)}`;
}

export interface EndpointInputs {
    readonly region?: string;
    readonly apiUrl?: string;
    readonly orgId?: string;
}

export interface Endpoint {
    readonly baseUrl: string;
    readonly orgId?: string;
}

/** Base URL and org id, with the field that is wrong named in the error. */
export function resolveEndpoint(inputs: EndpointInputs, env: NodeJS.ProcessEnv = process.env): Endpoint {
    const region = inputs.region ?? "us";
    const regionProblem = checkRegion(region);
    if (regionProblem) throw new Error(`region ${regionProblem}`);
    const fromEnvUrl = nonEmpty(env[CONNECTION_ENV.apiUrl]);
    const baseUrl = (nonEmpty(inputs.apiUrl) ?? fromEnvUrl ?? JUMPCLOUD_BASE_URLS[region as Region]).replace(
        /\/+$/,
        "",
    );
    const urlProblem = checkHttpsUrl(baseUrl, true);
    if (urlProblem) {
        const field = nonEmpty(inputs.apiUrl) ? "jumpCloud.apiUrl" : CONNECTION_ENV.apiUrl;
        throw new Error(`${field} ${urlProblem}`);
    }
    const orgId = nonEmpty(inputs.orgId) ?? nonEmpty(env[CONNECTION_ENV.orgId]);
    if (orgId !== undefined) {
        const orgProblem = checkObjectId(orgId);
        if (orgProblem) {
            const field = nonEmpty(inputs.orgId) ? "jumpCloud.orgId" : CONNECTION_ENV.orgId;
            throw new Error(`${field} ${orgProblem}`);
        }
    }
    return orgId === undefined ? { baseUrl } : { baseUrl, orgId };
}

/** The API key: environment first, then the stack's secret setting handed to `configure`. */
export function resolveApiKey(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
    const key = nonEmpty(env[CONNECTION_ENV.apiKey]) ?? nonEmpty(configured);
    if (key === undefined) {
        throw new Error(
            `No JumpCloud API key: set ${CONNECTION_ENV.apiKey} in the environment, or run ` +
                `\`pulumi config set --secret ${API_KEY_CONFIG_KEY} <key>\` ` +
                "(Admin Portal > your name > My API Key, as an administrator with billing rights)",
        );
    }
    return key;
}

function nonEmpty(value: string | undefined): string | undefined {
    return value === undefined || value.trim() === "" ? undefined : value.trim();
}
