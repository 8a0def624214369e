/**
 * The JumpCloud client secret (`ApplicationPassword.endDate`) expires within the allowed maximum
 * and is not already near expiry.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { read, UNKNOWN } from "./known";
import { insideComponent, TYPES } from "./resourceTypes";

export interface SecretLifetimeConfig {
    /** The longest allowed lifetime from now, in days. */
    readonly maxDays: number;
    /** Fewer days left than this is "near expiry". */
    readonly minDaysLeft: number;
}

export const SECRET_LIFETIME_DEFAULTS: SecretLifetimeConfig = { maxDays: 180, minDaysLeft: 30 };

const DAY_MS = 86_400_000;
/** Clocks and the secret's creation a moment before the check: a day's grace on the maximum. */
const MAX_GRACE_MS = DAY_MS;

export function secretLifetimePolicy(now: () => number): ResourceValidationPolicy {
    return {
        name: "client-secret-lifetime",
        description:
            "The JumpCloud client secret (ApplicationPassword.endDate) must expire within maxDays (default 180) " +
            "and have at least minDaysLeft (default 30) left.",
        enforcementLevel: "mandatory",
        configSchema: {
            properties: {
                maxDays: {
                    type: "integer",
                    minimum: 1,
                    maximum: 730,
                    default: SECRET_LIFETIME_DEFAULTS.maxDays,
                },
                minDaysLeft: {
                    type: "integer",
                    minimum: 0,
                    maximum: 730,
                    default: SECRET_LIFETIME_DEFAULTS.minDaysLeft,
                },
            },
        },
        validateResource: (args, reportViolation) => {
            if (args.type !== TYPES.applicationPassword || !insideComponent(args.urn)) return;
            // The engine fills in the schema's defaults; an older engine may not.
            const { maxDays, minDaysLeft } = {
                ...SECRET_LIFETIME_DEFAULTS,
                ...args.getConfig<Partial<SecretLifetimeConfig>>(),
            };
            const endDate = read(() => args.props.endDate as unknown);
            // Unknown while the secret's lifetime is new in this preview: checked on `pulumi up`.
            if (endDate === UNKNOWN) return;
            const at = typeof endDate === "string" ? Date.parse(endDate) : NaN;
            if (Number.isNaN(at)) {
                reportViolation(
                    `The client secret has no readable end date (${JSON.stringify(endDate)}); ` +
                        "set clientSecret.expiresInDays or clientSecret.endDate.",
                );
                return;
            }
            const daysLeft = Math.floor((at - now()) / DAY_MS);
            if (at - now() > maxDays * DAY_MS + MAX_GRACE_MS) {
                reportViolation(
                    `The client secret ends ${endDate}, ${daysLeft} days from now; the allowed maximum is ${maxDays} days. ` +
                        `Set clientSecret.expiresInDays (or clientSecret.endDate) to at most ${maxDays} days.`,
                );
            } else if (daysLeft < minDaysLeft) {
                reportViolation(
                    `The client secret ends ${endDate}, ${daysLeft < 0 ? "already past" : `${daysLeft} days from now`}; ` +
                        `at least ${minDaysLeft} days must be left. Rotate it: set clientSecret.rotateAfterDays ` +
                        "or change clientSecret.rotateWhenChanged, then `pulumi up`.",
                );
            }
        },
    };
}
