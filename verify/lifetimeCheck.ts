/** Days left on the client secret JumpCloud holds, against the stack's warning threshold. */
import type { CheckResult, VerifyTarget } from "./target";
import { laterEndDate } from "./settingNames";

const DAY_MS = 24 * 60 * 60 * 1000;

export function checkSecretLifetime(target: VerifyTarget, now: Date): CheckResult {
    const id = "secret-lifetime";
    const end = Date.parse(target.clientSecretEndDate);
    if (Number.isNaN(end)) {
        return {
            id,
            status: "fail",
            summary: `the stack's clientSecretEndDate ${JSON.stringify(target.clientSecretEndDate)} is not a date`,
            fix: "run `pulumi up`",
        };
    }
    const days = Math.floor((end - now.getTime()) / DAY_MS);
    const renew = `${laterEndDate(target)} and run \`pulumi up\`; a new secret reaches JumpCloud in the same run`;
    if (days < 0)
        return {
            id,
            status: "fail",
            summary: `the client secret expired on ${target.clientSecretEndDate}`,
            fix: renew,
        };
    if (days < target.warnBeforeExpiryDays) {
        return {
            id,
            status: "fail",
            summary: `the client secret expires in ${days} days (${target.clientSecretEndDate}), under the ${target.warnBeforeExpiryDays}-day warning`,
            fix: renew,
        };
    }
    return {
        id,
        status: "pass",
        summary: `the client secret has ${days} days left (warning under ${target.warnBeforeExpiryDays})`,
    };
}
