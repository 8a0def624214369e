/**
 * The retry arithmetic and the hints for errors that retrying cannot fix.
 */
import { expect } from "chai";
import {
    backoffDelayMs,
    retryAfterMs,
    retryPolicyFromEnv,
    DEFAULT_RETRY_POLICY,
} from "../providers/retryPolicy";
import { hintFor } from "../providers/jumpcloudClient";
import { redact } from "../providers/redaction";

describe("retry policy and error hints", () => {
    it("backs off exponentially with jitter between half and all of a capped step", () => {
        const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 500, maxDelayMs: 4000 };
        expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(policy, n, () => 0))).to.deep.equal([
            250, 500, 1000, 2000, 2000,
        ]);
        expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(policy, n, () => 1))).to.deep.equal([
            500, 1000, 2000, 4000, 4000,
        ]);
    });

    it("reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read", () => {
        const now = Date.parse("2026-11-30T12:00:00Z");
        expect(retryAfterMs("3", now)).to.equal(3000);
        expect(retryAfterMs("Mon, 30 Nov 2026 12:00:05 GMT", now)).to.equal(5000);
        expect(retryAfterMs("Mon, 30 Nov 2026 11:00:00 GMT", now)).to.equal(0);
        expect(retryAfterMs("soon", now)).to.equal(undefined);
        expect(retryAfterMs(undefined, now)).to.equal(undefined);
    });

    it("takes overrides from the environment and names a bad one", () => {
        expect(retryPolicyFromEnv({ JUMPCLOUD_MAX_ATTEMPTS: "3" }).maxAttempts).to.equal(3);
        expect(() => retryPolicyFromEnv({ JUMPCLOUD_MAX_ATTEMPTS: "0" })).to.throw(/JUMPCLOUD_MAX_ATTEMPTS/);
        expect(() => retryPolicyFromEnv({ JUMPCLOUD_TIMEOUT_MS: "fast" })).to.throw(/JUMPCLOUD_TIMEOUT_MS/);
    });

    it("explains 401, 403, 409 and 400/422 with what to do", () => {
        expect(hintFor(401)).to.include("API key").and.include("organization id");
        expect(hintFor(403)).to.include("billing");
        expect(hintFor(409)).to.include("one identity provider per organization");
        expect(hintFor(422)).to.include("refused a value");
        expect(hintFor(500)).to.equal(undefined);
    });

    it("redacts every known secret from a message", () => {
        expect(redact("key abcd1234 and secret s3cr3t-value", ["abcd1234", "s3cr3t-value"])).to.equal(
            "key [redacted] and secret [redacted]",
        );
    });
});
