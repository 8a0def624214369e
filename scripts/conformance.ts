/**
 * `npm run conformance`: checks shared/jumpcloud-api.md against a real JumpCloud organization.
 * Needs JUMPCLOUD_API_KEY (and JUMPCLOUD_ORG_ID for multi-tenant admins; JUMPCLOUD_API_URL for
 * the EU). It creates and deletes one identity provider, so point it at a sandbox organization:
 * it refuses to run where an identity provider already exists. Without a key it says so and exits 0.
 */
import { runIdentityProviderContract, NotASandboxError } from "../contract/identityProviderContract";
import { JUMPCLOUD_BASE_URLS } from "../providers/jumpcloudApi";

async function main(): Promise<number> {
    const apiKey = process.env.JUMPCLOUD_API_KEY;
    if (!apiKey) {
        console.log(
            "conformance: JUMPCLOUD_API_KEY is not set; nothing checked. Set it (sandbox organization only) to check the API sheet against JumpCloud.",
        );
        return 0;
    }
    const baseUrl = process.env.JUMPCLOUD_API_URL || JUMPCLOUD_BASE_URLS.us;
    console.log(`conformance: checking ${baseUrl}${process.env.JUMPCLOUD_ORG_ID ? " (with x-org-id)" : ""}`);
    try {
        const checks = await runIdentityProviderContract({
            baseUrl,
            apiKey,
            orgId: process.env.JUMPCLOUD_ORG_ID || undefined,
        });
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
