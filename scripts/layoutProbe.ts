/**
 * One layout probe, run by `providerLayouts.ts` as a child process whose working directory is the
 * program under test (this repo, or a scratch program with the package installed): builds the
 * component from that program's own copy of the package under Pulumi's mocks, takes each dynamic
 * resource's `__provider` and inputs as the engine would store them, and drives them through
 * Pulumi's real dynamic-provider host started in that directory, as `pulumi up` does.
 *
 * It prints one JSON line (`ProbeReport`); the parent decides what must have happened.
 */
import { createRequire } from "module";
import * as fs from "fs";
import * as path from "path";
import { DynamicProviderHost, dynamicUrn, unwrapSecrets } from "../simulation/providerHost";
import { RESOURCE_TYPES } from "../components/resourceTypes";
import { probeInvokeResult } from "../simulation/probeInvokes";

export type KeyMode = "config" | "env" | "none";

export interface ProbeRequest {
    /**
     * measure: only the registered providers' sizes; lifecycle: every resource type, every operation;
     * write-state / migrate / delete-state: the upgrade path.
     */
    task: "measure" | "lifecycle" | "write-state" | "migrate" | "delete-state";
    keyMode: KeyMode;
    apiKey: string;
    apiUrl: string;
    orgId: string;
    /** lifecycle only: a routing policy and a user group name that exist in `orgId`. */
    routing?: { policyId: string; group: string };
    /** write-state writes, migrate and delete-state read: the identity provider as kept in state. */
    stateFile?: string;
}

export interface StepReport {
    step: string;
    ok: boolean;
    error?: string;
}

export interface ProbeReport {
    /** `__provider` bytes per resource type, as registered. */
    providerBytes: Record<string, number>;
    /** Provider text the component's resources put in state: each stored as input and as output. */
    stateProviderBytes: number;
    steps: StepReport[];
    /** Where the API key or the client secret showed up in the clear: must stay empty. */
    keySeenIn: string[];
    /** Every registered `__provider`, to compare across layouts. */
    providers: Record<string, string>;
}

interface Registration {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

interface StoredIdentityProvider {
    provider: string;
    id: string;
    properties: Record<string, unknown>;
    inputs: Record<string, unknown>;
}

const IDP = RESOURCE_TYPES.identityProvider;
const ROUTING = RESOURCE_TYPES.routingBindings;
const LIFETIME = RESOURCE_TYPES.secretLifetime;
/** The Entra client secret the mocks hand out: a marker that must never be written in the clear. */
const CLIENT_SECRET = "LAYOUTSECRET-6c1f9a2e";

/** The component, from the program's own node_modules (or the repo itself), under mocks. */
async function registerComponent(request: ProbeRequest): Promise<Registration[]> {
    const programRequire = createRequire(path.join(process.cwd(), "package.json"));
    const pulumi = programRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const registrations: Registration[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
                const state = {
                    ...args.inputs,
                    clientId: "0b8e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d",
                    objectId: "00000000-0000-4000-8000-000000000001",
                    value: CLIENT_SECRET,
                    result: "layout-password",
                    createdAt: "2026-01-01T00:00:00Z",
                    expiresAt: "2027-01-01T00:00:00Z",
                    rotateAt: "",
                };
                return { id: `${args.name}-id`, state };
            },
            call: probeInvokeResult,
        },
        "layout",
        "probe",
        false,
    );
    const { EntraIdentityProvider } = programRequire("jumpcloud-entra-idp") as typeof import("../components");
    const component = new EntraIdentityProvider("layout", {
        users: [{ userPrincipalName: "ada.lovelace@contoso.com", displayName: "Ada Lovelace" }],
        // The full component, with every dynamic type: routing, and the SecretLifetime that only a
        // scheduled rotation makes.
        ...(request.routing ? { clientSecret: { rotateAfterDays: 90 } } : {}),
        jumpCloud: {
            apiUrl: request.apiUrl,
            orgId: request.orgId,
            checkUsers: false,
            ...(request.routing
                ? { routing: { policyId: request.routing.policyId, userGroups: [request.routing.group] } }
                : {}),
        },
    });
    await new Promise<void>((resolve) =>
        pulumi.all([component.identityProviderId, component.routedUserGroupIds]).apply(() => resolve()),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    return registrations;
}

function hostEnv(request: ProbeRequest): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        JUMPCLOUD_MAX_ATTEMPTS: "2",
        JUMPCLOUD_RETRY_BASE_MS: "5",
    };
    for (const name of ["JUMPCLOUD_API_KEY", "JUMPCLOUD_ORG_ID", "JUMPCLOUD_API_URL"]) delete env[name];
    if (request.keyMode === "env") env.JUMPCLOUD_API_KEY = request.apiKey;
    return env;
}

async function main(): Promise<void> {
    const request = JSON.parse(process.argv[2]) as ProbeRequest;
    const registrations = await registerComponent(request);
    const dynamic = registrations.filter((r) => typeof r.inputs.__provider === "string");
    const providers = Object.fromEntries(dynamic.map((r) => [r.type, r.inputs.__provider as string]));
    const report: ProbeReport = {
        providerBytes: Object.fromEntries(
            Object.entries(providers).map(([t, p]) => [t, Buffer.byteLength(p)]),
        ),
        stateProviderBytes: dynamic.reduce(
            (sum, r) => sum + 2 * Buffer.byteLength(r.inputs.__provider as string),
            0,
        ),
        steps: [],
        keySeenIn: [],
        providers,
    };
    if (request.task === "measure") {
        console.log(JSON.stringify(report));
        return;
    }
    const errors: string[] = [];
    const step = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
        try {
            const result = await work();
            report.steps.push({ step: name, ok: true });
            if (JSON.stringify(result ?? null).includes(request.apiKey))
                report.keySeenIn.push(`${name} result`);
            return result;
        } catch (error) {
            const message = (error as Error).message;
            errors.push(message);
            report.steps.push({ step: name, ok: false, error: message });
            return undefined;
        }
    };
    const inputsOf = (type: string) => {
        const found = dynamic.find((r) => r.type === type);
        if (!found) throw new Error(`the component registered no ${type}`);
        return {
            urn: dynamicUrn(found.name, type),
            inputs: unwrapSecrets(found.inputs) as Record<string, unknown>,
        };
    };

    const host = await DynamicProviderHost.start({
        cwd: process.cwd(),
        env: hostEnv(request),
        callTimeoutMs: 30_000,
    });
    try {
        await host.configure(request.keyMode === "config" ? { "jumpcloud:apiKey": request.apiKey } : {});
        const idp = inputsOf(IDP);
        if (request.task === "lifecycle") {
            const checked = await step("identityProvider check", () => host.check(idp.urn, {}, idp.inputs));
            const created = await step("identityProvider create", () =>
                host.create(idp.urn, checked?.inputs ?? idp.inputs),
            );
            if (created) {
                const read = await step("identityProvider read", () =>
                    host.read(created.id, idp.urn, created.properties),
                );
                const renamed = { ...idp.inputs, name: "Entra OIDC (layout)" };
                const updated = await step("identityProvider update", () =>
                    host.update(created.id, idp.urn, read?.properties ?? created.properties, renamed),
                );
                await step("identityProvider delete", () =>
                    host.delete(created.id, idp.urn, updated?.properties ?? created.properties),
                );
            }
            const routing = inputsOf(ROUTING);
            const bound = await step("routingBindings create", () =>
                host.create(routing.urn, routing.inputs),
            );
            if (bound)
                await step("routingBindings delete", () =>
                    host.delete(bound.id, routing.urn, bound.properties),
                );
            const lifetime = inputsOf(LIFETIME);
            await step("secretLifetime create", () => host.create(lifetime.urn, lifetime.inputs));
        } else if (request.task === "write-state") {
            const created = await step("identityProvider create", () => host.create(idp.urn, idp.inputs));
            if (created) {
                const stored: StoredIdentityProvider = {
                    provider: idp.inputs.__provider as string,
                    id: created.id,
                    properties: created.properties,
                    inputs: idp.inputs,
                };
                fs.writeFileSync(request.stateFile!, JSON.stringify(stored));
            }
        } else {
            const stored = JSON.parse(fs.readFileSync(request.stateFile!, "utf8")) as StoredIdentityProvider;
            if (request.task === "delete-state") {
                // Removed from the program: Pulumi deletes with the provider stored in state.
                await step("identityProvider refresh with the stored provider", () =>
                    host.read(stored.id, idp.urn, stored.properties, stored.inputs),
                );
                await step("identityProvider delete with the stored provider", () =>
                    host.delete(stored.id, idp.urn, stored.properties),
                );
            } else {
                // Still in the program: diff and update run the new shim, which then sits in state.
                const diff = await step("identityProvider diff against the stored provider", () =>
                    host.diff(stored.id, idp.urn, stored.properties, idp.inputs),
                );
                if (diff && diff.changes !== "some") {
                    report.steps.push({
                        step: "diff asks to rewrite the stored provider",
                        ok: false,
                        error: diff.changes,
                    });
                }
                const updated = await step("identityProvider update to the new shim", () =>
                    host.update(stored.id, idp.urn, stored.properties, idp.inputs),
                );
                if (updated) {
                    await step("identityProvider delete with the new shim", () =>
                        host.delete(stored.id, idp.urn, updated.properties),
                    );
                }
            }
        }
    } finally {
        await host.stop();
    }
    for (const [where, text] of [
        ["serialized providers", Object.values(providers).join("\n")],
        ["host stderr", host.stderr],
        ["host stdout", host.stdout],
        ["error messages", errors.join("\n")],
    ] as const) {
        if (text.includes(request.apiKey)) report.keySeenIn.push(where);
        if (text.includes(CLIENT_SECRET)) report.keySeenIn.push(`${where} (the client secret)`);
    }
    console.log(JSON.stringify(report));
}

main().catch((error: Error) => {
    console.error(`layout probe failed: ${error.stack ?? error.message}`);
    process.exit(1);
});
