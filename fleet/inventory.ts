/**
 * The fleet inventory: a YAML file listing JumpCloud organizations, one Pulumi stack each.
 * `loadInventory` checks it completely and throws one `InventoryError` listing every problem with
 * its line, field and what is wrong; nothing runs until the whole file is right.
 *
 * The file format is documented in docs/fleet.md ("The inventory") and in
 * examples/fleet/fleet.yaml.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { argumentProblems, type EntraIdentityProviderArgs } from "../components/args";
import { checkRegion, type Region } from "../providers/connection";
import { checkGuid, checkObjectId } from "../providers/validation";
import { COMPONENT_SHAPE } from "./componentShape";
import { checkShape, describe, isPlainObject, type Report } from "./shape";
import { parseYamlSource } from "./yamlSource";

/** Where a secret's value is read when a stack runs: never the value itself. */
export type SecretSource = { readonly env: string } | { readonly file: string };

export interface OrganizationSecrets {
    /** The JumpCloud API key, stored as the stack's secret `jumpcloud:apiKey`. */
    readonly jumpCloudApiKey: SecretSource;
    /** The passphrase of this stack's secrets (passphrase provider only). Defaults to env PULUMI_CONFIG_PASSPHRASE. */
    readonly stackPassphrase?: SecretSource;
    /** A client secret for azuread's own sign-in to this tenant, stored as the secret `azuread:clientSecret`. */
    readonly entraClientSecret?: SecretSource;
}

export interface Organization {
    /** The stack name, unique in the inventory. */
    readonly name: string;
    readonly jumpCloudOrgId: string;
    readonly region: Region;
    /** The Entra tenant (directory) id: the stack's `azuread:tenantId`. */
    readonly entraTenantId: string;
    /** The client id azuread signs in with (a service principal per tenant), `azuread:clientId`. */
    readonly entraClientId?: string;
    readonly secrets: OrganizationSecrets;
    /** The stack's secrets provider: "passphrase" (default) or a KMS URL such as azurekeyvault://... */
    readonly secretsProvider: string;
    /** The component's arguments, region and organization id included. */
    readonly component: EntraIdentityProviderArgs;
    /** Where the entry starts in the inventory. */
    readonly line: number;
}

export interface Inventory {
    readonly file: string;
    /** The Pulumi project every organization's stack belongs to. */
    readonly project: string;
    /** The state backend URL; relative file:// paths are resolved against the inventory's folder. */
    readonly backend?: string;
    readonly organizations: readonly Organization[];
}

export interface InventoryProblem {
    readonly line: number;
    /** The field's path in the file, for example `organizations[2].component.users[0].displayName`. */
    readonly field: string;
    readonly message: string;
}

/** A bad inventory: every problem, each as `file:line: field: what is wrong`. */
export class InventoryError extends Error {
    constructor(
        readonly file: string,
        readonly problems: readonly InventoryProblem[],
    ) {
        super(
            `${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the fleet inventory:\n` +
                problems
                    .map((p) => `  ${file}:${p.line}: ${p.field ? `${p.field}: ` : ""}${p.message}`)
                    .join("\n"),
        );
        this.name = "InventoryError";
    }
}

export const DEFAULT_PROJECT = "jumpcloud-entra-fleet";
const DEFAULT_PASSPHRASE_SOURCE: SecretSource = { env: "PULUMI_CONFIG_PASSPHRASE" };

const TOP_KEYS = ["project", "backend", "defaults", "organizations"];
const ORGANIZATION_KEYS = [
    "name",
    "jumpCloudOrgId",
    "region",
    "entraTenantId",
    "entraClientId",
    "secrets",
    "secretsProvider",
    "component",
];
/** What `defaults` may hold: settings that are commonly the same for every organization. */
const DEFAULT_KEYS = ["region", "secrets", "secretsProvider", "component"];
const SECRET_KEYS = ["jumpCloudApiKey", "stackPassphrase", "entraClientSecret"];
/** Set at the organization's top level instead, so that the stack settings and the component agree. */
const MOVED_COMPONENT_FIELDS: Record<string, string> = {
    region: "region",
    "jumpCloud.orgId": "jumpCloudOrgId",
};

export function loadInventory(file: string): Inventory {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
        throw new InventoryError(file, [{ line: 1, field: "", message: `cannot read the file (${code})` }]);
    }
    return parseInventory(text, file);
}

/** Parses and checks inventory text; `file` names it in errors and anchors relative paths. */
export function parseInventory(text: string, file: string, now: number = Date.now()): Inventory {
    const source = parseYamlSource(text);
    const problems: InventoryProblem[] = [];
    const report: Report = (field, message) => problems.push({ line: source.lineOf(field), field, message });
    if (source.syntaxErrors.length > 0) {
        throw new InventoryError(
            file,
            source.syntaxErrors.map((e) => ({
                line: e.line,
                field: "",
                message: `YAML syntax: ${e.message}`,
            })),
        );
    }
    const root = source.value;
    if (!isPlainObject(root)) {
        throw new InventoryError(file, [
            { line: 1, field: "", message: `must be a map with "organizations:", got ${describe(root)}` },
        ]);
    }
    unknownKeys(root, TOP_KEYS, "", report);

    const project = root.project ?? DEFAULT_PROJECT;
    if (typeof project !== "string" || !/^[A-Za-z0-9_.-]{1,100}$/.test(project)) {
        report(
            "project",
            `must be a Pulumi project name (letters, digits, "_", ".", "-"), got ${describe(project)}`,
        );
    }
    const baseDir = path.dirname(path.resolve(file));
    const backend = checkBackend(root.backend, baseDir, report);

    const defaults = readDefaults(root.defaults, baseDir, source.has.bind(source), report);
    const entries = root.organizations;
    const organizations: Organization[] = [];
    if (!Array.isArray(entries) || entries.length === 0) {
        report("organizations", `must be a list of at least one organization, got ${describe(entries)}`);
    } else {
        entries.forEach((entry, i) => {
            const at = `organizations[${i}]`;
            const org =
                defaults &&
                readOrganization(entry, defaults, at, baseDir, source.has.bind(source), report, now);
            if (org) organizations.push({ ...org, line: source.lineOf(at) });
        });
        // On the raw entries, so that a clash is reported even beside other problems.
        reportDuplicates(entries, "name", "each stack name must be unique", report);
        reportDuplicates(
            entries,
            "jumpCloudOrgId",
            "two stacks would fight over one organization's identity provider",
            report,
        );
    }

    if (problems.length > 0) {
        problems.sort((a, b) => a.line - b.line);
        throw new InventoryError(file, problems);
    }
    return {
        file,
        project: project as string,
        ...(backend ? { backend } : {}),
        organizations,
    };
}

/** `defaults:` checked once; each organization's own values win over these. */
interface Defaults {
    readonly region?: unknown;
    readonly secretsProvider?: unknown;
    readonly secrets: Partial<Record<keyof OrganizationSecrets, SecretSource>>;
    readonly component: Record<string, unknown>;
}

function readDefaults(
    value: unknown,
    baseDir: string,
    inFile: (path: string) => boolean,
    report: Report,
): Defaults | undefined {
    const given = value ?? {};
    if (!isPlainObject(given)) return void report("defaults", `must be a map, got ${describe(given)}`);
    const counted = countingReport(report);
    unknownKeys(given, DEFAULT_KEYS, "defaults", counted.report);
    if (given.region !== undefined) {
        const problem = checkRegion(given.region);
        if (problem) counted.report("defaults.region", problem);
    }
    if (given.secretsProvider !== undefined)
        checkSecretsProvider(given.secretsProvider, "defaults.secretsProvider", counted.report);
    const secrets = readSecretSources(given.secrets, "defaults.secrets", baseDir, counted.report);
    const component = readComponentArgs(given.component, "defaults.component", inFile, counted.report);
    if (counted.count() > 0 || !secrets || !component) return undefined;
    return { region: given.region, secretsProvider: given.secretsProvider, secrets, component };
}

function readOrganization(
    entry: unknown,
    defaults: Defaults,
    at: string,
    baseDir: string,
    inFile: (path: string) => boolean,
    report: Report,
    now: number,
): Omit<Organization, "line"> | undefined {
    if (!isPlainObject(entry)) {
        report(
            at,
            `must be a map (name, jumpCloudOrgId, entraTenantId, secrets, component...), got ${describe(entry)}`,
        );
        return undefined;
    }
    const counted = countingReport(report);
    unknownKeys(entry, ORGANIZATION_KEYS, at, counted.report);

    const name = entry.name;
    if (typeof name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(name)) {
        counted.report(
            `${at}.name`,
            `must be a stack name (a letter or digit, then letters, digits, "_", ".", "-"), got ${describe(name)}`,
        );
    }
    const orgId = entry.jumpCloudOrgId;
    const orgProblem = checkObjectId(orgId);
    if (orgProblem) {
        // An id of digits only is read by YAML as a number, losing leading zeros.
        const hint = typeof orgId === "number" ? ' (YAML read a number: put the id in quotes, "...")' : "";
        counted.report(`${at}.jumpCloudOrgId`, `${orgProblem}${hint}`);
    }
    const region = entry.region ?? defaults.region ?? "us";
    if (entry.region !== undefined) {
        const regionProblem = checkRegion(entry.region);
        if (regionProblem) counted.report(`${at}.region`, regionProblem);
    }
    const tenantProblem = checkGuid(entry.entraTenantId);
    if (tenantProblem) counted.report(`${at}.entraTenantId`, `(the Entra directory id) ${tenantProblem}`);
    if (entry.entraClientId !== undefined) {
        const clientProblem = checkGuid(entry.entraClientId);
        if (clientProblem) counted.report(`${at}.entraClientId`, clientProblem);
    }
    const secretsProvider = entry.secretsProvider ?? defaults.secretsProvider ?? "passphrase";
    if (entry.secretsProvider !== undefined)
        checkSecretsProvider(entry.secretsProvider, `${at}.secretsProvider`, counted.report);

    const own = readSecretSources(entry.secrets, `${at}.secrets`, baseDir, counted.report);
    const merged = own ? { ...defaults.secrets, ...own } : undefined;
    if (merged && merged.jumpCloudApiKey === undefined) {
        counted.report(
            `${at}.secrets.jumpCloudApiKey`,
            "is required (here or in defaults.secrets): { env: VARIABLE } or { file: PATH }",
        );
    }
    if (merged?.stackPassphrase !== undefined && secretsProvider !== "passphrase") {
        counted.report(
            `${at}.secrets.stackPassphrase`,
            `is only used by the passphrase secrets provider, not ${JSON.stringify(secretsProvider)}`,
        );
    }
    const component = readComponentArgs(entry.component, `${at}.component`, inFile, counted.report);
    if (counted.count() > 0 || !merged?.jumpCloudApiKey || !component) return undefined;

    // A shallow merge: an organization's `users` replaces the defaults' `users`, and so on.
    const args: EntraIdentityProviderArgs = {
        ...defaults.component,
        ...component,
        region: region as Region,
        jumpCloud: {
            ...((component.jumpCloud ?? defaults.component.jumpCloud ?? {}) as object),
            orgId: orgId as string,
        },
    };
    for (const problem of argumentProblems(name as string, args, now)) {
        const moved = MOVED_COMPONENT_FIELDS[problem.field];
        const ownPath = moved ? `${at}.${moved}` : `${at}.component.${problem.field}`;
        // A field that came from `defaults` is reported where it is written.
        const defaultsPath = moved ? `defaults.${moved}` : `defaults.component.${problem.field}`;
        counted.report(!inFile(ownPath) && inFile(defaultsPath) ? defaultsPath : ownPath, problem.reason);
    }
    if (counted.count() > 0) return undefined;
    return {
        name: name as string,
        jumpCloudOrgId: orgId as string,
        region: region as Region,
        entraTenantId: entry.entraTenantId as string,
        ...(entry.entraClientId !== undefined ? { entraClientId: entry.entraClientId as string } : {}),
        secrets: {
            jumpCloudApiKey: merged.jumpCloudApiKey,
            stackPassphrase:
                merged.stackPassphrase ??
                (secretsProvider === "passphrase" ? DEFAULT_PASSPHRASE_SOURCE : undefined),
            ...(merged.entraClientSecret ? { entraClientSecret: merged.entraClientSecret } : {}),
        },
        secretsProvider: secretsProvider as string,
        component: args,
    };
}

function checkSecretsProvider(value: unknown, at: string, report: Report): void {
    if (typeof value !== "string" || !/^(passphrase|default|[a-z0-9]+:\/\/\S+)$/.test(value)) {
        report(
            at,
            `must be "passphrase", "default" or a KMS URL such as azurekeyvault://..., got ${describe(value)}`,
        );
    }
}

/** The `secrets:` map: each a source. Undefined when any is bad (each reported). */
function readSecretSources(
    value: unknown,
    at: string,
    baseDir: string,
    report: Report,
): Partial<Record<keyof OrganizationSecrets, SecretSource>> | undefined {
    const given = value ?? {};
    if (!isPlainObject(given))
        return void report(at, `must be a map (${SECRET_KEYS.join(", ")}), got ${describe(given)}`);
    const counted = countingReport(report);
    unknownKeys(given, SECRET_KEYS, at, counted.report);
    const sources: Partial<Record<keyof OrganizationSecrets, SecretSource>> = {};
    for (const key of SECRET_KEYS) {
        if (given[key] === undefined) continue;
        const source = readSecretSource(given[key], `${at}.${key}`, baseDir, counted.report);
        if (source) sources[key as keyof OrganizationSecrets] = source;
    }
    return counted.count() > 0 ? undefined : sources;
}

/** `{ env: NAME }` or `{ file: PATH }`; null when bad. Never echoes a value: it may be the secret itself. */
function readSecretSource(raw: unknown, at: string, baseDir: string, report: Report): SecretSource | null {
    const expected =
        "must be { env: VARIABLE } or { file: PATH } naming where the secret is read, never the secret itself";
    if (!isPlainObject(raw)) {
        report(
            at,
            `${expected} (got ${Array.isArray(raw) ? "a list" : raw === null ? "nothing" : `a ${typeof raw}`})`,
        );
        return null;
    }
    const keys = Object.keys(raw);
    if (keys.length !== 1 || (keys[0] !== "env" && keys[0] !== "file")) {
        report(at, `${expected} (got the keys ${keys.join(", ") || "none"})`);
        return null;
    }
    const where = raw[keys[0]];
    if (keys[0] === "env") {
        if (typeof where !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(where)) {
            report(`${at}.env`, "must be an environment variable name (letters, digits, underscores)");
            return null;
        }
        return { env: where };
    }
    if (typeof where !== "string" || where.trim() === "") {
        report(`${at}.file`, "must be a file path (relative paths start at the inventory's folder)");
        return null;
    }
    return { file: path.resolve(baseDir, where) };
}

/** The `component:` map's structure; the values' meaning is checked by the component's own checks. */
function readComponentArgs(
    value: unknown,
    at: string,
    inFile: (path: string) => boolean,
    report: Report,
): Record<string, unknown> | undefined {
    const given = value ?? {};
    const counted = countingReport(report);
    for (const [moved, target] of Object.entries(MOVED_COMPONENT_FIELDS)) {
        if (inFile(`${at}.${moved}`)) {
            counted.report(`${at}.${moved}`, `is set as the organization's ${target}, not inside component`);
        }
    }
    checkShape(given, COMPONENT_SHAPE, at, (p, message) => {
        // Moved fields were reported above with a better message.
        if (!(p.slice(at.length + 1) in MOVED_COMPONENT_FIELDS)) counted.report(p, message);
    });
    return counted.count() > 0 || !isPlainObject(given) ? undefined : given;
}

function checkBackend(value: unknown, baseDir: string, report: Report): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !/^[a-z0-9]+:\/\/\S*$/.test(value)) {
        report(
            "backend",
            `must be a Pulumi backend URL such as file://./state or s3://bucket, got ${describe(value)}`,
        );
        return undefined;
    }
    const local = /^file:\/\/(.*)$/.exec(value);
    if (local && local[1] !== "" && !local[1].startsWith("/") && !local[1].startsWith("~")) {
        return `file://${path.resolve(baseDir, local[1])}`;
    }
    return value;
}

/** Case-insensitive duplicates of one string field across entries. */
function reportDuplicates(entries: unknown[], field: string, why: string, report: Report): void {
    const first = new Map<string, number>();
    entries.forEach((entry, i) => {
        const value = isPlainObject(entry) ? entry[field] : undefined;
        if (typeof value !== "string") return;
        const key = value.toLowerCase();
        const earlier = first.get(key);
        if (earlier === undefined) {
            first.set(key, i);
        } else {
            report(
                `organizations[${i}].${field}`,
                `duplicates organizations[${earlier}].${field} (${value}); ${why}`,
            );
        }
    });
}

function unknownKeys(
    map: Record<string, unknown>,
    known: readonly string[],
    at: string,
    report: Report,
): void {
    for (const key of Object.keys(map)) {
        if (!known.includes(key)) {
            report(at === "" ? key : `${at}.${key}`, `is not a known field here; known: ${known.join(", ")}`);
        }
    }
}

/** Wraps a report to count what one part of the file adds. */
function countingReport(report: Report): { report: Report; count: () => number } {
    let count = 0;
    return {
        report: (p, m) => {
            count++;
            report(p, m);
        },
        count: () => count,
    };
}
