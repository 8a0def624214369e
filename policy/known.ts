/**
 * Values a policy can and cannot see yet. During a preview, inputs that depend on resources not
 * yet created are unknown; @pulumi/policy throws `UnknownValueError` when one is read. Our
 * policies skip what they cannot see: the same policy runs again on `pulumi up`, when it is known.
 */
import { UnknownValueError } from "@pulumi/policy";

export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Maybe<T> = T | typeof UNKNOWN;

/** Reads a property, turning "unknown during preview" into UNKNOWN; other errors propagate. */
export function read<T>(get: () => T): Maybe<T> {
    try {
        return get();
    } catch (error) {
        if (error instanceof UnknownValueError) return UNKNOWN;
        throw error;
    }
}
