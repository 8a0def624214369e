/**
 * `verify`: walks the sign-in JumpCloud will make with a stack's values and reports each step as
 * one check. Entra's three checks and the lifetime check run side by side with JumpCloud's; a
 * JumpCloud key that is refused is one failure, and the checks that need it are skipped, not
 * failed again.
 */
import {
    checkAuthorize,
    checkClientSecret,
    checkOpenIdConfiguration,
    loginHostAnswered,
} from "./entraChecks";
import { checkIdentityProvider, checkJumpCloudKey, checkRouting, checkUsers } from "./jumpcloudChecks";
import { checkSecretLifetime } from "./lifetimeCheck";
import {
    DEFAULT_LOGIN_URL,
    DEFAULT_TIMEOUT_MS,
    type CheckId,
    type CheckResult,
    type VerifyOptions,
    type VerifyTarget,
} from "./target";

export interface VerifyReport {
    /** true only when every check passed. */
    readonly ok: boolean;
    readonly checks: readonly CheckResult[];
}

function skipped(id: CheckId, why: string): CheckResult {
    return { id, status: "skip", summary: why };
}

async function jumpCloudChecks(
    target: VerifyTarget,
    options: VerifyOptions,
    timeoutMs: number,
): Promise<CheckResult[]> {
    const key = await checkJumpCloudKey(target, options.apiUrl, timeoutMs);
    if (!key.session) {
        const why = "not checked: needs the JumpCloud API key";
        return [
            key.result,
            skipped("identity-provider", why),
            skipped("users", why),
            skipped("routing", why),
        ];
    }
    const [idp, users] = await Promise.all([
        checkIdentityProvider(target, key.session),
        checkUsers(target, key.session),
    ]);
    const routing = await checkRouting(target, key.session, users.userIds);
    return [key.result, idp, users.result, routing];
}

/** A login host that does not answer is one failure: the two checks after it are skipped. */
async function entraChecks(
    target: VerifyTarget,
    settings: { loginUrl: string; timeoutMs: number },
): Promise<CheckResult[]> {
    const openId = await checkOpenIdConfiguration(target, settings);
    if (!loginHostAnswered(openId)) {
        const why = "not checked: Entra's sign-in host did not answer";
        return [openId, skipped("authorize", why), skipped("client-secret", why)];
    }
    const [authorize, secret] = await Promise.all([
        checkAuthorize(target, settings),
        checkClientSecret(target, settings),
    ]);
    return [openId, authorize, secret];
}

export async function verify(target: VerifyTarget, options: VerifyOptions = {}): Promise<VerifyReport> {
    const settings = {
        loginUrl: (options.loginUrl ?? DEFAULT_LOGIN_URL).replace(/\/+$/, ""),
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
    // Entra's side and JumpCloud's side at once: a full verify takes the slower of the two.
    const [entra, jumpCloud] = await Promise.all([
        entraChecks(target, settings),
        jumpCloudChecks(target, options, settings.timeoutMs),
    ]);
    const checks = [...entra, ...jumpCloud, checkSecretLifetime(target, options.now ?? new Date())];
    return { ok: checks.every((c) => c.status === "pass"), checks };
}
