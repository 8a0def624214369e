/**
 * `npm run fleet -- verify`: one organization's verify, with the values its stack's outputs hold
 * and the settings its inventory entry gives (region, JumpCloud address, routing policy, warning
 * threshold). A failing check fails the organization, its first line naming every failed check.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { DEFAULTS } from "../components/constants";
import { verify, type VerifyOptions, type VerifyTarget } from "../verify";
import type { Organization } from "./inventory";
import { outputValues } from "../verify/componentOutputs";

export function fleetVerifyTarget(
    org: Organization,
    outputs: Record<string, { value: unknown }>,
    apiKey: string,
): VerifyTarget {
    const args = org.component;
    const routing = args.jumpCloud?.routing;
    const { routedGroupIds, ...values } = outputValues(
        Object.fromEntries(Object.entries(outputs).map(([name, output]) => [name, output.value])),
        (name) => `the stack has no output ${name}: run \`npm run fleet -- up\` first`,
    );
    return {
        ...values,
        region: args.region ?? DEFAULTS.region,
        ...(routing ? { routing: { policyId: routing.policyId, groupIds: routedGroupIds } } : {}),
        warnBeforeExpiryDays: args.clientSecret?.warnBeforeExpiryDays ?? DEFAULTS.warnBeforeExpiryDays,
        // Fixes name the inventory's fields, which is what the operator wrote.
        naming: {
            style: "arguments",
            prefix: "component.",
            where: `of organization ${JSON.stringify(org.name)} in the inventory`,
            tenant: `entraTenantId of organization ${JSON.stringify(org.name)} in the inventory`,
        },
        jumpCloud: {
            apiKey,
            ...(args.jumpCloud?.apiUrl ? { apiUrl: args.jumpCloud.apiUrl } : {}),
            ...(args.jumpCloud?.orgId ? { orgId: args.jumpCloud.orgId } : {}),
        },
    };
}

/** Resolves when every check passed; otherwise rejects naming each failed check and its fix. */
export async function verifyOrganization(
    stack: Stack,
    org: Organization,
    apiKey: string,
    options: VerifyOptions = {},
): Promise<void> {
    const target = fleetVerifyTarget(org, await stack.outputs(), apiKey);
    const report = await verify(target, options);
    const failed = report.checks.filter((c) => c.status === "fail");
    if (failed.length > 0) {
        throw new Error(failed.map((c) => `✗ ${c.summary}${c.fix ? ` (fix: ${c.fix})` : ""}`).join("; "));
    }
}
