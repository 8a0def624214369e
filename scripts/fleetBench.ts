/**
 * Fleet wall time: `up` (every stack new) for 1, 5 and 20 organizations at parallelism 1 and 4,
 * under the real Pulumi CLI against the JumpCloud emulator and the simulated Azure plugin, plus
 * the JumpCloud calls one organization's `up` makes. Run by `npm run bench` after its own figures;
 * `npm run bench:fleet` alone. Numbers, not a test; skipped with one line when no CLI is found.
 */
import { findPulumiCli, NO_CLI_MESSAGE } from "../simulation/engine/pulumiCli";
import { startFleetSandbox } from "../simulation/fleetSandbox";

const SIZES = [1, 5, 20];
const PARALLELISM = [1, 4];

function line(figure: string, value: string): void {
    console.log(`${figure.padEnd(52)} ${value.padStart(14)}   target (reported)`);
}

async function main(): Promise<void> {
    const cli = findPulumiCli();
    if (!cli) {
        console.log(`6. fleet wall time: skipped, ${NO_CLI_MESSAGE}`);
        return;
    }
    for (const size of SIZES) {
        const fleet = await startFleetSandbox(cli, size);
        try {
            for (const parallel of PARALLELISM) {
                fleet.emulator.resetRequests();
                const started = Date.now();
                const results = await fleet.run("up", { parallel });
                const wall = Date.now() - started;
                const failed = results.filter((r) => r.result !== "succeeded");
                if (failed.length > 0)
                    throw new Error(
                        `up failed for ${failed.map((r) => `${r.organization}: ${r.error}`).join("; ")}`,
                    );
                const label = `${size} org${size === 1 ? "" : "s"}, parallel ${parallel}`;
                line(
                    `6. fleet up, ${label} (${(wall / size / 1000).toFixed(1)} s/org)`,
                    `${(wall / 1000).toFixed(1)} s`,
                );
                if (size === SIZES[0] && parallel === PARALLELISM[0]) {
                    line(
                        "6. JumpCloud calls per organization's first up",
                        String(fleet.emulator.requests.length / size),
                    );
                }
                const destroyed = await fleet.run("destroy", { parallel: 4 });
                if (destroyed.some((r) => r.result !== "succeeded"))
                    throw new Error("destroy failed between runs");
            }
        } finally {
            await fleet.dispose();
        }
    }
}

main().catch((error: Error) => {
    console.error(`fleet bench failed: ${error.message}`);
    process.exit(1);
});
