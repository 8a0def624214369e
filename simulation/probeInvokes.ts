/**
 * What the component's two invokes (the caller's client config, Microsoft Graph's service
 * principal) answer in a probe that only watches what the component registers: fixed, well-formed
 * values, the same for every probe.
 */
export function probeInvokeResult(): Record<string, unknown> {
    return {
        tenantId: "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
        objectId: "00000000-0000-4000-8000-000000000002",
        oauth2PermissionScopeIds: { openid: "1", email: "2", profile: "3" },
    };
}
