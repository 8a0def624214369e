/**
 * Wall time of real `pulumi up`, `pulumi preview` with no changes, and `pulumi destroy` for a
 * stack of N components (simulation/engine/benchProject), under the CLI and engine, against the
 * JumpCloud emulator and the simulated Azure plugins. Used by `npm run bench`.
 */
import { randomBytes } from "crypto";
import * as path from "path";
import { JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { REPO_ROOT, type PulumiCli } from "./pulumiCli";
import { StackProject, type Operation } from "./stackProject";

const BENCH_KEY = "bench-api-key-engine";
const PROJECT_DIR = path.join(REPO_ROOT, "simulation", "engine", "benchProject");

export interface EngineTimings {
    readonly components: number;
    readonly resources: number;
    readonly upMs: number;
    readonly previewMs: number;
    readonly destroyMs: number;
}

/** Runs up, preview (expecting no changes) and destroy of N components; fails loudly on any error. */
export async function timeEngine(cli: PulumiCli, components: number): Promise<EngineTimings> {
    const organizations = Array.from({ length: components }, () => randomBytes(12).toString("hex"));
    const emulator = await JumpCloudEmulator.start({ apiKey: BENCH_KEY, multiTenant: true, organizations });
    const project = await StackProject.create({
        cli,
        stackName: `bench${components}`,
        projectDir: PROJECT_DIR,
        layout: "linked-install",
        config: { "jumpcloud-entra-bench:organizations": organizations },
        passphrase: "bench passphrase",
        env: { JUMPCLOUD_API_URL: emulator.url },
    });
    try {
        await project.setSecret("jumpcloud:apiKey", BENCH_KEY);
        const timed = async (operation: Operation, expectNoChanges = false) => {
            const started = Date.now();
            const result = await project.run(operation, { expectNoChanges });
            if (!result.ok)
                throw new Error(`pulumi ${operation} of ${components} components failed: ${result.error}`);
            return { ms: Date.now() - started, result };
        };
        const up = await timed("up");
        if (emulator.identityProviders().length !== components) {
            throw new Error(`pulumi up made ${emulator.identityProviders().length} IdPs, not ${components}`);
        }
        const preview = await timed("preview", true);
        const destroy = await timed("destroy");
        const resources = Object.values(up.result.changes ?? {}).reduce((sum, n) => sum + n, 0);
        return { components, resources, upMs: up.ms, previewMs: preview.ms, destroyMs: destroy.ms };
    } finally {
        project.dispose();
        await emulator.stop();
    }
}
