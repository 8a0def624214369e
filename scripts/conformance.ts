/**
 * `npm run conformance`: checks docs/jumpcloud-api.md against a real JumpCloud organization.
 * Needs JUMPCLOUD_API_KEY (and JUMPCLOUD_ORG_ID for multi-tenant admins; JUMPCLOUD_API_URL for
 * the EU). It first checks the key with one read and stops if JumpCloud refuses it. It creates and
 * deletes one identity provider, so point it at a sandbox organization: it refuses to run where an
 * identity provider already exists. Without a key it says so and exits 0.
 *
 * Exit codes: 0 every check passed (or no key), 1 a check failed or the API could not be reached,
 * 2 not a sandbox organization, 3 the key was refused.
 */
import { runIdentityProviderContract, NotASandboxError } from "../contract/identityProviderContract";
import { checkKeyAccepted, refusedKeyAdvice } from "../contract/keyCheck";
import { JUMPCLOUD_BASE_URLS } from "../providers/jumpcloudApi";

async function main(): Promise<number> {
    const apiKey = process.env.JUMPCLOUD_API_KEY;
    if (!apiKey) {
        console.log(
            "conformance: JUMPCLOUD_API_KEY is not set; nothing checked. Set it (sandbox organization only) to check docs/jumpcloud-api.md against JumpCloud.",
        );
        return 0;
    }
    const baseUrl = process.env.JUMPCLOUD_API_URL || JUMPCLOUD_BASE_URLS.us;
    const orgId = process.env.JUMPCLOUD_ORG_ID || undefined;
    const target = { baseUrl, apiKey, orgId };
    console.log(`conformance: checking ${baseUrl}${orgId ? " (with x-org-id)" : ""}`);
    try {
        const key = await checkKeyAccepted(target);
        if (!key.accepted) {
            console.error(
                `conformance: the key was refused (HTTP ${key.status}${key.message ? `: ${key.message}` : ""}); nothing was checked. What to do:\n` +
                    refusedKeyAdvice(key.status, orgId !== undefined),
            );
            return 3;
        }
        const checks = await runIdentityProviderContract(target);
        for (const c of checks)
            console.log(`${c.passed ? "PASS" : "FAIL"} [${c.confidence}] ${c.fact} (${c.seen})`);
        const failed = checks.filter((c) => !c.passed).length;
        console.log(`${checks.length - failed} passed, ${failed} failed`);
        return failed === 0 ? 0 : 1;
    } catch (error) {
        console.error(
            `conformance: ${error instanceof NotASandboxError ? "refused" : "failed"}: ${(error as Error).message}`,
        );
        return error instanceof NotASandboxError ? 2 : 1;
    }
}

main().then((code) => process.exit(code));
