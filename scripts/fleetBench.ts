/**
 * Fleet wall time: `up` (every stack new) for 1, 5 and 20 organizations at parallelism 1 and 4,
 * under the real Pulumi CLI against the JumpCloud emulator and the simulated Azure plugin, plus
 * the JumpCloud calls one organization's first `up` makes. Figure 8 of `npm run bench`, which runs
 * this with `--json` in a process of its own; `npm run bench:fleet` runs it alone (`-- --sizes 1,5`
 * for fewer). Numbers, not a test; skipped with one line when no CLI is found.
 */
import { findPulumiCli, NO_CLI_MESSAGE } from "../simulation/engine/pulumiCli";
import { startFleetSandbox } from "../simulation/fleetSandbox";

export const FLEET_SIZES = [1, 5, 20];
export const FLEET_PARALLELISM = [1, 4];

export interface FleetFigure {
    readonly name: string;
    readonly value: string;
    readonly what: string;
}

async function measure(sizes: number[], progress: (message: string) => void): Promise<FleetFigure[]> {
    const cli = findPulumiCli();
    if (!cli) {
        return [{ name: "8. fleet up", value: "skipped", what: `not measured: ${NO_CLI_MESSAGE}` }];
    }
    const figures: FleetFigure[] = [];
    for (const size of sizes) {
        const fleet = await startFleetSandbox(cli, size);
        try {
            for (const parallel of FLEET_PARALLELISM) {
                progress(`8: fleet up of ${size} organization(s) at parallel ${parallel}`);
                fleet.emulator.resetRequests();
                const started = Date.now();
                const results = await fleet.run("up", { parallel });
                const wall = Date.now() - started;
                const failed = results.filter((r) => r.result !== "succeeded");
                if (failed.length > 0) {
                    throw new Error(
                        `up failed for ${failed.map((r) => `${r.organization}: ${r.error}`).join("; ")}`,
                    );
                }
                // What one stack's `up` made, as the engine counted it (the stack itself included).
                const created = results[0].changes?.create ?? "?";
                figures.push({
                    name: `8. fleet up, ${size} org${size === 1 ? "" : "s"}, parallel ${parallel}`,
                    value: `${(wall / 1000).toFixed(1)} s`,
                    what: `\`npm run fleet -- up --parallel ${parallel}\`, every stack new (${created} resources each): ${(wall / size / 1000).toFixed(1)} s per organization`,
                });
                if (size === sizes[0] && parallel === FLEET_PARALLELISM[0]) {
                    figures.push({
                        name: "8. fleet: JumpCloud calls per organization",
                        value: String(fleet.emulator.requests.length / size),
                        what: "requests one organization's first `up` sends to JumpCloud (user look-up, identity provider create)",
                    });
                }
                progress(`8: fleet destroy of ${size} organization(s)`);
                const destroyed = await fleet.run("destroy", { parallel: 4 });
                if (destroyed.some((r) => r.result !== "succeeded"))
                    throw new Error("destroy failed between runs");
            }
        } finally {
            await fleet.dispose();
        }
    }
    return figures;
}

async function main(): Promise<void> {
    const json = process.argv.includes("--json");
    // --sizes 1,5 for a shorter run.
    const at = process.argv.indexOf("--sizes");
    const sizes = at < 0 ? FLEET_SIZES : process.argv[at + 1].split(",").map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 1))
        throw new Error("--sizes takes whole numbers, as 1,5,20");
    const figures = await measure(sizes, (message) => process.stderr.write(`  ... ${message}\n`));
    if (json) {
        console.log(JSON.stringify(figures));
        return;
    }
    for (const f of figures) console.log(`${f.name.padEnd(44)} ${f.value.padStart(16)}   ${f.what}`);
}

if (require.main === module) {
    main().catch((error: Error) => {
        console.error(`fleet bench failed: ${error.message}`);
        process.exit(1);
    });
}
