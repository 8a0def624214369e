/**
 * Well-formed inputs for the JumpCloud identity provider, for the tests and the benchmark.
 */
import type { IdentityProviderInputs } from "../providers/identityProviderProvider";

export function sampleIdentityProviderInputs(
    apiUrl: string,
    clientSecret: string,
    overrides: Partial<IdentityProviderInputs> = {},
): IdentityProviderInputs {
    return {
        name: "Entra OIDC",
        type: "AZURE",
        url: "https://login.microsoftonline.com/6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
        clientId: "0b8e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d",
        clientSecret,
        apiUrl,
        ...overrides,
    };
}
