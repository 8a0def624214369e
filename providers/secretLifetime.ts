/**
 * `SecretLifetime`: when the client secret was made, when it expires and when it is due for
 * rotation, fixed once at create and kept in state. Reading the clock in the program instead
 * would give a new end date, and so a new secret, on every `pulumi up`.
 *
 * With `rotateAfterDays`, the first `pulumi up` after the due date replaces this resource; the
 * Entra secret follows it (its `rotateWhenChanged` holds `createdAt`), and the JumpCloud IdP is
 * updated to the new value before the old secret is deleted. Type token
 * `pulumi-nodejs:dynamic/jumpcloud-entra-idp:SecretLifetime`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ShimmedDynamicResource } from "./shimmedResource";

interface LifetimeInputs {
    /** Days from creation to expiry; ignored when `endDate` is set. */
    expiresInDays: number;
    /** A fixed RFC 3339 end date. */
    endDate?: string;
    /** Days from creation after which the next `pulumi up` rotates. */
    rotateAfterDays?: number;
    /** Any change to this map rotates now (the component's `clientSecret.rotateWhenChanged`). */
    rotateWhenChanged?: Record<string, string>;
}
interface LifetimeOutputs extends LifetimeInputs {
    createdAt: string;
    expiresAt: string;
    /** "" when no rotation is scheduled. */
    rotateAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * RFC 3339 in UTC with whole seconds. The azuread provider stores a password's end date with
 * whole seconds; an input with milliseconds would never equal it and would replace the secret
 * on every run.
 */
export function rfc3339Seconds(ms: number): string {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function lifetimeFrom(inputs: LifetimeInputs, now: number): LifetimeOutputs {
    const createdAt = rfc3339Seconds(now);
    const expiresAt = inputs.endDate
        ? rfc3339Seconds(Date.parse(inputs.endDate))
        : rfc3339Seconds(now + inputs.expiresInDays * DAY_MS);
    const rotateAt =
        inputs.rotateAfterDays !== undefined ? rfc3339Seconds(now + inputs.rotateAfterDays * DAY_MS) : "";
    return { ...inputs, createdAt, expiresAt, rotateAt };
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
    const left = a ?? {};
    const right = b ?? {};
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((k) => left[k] === right[k]);
}

/** Which inputs force a new secret, and whether the rotation date has passed. */
export function lifetimeReplaces(olds: LifetimeOutputs, news: LifetimeInputs, now: number): string[] {
    const replaces = (["expiresInDays", "endDate", "rotateAfterDays"] as const).filter(
        (key) => (olds[key] ?? null) !== (news[key] ?? null),
    ) as string[];
    if (!sameMap(olds.rotateWhenChanged, news.rotateWhenChanged)) replaces.push("rotateWhenChanged");
    if (olds.rotateAt && Date.parse(olds.rotateAt) <= now && !replaces.includes("rotateAfterDays")) {
        replaces.push("rotateAfterDays");
    }
    return replaces;
}

export const secretLifetimeProvider: pulumi.dynamic.ResourceProvider<LifetimeInputs, LifetimeOutputs> = {
    async diff(_id, olds, news) {
        const replaces = lifetimeReplaces(olds, news, Date.now());
        return { changes: replaces.length > 0, replaces };
    },
    async create(inputs) {
        const outs = lifetimeFrom(inputs, Date.now()) satisfies LifetimeOutputs;
        return { id: `lifetime-${outs.createdAt}`, outs };
    },
};

export interface SecretLifetimeArgs {
    readonly expiresInDays: pulumi.Input<number>;
    readonly endDate?: pulumi.Input<string>;
    readonly rotateAfterDays?: pulumi.Input<number>;
    readonly rotateWhenChanged?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export class SecretLifetime extends ShimmedDynamicResource {
    declare public readonly createdAt: pulumi.Output<string>;
    declare public readonly expiresAt: pulumi.Output<string>;
    declare public readonly rotateAt: pulumi.Output<string>;

    constructor(name: string, args: SecretLifetimeArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            "secretLifetime",
            { module: "jumpcloud-entra-idp", type: "SecretLifetime" },
            name,
            { ...args, createdAt: undefined, expiresAt: undefined, rotateAt: undefined },
            opts,
        );
    }
}
