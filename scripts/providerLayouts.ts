/**
 * The provider in every layout a program can have, through Pulumi's real dynamic-provider host,
 * each with the API key only in the `jumpcloud:apiKey` stack setting, only in the environment,
 * and in neither:
 *   - repo:      a program inside this repository (the package resolves itself by name);
 *   - bundled:   a program whose node_modules lacks the package: the shim must say so and what to do;
 *   - tarball:   a scratch program with `npm pack`'s tarball installed over the previous release;
 *   - git:       the run's program with the package installed from a git URL (built by `prepare`);
 *   - upgrade:   state written by the previous release (0.1.0, from git history) in a scratch
 *                program, which then installs this version: refresh and delete of a resource
 *                removed from the program run the stored 0.1.0 provider; a resource still in the
 *                program is diffed and updated through the new shim, which then sits in state.
 * Run by `npm run check:package`, with the tarball and the git install it shares among its checks
 * (`packageChecks/installs.ts`); each probe is a child process (`layoutProbe.ts`) in the layout's
 * program directory, against one emulator here.
 */
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { DynamicProviderHost, dynamicUrn } from "../simulation/providerHost";
import { shimSource } from "../providers/providerShim";
import type { KeyMode, ProbeReport, ProbeRequest } from "./layoutProbe";
import type { PackageInstalls } from "./packageChecks/installs";
import { ROOT, makeProgram, npmInstall, packInto, pulumiVersion } from "./scratchInstall";

/** The last commit of the previous release, whose stored providers this version must still run. */
export const PREVIOUS_RELEASE = { version: "0.1.0", commit: "bb791950350c540a8dfa79f4d0922c60bbef7c26" };

const KEY_MODES: readonly KeyMode[] = ["config", "env", "none"];
/** The layouts that build the whole component: their stored providers must be byte for byte the same. */
const LIFECYCLE_LAYOUTS = ["repo", "tarball", "git"];
const NO_KEY = "No JumpCloud API key";

export interface LayoutResult {
    layout: string;
    keyMode: KeyMode;
    report: ProbeReport;
    problems: string[];
}

/** Runs one probe in `programDir`. Asynchronous: the emulator it calls lives in this process. */
export function probe(programDir: string, request: ProbeRequest): Promise<ProbeReport> {
    return new Promise((resolve, reject) => {
        execFile(
            process.execPath,
            [path.join(__dirname, "layoutProbe.js"), JSON.stringify(request)],
            { cwd: programDir, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
            (error, stdout, stderr) => {
                if (error) reject(new Error(`probe ${request.task} in ${programDir} failed: ${stderr}`));
                else resolve(JSON.parse(stdout.trim().split("\n").pop()!) as ProbeReport);
            },
        );
    });
}

/** What must have happened: with a key every step succeeds; without, each JumpCloud step fails naming the fix. */
function judge(report: ProbeReport, keyMode: KeyMode, needsKey: (step: string) => boolean): string[] {
    const problems: string[] = [];
    if (report.steps.length === 0) problems.push("no step ran");
    for (const s of report.steps) {
        const expectFailure = keyMode === "none" && needsKey(s.step);
        if (expectFailure && (s.ok || !s.error?.includes(NO_KEY))) {
            problems.push(`${s.step}: expected "${NO_KEY}", got ${s.ok ? "success" : s.error}`);
        }
        if (!expectFailure && !s.ok) problems.push(`${s.step}: ${s.error}`);
    }
    for (const where of report.keySeenIn) problems.push(`the API key appeared in ${where}`);
    return problems;
}

const callsJumpCloud = (step: string) =>
    /identityProvider|routingBindings/.test(step) && !/check|diff/.test(step);

/** Builds the previous release from git history and packs it into `dir`. */
function packPreviousRelease(dir: string): string {
    const source = path.join(dir, `previous-${PREVIOUS_RELEASE.version}`);
    fs.mkdirSync(source);
    const archive = execFileSync("git", ["-C", ROOT, "archive", PREVIOUS_RELEASE.commit]);
    execFileSync("tar", ["-x", "-C", source], { input: archive });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(source, "node_modules"), "dir");
    execFileSync(
        process.execPath,
        [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"],
        {
            cwd: source,
            stdio: "inherit",
        },
    );
    // Its own directory: both tarballs are named jumpcloud-entra-idp-<version>.tgz.
    const into = path.join(dir, "previous-tarball");
    fs.mkdirSync(into);
    return packInto(into, source);
}

/**
 * A program whose node_modules lacks the package (as when it is bundled): the stored shim must fail
 * in the host with the directory and what to do, not run without its configuration.
 */
async function bundledProgramFails(programDir: string): Promise<{ report: ProbeReport; problems: string[] }> {
    const provider = shimSource("identityProvider");
    const report: ProbeReport = {
        providerBytes: {},
        stateProviderBytes: 0,
        steps: [],
        keySeenIn: [],
        providers: {},
    };
    const host = await DynamicProviderHost.start({ cwd: programDir });
    try {
        await host.configure({});
        const urn = dynamicUrn("bundled", "jumpcloud:IdentityProvider");
        await host.check(urn, {}, { __provider: provider, name: "x" }).then(
            () => report.steps.push({ step: "identityProvider check", ok: true }),
            (error: Error) =>
                report.steps.push({ step: "identityProvider check", ok: false, error: error.message }),
        );
    } finally {
        await host.stop();
    }
    const error = report.steps[0]?.error ?? "";
    const problems =
        error.includes(programDir) && error.includes("cannot load") && error.includes("do not bundle")
            ? []
            : [
                  `expected the shim to say it cannot load the package from ${programDir}, got ${error || "success"}`,
              ];
    return { report, problems };
}

export async function checkProviderLayouts(
    installs: PackageInstalls,
    log: (line: string) => void = console.log,
): Promise<LayoutResult[]> {
    const apiKey = `LAYOUTKEY-${process.pid}-${Date.now().toString(36)}`;
    const organizations = ["0", "1", "2", "3", "4", "5", "6"].map((d) => `5f0c1e2d3a4b5c6d7e8f901${d}`);
    const emulator = await JumpCloudEmulator.start({ apiKey, organizations, multiTenant: true });
    const [lifecycleOrg, ...stateOrgs] = organizations;
    const routing = { policyId: emulator.seedRoutingPolicy(lifecycleOrg), group: "Engineering" };
    emulator.seedUserGroup(lifecycleOrg, routing.group);
    const work = path.join(installs.work, "layouts");
    fs.mkdirSync(work);
    const results: LayoutResult[] = [];
    const base = { apiKey, apiUrl: emulator.url, orgId: lifecycleOrg };
    const lifecycle = async (layout: string, programDir: string) => {
        for (const keyMode of KEY_MODES) {
            const report = await probe(programDir, { ...base, task: "lifecycle", keyMode, routing });
            const problems = judge(report, keyMode, callsJumpCloud);
            if (emulator.identityProviders(lifecycleOrg).length !== 0)
                problems.push("an identity provider was left behind");
            results.push({ layout, keyMode, report, problems });
            log(
                `  ${layout.padEnd(8)} key in ${keyMode.padEnd(6)} ${problems.length ? `FAILED: ${problems.join("; ")}` : "ok"}`,
            );
        }
    };
    try {
        await lifecycle("repo", ROOT);

        const bundled = await bundledProgramFails(makeProgram(path.join(work, "bundled"), "bundled-program"));
        results.push({
            layout: "bundled",
            keyMode: "config",
            report: bundled.report,
            problems: bundled.problems,
        });
        log(
            `  bundled  key in config ${bundled.problems.length ? `FAILED: ${bundled.problems.join("; ")}` : "ok"}`,
        );

        log("layouts: packing the previous release");
        const previous = packPreviousRelease(work);
        const program = makeProgram(path.join(work, "program"), "layout-program");
        npmInstall(program, [previous, `@pulumi/pulumi@${pulumiVersion()}`]);
        // 0.1.0 installed could only use the environment's key (the bug this version fixes).
        for (const [i, keyMode] of KEY_MODES.entries()) {
            for (const which of ["removed", "kept"]) {
                const orgId = stateOrgs[i * 2 + (which === "kept" ? 1 : 0)];
                const stateFile = path.join(work, `state-${keyMode}-${which}.json`);
                const report = await probe(program, {
                    ...base,
                    orgId,
                    task: "write-state",
                    keyMode: "env",
                    stateFile,
                });
                if (!report.steps.every((s) => s.ok))
                    throw new Error(`0.1.0 could not write state: ${JSON.stringify(report.steps)}`);
            }
        }
        npmInstall(program, [installs.tarball]);
        for (const [i, keyMode] of KEY_MODES.entries()) {
            for (const which of ["removed", "kept"] as const) {
                const orgId = stateOrgs[i * 2 + (which === "kept" ? 1 : 0)];
                const stateFile = path.join(work, `state-${keyMode}-${which}.json`);
                const task = which === "kept" ? "migrate" : "delete-state";
                const report = await probe(program, { ...base, orgId, task, keyMode, stateFile });
                // A removed resource runs 0.1.0's stored provider, whose configure never reached its client:
                // it can only use the environment's key. Everything through the new shim takes either.
                const storedProviderNeedsEnv = which === "removed" && keyMode === "config";
                const problems = storedProviderNeedsEnv
                    ? judge(report, "none", callsJumpCloud)
                    : judge(report, keyMode, callsJumpCloud);
                const gone = emulator.identityProviders(orgId).length === 0;
                if (gone === (keyMode === "none" || storedProviderNeedsEnv)) {
                    problems.push(gone ? "deleted without a key" : "the identity provider was not deleted");
                }
                const layout = `upgrade ${PREVIOUS_RELEASE.version} (${which})`;
                results.push({ layout, keyMode, report, problems });
                log(
                    `  ${layout.padEnd(22)} key in ${keyMode.padEnd(6)} ${problems.length ? `FAILED: ${problems.join("; ")}` : "ok"}`,
                );
            }
        }
        await lifecycle("tarball", program);

        await lifecycle("git", installs.gitProgram);
    } finally {
        await emulator.stop();
    }
    const shims = new Set(
        results
            .filter((r) => LIFECYCLE_LAYOUTS.includes(r.layout))
            .map((r) => JSON.stringify(r.report.providers)),
    );
    if (shims.size !== 1) {
        results.push({
            layout: "all",
            keyMode: "none",
            report: results[0].report,
            problems: ["the stored providers differ between layouts"],
        });
    }
    return results;
}

/** Runs every layout and prints a table; 0 when every layout behaved, else 1. */
export async function providerLayoutsExitCode(installs: PackageInstalls): Promise<number> {
    console.log("provider layouts through Pulumi's dynamic-provider host (key in config / env / none):");
    const results = await checkProviderLayouts(installs);
    const failed = results.filter((r) => r.problems.length > 0);
    for (const r of failed)
        console.log(`  FAILED ${r.layout} (key in ${r.keyMode}): ${r.problems.join("; ")}`);
    for (const r of results.filter((x) => x.keyMode === "config" && x.report.stateProviderBytes > 0)) {
        const sizes = Object.entries(r.report.providerBytes)
            .map(([type, bytes]) => `${type.split(":").pop()} ${bytes} B`)
            .join(", ");
        console.log(
            `  ${r.layout}: ${sizes}; provider text in state per component ${r.report.stateProviderBytes} B`,
        );
    }
    console.log(
        failed.length === 0
            ? `provider layouts: all ${results.length} probes behaved`
            : `provider layouts: ${failed.length} of ${results.length} probes FAILED`,
    );
    return failed.length === 0 ? 0 : 1;
}
