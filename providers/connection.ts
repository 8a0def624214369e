/**
 * Resolves where to call JumpCloud and with which key, when a call runs: never at program time,
 * so nothing here is captured into the serialized provider or written to state.
 *
 * Order: explicit resource input, then environment, then the region's default base URL.
 * No imports beyond the API facts: captured by value into the serialized dynamic provider.
 */
import { JUMPCLOUD_BASE_URLS } from "./jumpcloudApi";
import { canonicalApiBaseUrl, canonicalOrgId, checkApiBaseUrl, checkOrgId } from "./validation";

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

/**
 * Base URL and org id, each checked and in its one canonical spelling, with the field that is wrong
 * named in the error (the input, or the environment variable it came from).
 */
export function resolveEndpoint(inputs: EndpointInputs, env: NodeJS.ProcessEnv = process.env): Endpoint {
    const region = inputs.region ?? "us";
    const regionProblem = checkRegion(region);
    if (regionProblem) throw new Error(`region ${regionProblem}`);
    const problem = apiUrlProblem(inputs, env);
    if (problem) throw new Error(problem);
    const baseUrl = canonicalApiBaseUrl(
        nonEmpty(inputs.apiUrl) ??
            nonEmpty(env[CONNECTION_ENV.apiUrl]) ??
            JUMPCLOUD_BASE_URLS[region as Region],
    );
    const orgId = nonEmpty(inputs.orgId) ?? nonEmpty(env[CONNECTION_ENV.orgId]);
    if (orgId !== undefined) {
        const orgProblem = checkOrgId(orgId);
        if (orgProblem) {
            const field = nonEmpty(inputs.orgId) ? "jumpCloud.orgId" : CONNECTION_ENV.orgId;
            throw new Error(`${field} ${orgProblem}`);
        }
    }
    return orgId === undefined ? { baseUrl } : { baseUrl, orgId: canonicalOrgId(orgId) };
}

/**
 * What is wrong with the base URL that will be used, named by where it came from: the apiUrl input,
 * or JUMPCLOUD_API_URL when no input is given. Providers call this from `check`, so a bad URL in the
 * environment is refused before any call, as a bad input is.
 */
export function apiUrlProblem(
    inputs: EndpointInputs,
    env: NodeJS.ProcessEnv = process.env,
): string | undefined {
    const input = nonEmpty(inputs.apiUrl);
    const fromEnv = nonEmpty(env[CONNECTION_ENV.apiUrl]);
    const value = input ?? fromEnv;
    if (value === undefined) return undefined;
    const problem = checkApiBaseUrl(value);
    if (!problem) return undefined;
    return `${input !== undefined ? "jumpCloud.apiUrl" : CONNECTION_ENV.apiUrl} ${problem}`;
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
