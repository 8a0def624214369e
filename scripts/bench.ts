/**
 * `npm run bench`: prints one line per figure, each against its target. Numbers only; nothing
 * here is a pass/fail test. Figures:
 *   1. serialized provider size; host cold start plus first Check
 *   2. resource-graph build time under mocks for N = 1, 10, 100 components
 *   3. HTTP calls per lifecycle operation against the emulator
 *   4. a 429 storm with Retry-After: total time / sum of Retry-After
 *   5. peak memory (max RSS) of the offline demo (host-driven path)
 *   6. wall time of real `pulumi up`, `preview` (no changes) and `destroy` for N = 1, 10, 50
 *      components under the Pulumi CLI and engine (when a CLI is found)
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { installSimulatedAzure } from "../simulation/azureSimulator";
import { captureIdentityProvider, settled } from "../simulation/capture";
import { DynamicProviderHost, dynamicUrn } from "../simulation/providerHost";
import { identityProviderProvider as provider } from "../providers/identityProviderProvider";
import { sampleIdentityProviderInputs } from "../simulation/sampleInputs";
import { NO_CLI_MESSAGE, findPulumiCli } from "../simulation/engine/pulumiCli";
import { timeEngine } from "../simulation/engine/engineBench";

const ROOT = path.resolve(__dirname, "..", "..");
const KEY = "bench-api-key";
const TYPE = "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider";

function line(figure: string, value: string, target: string, ok: boolean | undefined): void {
    const verdict = ok === undefined ? "" : ok ? "  [within target]" : "  [MISSES target]";
    console.log(`${figure.padEnd(52)} ${value.padStart(14)}   target ${target}${verdict}`);
}

/** Child mode: build N components under mocks and print the milliseconds it took. */
async function graphChild(n: number): Promise<void> {
    const { EntraIdentityProvider } = await import("../components");
    await installSimulatedAzure("bench", "bench");
    const started = process.hrtime.bigint();
    const components = Array.from(
        { length: n },
        (_, i) =>
            new EntraIdentityProvider(`c${i}`, {
                users: [{ userPrincipalName: `u${i}@contoso.com`, displayName: `U ${i}` }],
                jumpCloud: { apiUrl: "http://127.0.0.1:9", checkUsers: false },
            }),
    );
    await Promise.all(components.map((c) => settled(c)));
    console.log(String(Number(process.hrtime.bigint() - started) / 1e6));
}

function graphTime(n: number): number {
    const out = execFileSync(process.execPath, [__filename, "--graph", String(n)], {
        cwd: ROOT,
        encoding: "utf8",
    });
    return Number(out.trim().split("\n").pop());
}

async function serializationAndColdStart(emulatorUrl: string): Promise<void> {
    const registrations = await installSimulatedAzure("bench", "bench");
    const { EntraIdentityProvider } = await import("../components");
    const component = new EntraIdentityProvider("bench", { jumpCloud: { apiUrl: emulatorUrl } });
    await settled(component);
    const captured = captureIdentityProvider(registrations, "bench");
    const bytes = Buffer.byteLength(captured.provider);
    line("1a. serialized provider size", `${(bytes / 1024).toFixed(1)} KB`, "<= 50 KB", bytes <= 50 * 1024);
    const started = Date.now();
    const host = await DynamicProviderHost.start({ cwd: ROOT });
    try {
        await host.configure({ "jumpcloud:apiKey": KEY });
        await host.check(dynamicUrn(captured.name, TYPE), {}, captured.inputs);
        line("1b. host cold start + first Check", `${Date.now() - started} ms`, "(reported)", undefined);
    } finally {
        await host.stop();
    }
}

async function callsPerOperation(emulator: JumpCloudEmulator): Promise<void> {
    const inputs = sampleIdentityProviderInputs(emulator.url, "bench-secret");
    const count = async (op: string, work: () => Promise<unknown>) => {
        emulator.resetRequests();
        await work();
        line(`3. HTTP calls: ${op}`, String(emulator.requests.length), "1", emulator.requests.length === 1);
    };
    let id = "";
    let outs: Awaited<ReturnType<typeof provider.create>>["outs"];
    await count("create", async () => ({ id, outs } = await provider.create(inputs)));
    await count("read", () => provider.read!(id, outs));
    await count("update", () => provider.update!(id, outs!, { ...inputs, name: "Renamed" }));
    await count("delete", () => provider.delete!(id, outs!));
}

async function rateLimitStorm(emulator: JumpCloudEmulator): Promise<void> {
    const storm = [1, 1, 2];
    for (const seconds of storm) {
        emulator.injectFault({
            method: "POST",
            fault: { kind: "status", status: 429, retryAfter: String(seconds) },
        });
    }
    const started = Date.now();
    const created = await provider.create(sampleIdentityProviderInputs(emulator.url, "bench-secret"));
    const ratio = (Date.now() - started) / (storm.reduce((a, b) => a + b, 0) * 1000);
    line(
        `4. 429 storm (Retry-After ${storm.join("+")} s) time / sum`,
        ratio.toFixed(3),
        "<= 1.25",
        ratio <= 1.25,
    );
    await provider.delete!(created.id, created.outs!);
}

/** Max RSS of the demo's largest process (GNU time's %M: the demo, or its provider host). */
function demoPeakMemory(): void {
    const report = path.join(os.tmpdir(), `jc-demo-rss-${process.pid}.txt`);
    const run = spawnSync(
        "/usr/bin/time",
        ["-f", "%M", "-o", report, process.execPath, path.join(ROOT, "dist", "scripts", "demo.js"), "--host"],
        {
            cwd: ROOT,
            stdio: "ignore",
        },
    );
    if (run.error || run.status !== 0) {
        line("5. demo peak memory (max RSS)", "n/a", "(reported)", undefined);
        console.log(`   (could not measure: ${run.error ? run.error.message : `demo exited ${run.status}`})`);
        return;
    }
    const kb = Number(fs.readFileSync(report, "utf8").trim().split("\n").pop());
    fs.rmSync(report, { force: true });
    line("5. demo peak memory (max RSS)", `${(kb / 1024).toFixed(0)} MB`, "(reported)", undefined);
}

async function main(): Promise<void> {
    const graphFlag = process.argv.indexOf("--graph");
    if (graphFlag >= 0) return graphChild(Number(process.argv[graphFlag + 1]));

    process.env.JUMPCLOUD_API_KEY = KEY;
    const emulator = await JumpCloudEmulator.start({ apiKey: KEY });
    try {
        console.log(`jumpcloud-entra-idp benchmark (node ${process.version}, ${new Date().toISOString()})`);
        await serializationAndColdStart(emulator.url);
        const times = [1, 10, 100].map((n) => [n, graphTime(n)] as const);
        for (const [n, ms] of times) {
            line(
                `2. graph build under mocks, N=${n} (${(ms / n).toFixed(1)} ms/component)`,
                `${ms.toFixed(0)} ms`,
                "linear in N",
                undefined,
            );
        }
        const ratio = times[2][1] / times[1][1];
        line("2. linearity t(100)/t(10)", ratio.toFixed(2), "<= 12", ratio <= 12);
        await callsPerOperation(emulator);
        await rateLimitStorm(emulator);
    } finally {
        await emulator.stop();
    }
    demoPeakMemory();
    await engineWallTimes();
}

/** 6. Real `pulumi up`, `preview` (no changes) and `destroy` under the engine, for N components. */
async function engineWallTimes(): Promise<void> {
    const cli = findPulumiCli();
    if (!cli) {
        line("6. real engine: pulumi up/preview/destroy", "skipped", "(reported)", undefined);
        console.log(`   (${NO_CLI_MESSAGE})`);
        return;
    }
    for (const n of [1, 10, 50]) {
        const t = await timeEngine(cli, n);
        const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
        line(`6. pulumi up, N=${n} (${t.resources} resources)`, seconds(t.upMs), "(reported)", undefined);
        line(`6. pulumi preview, no changes, N=${n}`, seconds(t.previewMs), "(reported)", undefined);
        line(`6. pulumi destroy, N=${n}`, seconds(t.destroyMs), "(reported)", undefined);
    }
}

main().catch((error: Error) => {
    console.error(`bench failed: ${error.message}`);
    process.exit(1);
});
