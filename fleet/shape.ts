/**
 * A small structural checker for plain YAML values: types, known keys, lists. It says what is
 * wrong at which path; the meaning of values (formats, ranges) is checked by their owners.
 */

export type Shape =
    | { readonly kind: "string" | "number" | "boolean" }
    | { readonly kind: "list"; readonly of: Shape }
    | { readonly kind: "record"; readonly of: Shape }
    | { readonly kind: "object"; readonly fields: Readonly<Record<string, Shape>> };

export const string: Shape = { kind: "string" };
export const number: Shape = { kind: "number" };
export const boolean: Shape = { kind: "boolean" };
export const listOf = (of: Shape): Shape => ({ kind: "list", of });
/** A map with any keys, each value of one shape. */
export const recordOf = (of: Shape): Shape => ({ kind: "record", of });
/** A map with only these keys, each optional. */
export const objectOf = (fields: Record<string, Shape>): Shape => ({ kind: "object", fields });

export type Report = (path: string, message: string) => void;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reports every mismatch between `value` and `shape` under `path`; returns whether there was none. */
export function checkShape(value: unknown, shape: Shape, path: string, report: Report): boolean {
    let ok = true;
    const fail = (at: string, message: string) => {
        ok = false;
        report(at, message);
    };
    const visit = (v: unknown, s: Shape, at: string) => {
        switch (s.kind) {
            case "string":
            case "number":
            case "boolean":
                if (typeof v !== s.kind || (s.kind === "number" && !Number.isFinite(v))) {
                    fail(at, `must be a ${s.kind}, got ${describe(v)}`);
                }
                return;
            case "list":
                if (!Array.isArray(v)) return fail(at, `must be a list, got ${describe(v)}`);
                v.forEach((item, i) => visit(item, s.of, `${at}[${i}]`));
                return;
            case "record":
                if (!isPlainObject(v)) return fail(at, `must be a map, got ${describe(v)}`);
                for (const [key, item] of Object.entries(v)) visit(item, s.of, `${at}.${key}`);
                return;
            case "object": {
                if (!isPlainObject(v)) return fail(at, `must be a map, got ${describe(v)}`);
                for (const [key, item] of Object.entries(v)) {
                    const field = s.fields[key];
                    if (field === undefined) {
                        fail(
                            `${at}.${key}`,
                            `is not a known field here; known: ${Object.keys(s.fields).join(", ")}`,
                        );
                    } else {
                        visit(item, field, `${at}.${key}`);
                    }
                }
                return;
            }
        }
    };
    visit(value, shape, path);
    return ok;
}

/** A value as an error message shows it: its type, and short scalars themselves. */
export function describe(value: unknown): string {
    if (value === null || value === undefined) return "nothing";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "a map";
    const text = JSON.stringify(value);
    return `${typeof value} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}
