/**
 * Generated first passwords for Entra users. The component makes one per user at each run and the
 * user's state keeps the one made at its create (see `createUser`). The provider of the former
 * `GeneratedPassword` resource (type `pulumi-nodejs:dynamic/jumpcloud-entra-idp:GeneratedPassword`)
 * stays for stacks made by earlier versions: the next `up` drops those resources (a delete with nothing to call).
 */
import * as pulumi from "@pulumi/pulumi";
import { randomInt } from "crypto";

interface PasswordInputs {
    length: number;
}
interface PasswordOutputs extends PasswordInputs {
    result: string;
}

/** Entra's complexity rule wants three of four classes; we always include all four. */
const CLASSES = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!@#$%^&*()-_=+[]{}:?"];

/** A password of `length` characters with at least one of each class, shuffled (Fisher-Yates). */
export function generatePassword(length: number, pick: (n: number) => number = randomInt): string {
    const all = CLASSES.join("");
    const chars = CLASSES.map((set) => set[pick(set.length)]);
    while (chars.length < length) chars.push(all[pick(all.length)]);
    for (let i = chars.length - 1; i > 0; i--) {
        const j = pick(i + 1);
        [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    return chars.join("");
}

export const generatedPasswordProvider: pulumi.dynamic.ResourceProvider<PasswordInputs, PasswordOutputs> = {
    async check(_olds, news) {
        const failures: pulumi.dynamic.CheckFailure[] = [];
        if (!Number.isInteger(news.length) || news.length < 16 || news.length > 256) {
            failures.push({ property: "length", reason: "length must be a whole number from 16 to 256" });
        }
        return { inputs: news, failures };
    },
    async diff(_id, olds, news) {
        const changed = olds.length !== news.length;
        return { changes: changed, replaces: changed ? ["length"] : [] };
    },
    async create(inputs) {
        const outs = {
            length: inputs.length,
            result: generatePassword(inputs.length),
        } satisfies PasswordOutputs;
        return { id: `password-${randomInt(1e9)}`, outs };
    },
};
