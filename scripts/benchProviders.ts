/**
 * `npm run bench`, figure 1: the dynamic providers next to a minimal HTTP dynamic provider
 * (`simulation/minimalProvider.ts`) measured in the same run, against the same emulator:
 *   1a. `__provider` bytes per resource type, program in this repo and package installed from its tarball
 *   1b. provider text in state per component (each `__provider` is stored as input and as output)
 *   1c. time to produce the provider text (serialization)
 *   1d. host cold start + first Check
 *   1e. create + read + update + delete through the host: first round, and the median of later rounds
 */
import * as fs from "fs";
import * as path from "path";
import type { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { installSimulatedAzure, type Registration } from "../simulation/azureSimulator";
import { settled } from "../simulation/capture";
import { DynamicProviderHost, dynamicUrn, unwrapSecrets } from "../simulation/providerHost";
import { serializedMinimalProvider } from "../simulation/minimalProvider";
import { sampleIdentityProviderInputs } from "../simulation/sampleInputs";
import { DYNAMIC_PROVIDER_KINDS, shimSource } from "../providers/providerShim";
import { probe } from "./providerLayouts";
import { ROOT, makeProgram, npmInstall, packInto, pulumiVersion, scratchDir } from "./scratchInstall";
import { RESOURCE_TYPES } from "../components/resourceTypes";

/** One figure: name, value, target, whether it meets the target (undefined: reported only), what it is. */
export type Line = (
    figure: string,
    value: string,
    target: string,
    ok: boolean | undefined,
    what?: string,
) => void;

const ROUNDS = 15;
const IDP_TYPE = RESOURCE_TYPES.identityProvider;

function providerBytes(registrations: readonly Registration[]): Record<string, number> {
    const sizes: Record<string, number> = {};
    for (const r of registrations) {
        if (typeof r.inputs.__provider === "string") sizes[r.type] = Buffer.byteLength(r.inputs.__provider);
    }
    return sizes;
}

function stateBytes(registrations: readonly Registration[]): number {
    return registrations
        .filter((r) => typeof r.inputs.__provider === "string")
        .reduce((sum, r) => sum + 2 * Buffer.byteLength(r.inputs.__provider as string), 0);
}

/**
 * One component with one user: with the defaults, and with routing and a scheduled rotation (every
 * dynamic type), under mocks in this process (the repo layout).
 */
async function repoRegistrations(apiUrl: string): Promise<{ plain: Registration[]; routed: Registration[] }> {
    const registrations = await installSimulatedAzure("bench", "bench");
    const { EntraIdentityProvider } = await import("../components");
    const users = [{ userPrincipalName: "ada.lovelace@contoso.com", displayName: "Ada Lovelace" }];
    await settled(new EntraIdentityProvider("plain", { users, jumpCloud: { apiUrl, checkUsers: false } }));
    const plain = [...registrations];
    registrations.length = 0;
    const routing = { policyId: "0123456789abcdef01234567", userGroups: ["Engineering"] };
    // Every dynamic type: routing, and the SecretLifetime a scheduled rotation makes (as the layout probe).
    await settled(
        new EntraIdentityProvider("routed", {
            users,
            clientSecret: { rotateAfterDays: 90 },
            jumpCloud: { apiUrl, checkUsers: false, routing },
        }),
    );
    return { plain, routed: [...registrations] };
}

/** The same component from the package installed into a scratch program from `npm pack`'s tarball. */
async function installedSizes(apiUrl: string, apiKey: string) {
    const work = scratchDir("jc-bench");
    try {
        const program = makeProgram(path.join(work, "program"), "bench-program");
        npmInstall(program, [packInto(work), `@pulumi/pulumi@${pulumiVersion()}`]);
        const request = {
            task: "measure",
            keyMode: "none",
            apiKey,
            apiUrl,
            orgId: "0123456789abcdef01234567",
        } as const;
        const plain = await probe(program, request);
        const routed = await probe(program, {
            ...request,
            routing: { policyId: "0123456789abcdef01234567", group: "Engineering" },
        });
        return { plain, routed };
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function hostEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.JUMPCLOUD_API_KEY;
    return env;
}

/** Spawning a fresh host, configuring it and the first Check (which loads the provider). */
async function coldStart(provider: string, inputs: Record<string, unknown>, apiKey: string): Promise<number> {
    const started = performance.now();
    const host = await DynamicProviderHost.start({ cwd: ROOT, env: hostEnv() });
    try {
        await host.configure({ "jumpcloud:apiKey": apiKey });
        await host.check(dynamicUrn("bench", IDP_TYPE), {}, { ...inputs, __provider: provider });
        return performance.now() - started;
    } finally {
        await host.stop();
    }
}

/**
 * create+read+update+delete rounds for both providers in one host, taking turns (and swapping who
 * goes first each round), so that load from elsewhere on the machine falls on both alike.
 */
async function crudRounds(
    providers: Record<"ours" | "minimal", string>,
    inputs: Record<string, unknown>,
    apiKey: string,
) {
    const urn = dynamicUrn("bench", IDP_TYPE);
    const host = await DynamicProviderHost.start({ cwd: ROOT, env: hostEnv() });
    const rounds: Record<"ours" | "minimal", number[]> = { ours: [], minimal: [] };
    try {
        await host.configure({ "jumpcloud:apiKey": apiKey });
        for (let i = 0; i <= ROUNDS; i++) {
            const order = i % 2 === 0 ? (["ours", "minimal"] as const) : (["minimal", "ours"] as const);
            for (const who of order) {
                const props = { ...inputs, __provider: providers[who] };
                const t0 = performance.now();
                const created = await host.create(urn, props);
                const read = await host.read(created.id, urn, created.properties, props);
                const updated = await host.update(created.id, urn, read.properties, {
                    ...props,
                    name: `Renamed ${i}`,
                });
                await host.delete(created.id, urn, updated.properties);
                rounds[who].push(performance.now() - t0);
            }
        }
    } finally {
        await host.stop();
    }
    const summary = (times: number[]) => ({ firstRound: times[0], warmMedian: median(times.slice(1)) });
    return { ours: summary(rounds.ours), minimal: summary(rounds.minimal) };
}

export async function providerFigures(
    emulator: JumpCloudEmulator,
    apiKey: string,
    line: Line,
): Promise<void> {
    const t0 = performance.now();
    const minimal = await serializedMinimalProvider();
    const minimalSerializeMs = performance.now() - t0;
    const t1 = performance.now();
    for (const kind of DYNAMIC_PROVIDER_KINDS) shimSource(kind);
    const shimMs = performance.now() - t1;
    const minimalBytes = Buffer.byteLength(minimal);

    const repo = await repoRegistrations(emulator.url);
    const installed = await installedSizes(emulator.url, apiKey);
    const repoSizes = providerBytes(repo.routed);
    for (const [type, bytes] of Object.entries(repoSizes)) {
        const inTarball = installed.routed.providerBytes[type];
        line(
            `1a. __provider ${type.split(":").pop()} repo / installed`,
            `${bytes} / ${inTarball ?? "?"} B`,
            `<= 3072 B (minimal ${minimalBytes} B)`,
            bytes <= 3072 && inTarball !== undefined && inTarball <= 3072,
            "the __provider text Pulumi stores with the resource (the shim), program in this repo / package installed from its tarball",
        );
    }
    for (const [label, regs, inst] of [
        ["1 user", repo.plain, installed.plain],
        ["1 user + routing + rotateAfterDays", repo.routed, installed.routed],
    ] as const) {
        const bytes = stateBytes(regs);
        line(
            `1b. provider text in state per component, ${label}`,
            `${(bytes / 1024).toFixed(1)} / ${(inst.stateProviderBytes / 1024).toFixed(1)} KB`,
            `<= 10 KB (minimal ${((2 * minimalBytes) / 1024).toFixed(1)} KB per resource)`,
            bytes <= 10 * 1024 && inst.stateProviderBytes <= 10 * 1024,
            "every dynamic resource's __provider, stored as input and as output, repo / installed",
        );
    }
    line(
        "1c. provider text for all 4 types (minimal: serializeFunction)",
        `${shimMs.toFixed(2)} ms`,
        `<= minimal ${minimalSerializeMs.toFixed(0)} ms`,
        shimMs <= minimalSerializeMs,
        "time to produce the stored provider text; the minimal provider's is Pulumi's closure serializer",
    );

    const inputs = unwrapSecrets(sampleIdentityProviderInputs(emulator.url, "bench-secret")) as Record<
        string,
        unknown
    >;
    const ourShim = shimSource("identityProvider");
    const cold = {
        ours: await coldStart(ourShim, inputs, apiKey),
        minimal: await coldStart(minimal, inputs, apiKey),
    };
    const crud = await crudRounds({ ours: ourShim, minimal }, inputs, apiKey);
    const ours = { coldStart: cold.ours, ...crud.ours };
    const theirs = { coldStart: cold.minimal, ...crud.minimal };
    // Reported beside the minimal provider's figure, with no target of their own.
    const besideMinimal = [
        [
            "1d. host cold start + first Check",
            "coldStart",
            0,
            "a fresh dynamic-provider host, Configure, one Check (ours loads its implementation and axios here)",
        ],
        [
            "1e. create+read+update+delete, first round",
            "firstRound",
            1,
            "the four operations through the host the first time (loading included), against the emulator",
        ],
    ] as const;
    for (const [name, key, digits, what] of besideMinimal) {
        const value = (ms: number) => ms.toFixed(digits);
        line(name, `${value(ours[key])} ms`, `(minimal ${value(theirs[key])} ms)`, undefined, what);
    }
    const ratio = ours.warmMedian / theirs.warmMedian;
    line(
        `1e. create+read+update+delete, median of ${ROUNDS}`,
        `${ours.warmMedian.toFixed(1)} ms`,
        `<= 1.2 x minimal ${theirs.warmMedian.toFixed(1)} ms (${ratio.toFixed(2)} x)`,
        ratio <= 1.2,
        "the four operations through one host, taking turns with the minimal provider so load falls on both alike",
    );
}
