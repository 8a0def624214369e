/**
 * The benchmark's side-by-side figure: N organizations written by hand with @pulumi/azuread and a
 * minimal dynamic resource (sideBySide/handWritten) against the same N through
 * EntraIdentityProvider (sideBySide/component), both typed under the real CLI in an installed
 * layout (a folder whose node_modules holds this package, as `npm install` leaves it), against
 * the JumpCloud emulator and the simulated Azure plugins. Rounds interleave the two programs, and
 * alternate which goes first, so that a slow moment of a shared machine touches both alike.
 */
import { randomBytes } from "crypto";
import * as path from "path";
import { JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { REPO_ROOT, type PulumiCli } from "./pulumiCli";
import { StackProject, type Operation } from "./stackProject";

const KEY = "bench-api-key-side-by-side";
const PROGRAMS = {
    handWritten: path.join(REPO_ROOT, "simulation", "engine", "sideBySide", "handWritten"),
    component: path.join(REPO_ROOT, "simulation", "engine", "sideBySide", "component"),
} as const;
export type SideBySideProgram = keyof typeof PROGRAMS;
export const TIMED_OPERATIONS = ["up", "preview", "destroy"] as const;
export type TimedOperation = (typeof TIMED_OPERATIONS)[number];

/** Milliseconds of each operation, per program, one entry per round. */
export type SideBySideRuns = Record<SideBySideProgram, Record<TimedOperation, number[]>>;

/** One program's up, preview (which must find no change) and destroy of N organizations. */
async function timeProgram(
    cli: PulumiCli,
    program: SideBySideProgram,
    organizations: number,
    round: number,
): Promise<Record<TimedOperation, number>> {
    const orgIds = Array.from({ length: organizations }, () => randomBytes(12).toString("hex"));
    const emulator = await JumpCloudEmulator.start({ apiKey: KEY, multiTenant: true, organizations: orgIds });
    const project = await StackProject.create({
        cli,
        stackName: `side-${program}-${round}`,
        projectDir: PROGRAMS[program],
        layout: "linked-install",
        config: { [`${programName(program)}:organizations`]: orgIds },
        passphrase: "bench passphrase",
        env: { JUMPCLOUD_API_URL: emulator.url },
    });
    try {
        await project.setSecret("jumpcloud:apiKey", KEY);
        const timed = async (operation: Operation & TimedOperation) => {
            const started = Date.now();
            const result = await project.run(operation, { expectNoChanges: operation === "preview" });
            if (!result.ok) throw new Error(`${program}: pulumi ${operation} failed: ${result.error}`);
            return Date.now() - started;
        };
        const up = await timed("up");
        if (emulator.identityProviders().length !== organizations) {
            throw new Error(
                `${program}: pulumi up made ${emulator.identityProviders().length} IdPs, not ${organizations}`,
            );
        }
        const preview = await timed("preview");
        const destroy = await timed("destroy");
        if (emulator.identityProviders().length !== 0)
            throw new Error(`${program}: destroy left IdPs behind`);
        return { up, preview, destroy };
    } finally {
        project.dispose();
        await emulator.stop();
    }
}

function programName(program: SideBySideProgram): string {
    return program === "handWritten" ? "jumpcloud-entra-hand-written" : "jumpcloud-entra-side-by-side";
}

/** `rounds` interleaved rounds of both programs; `progress` hears each step as it starts. */
export async function timeSideBySide(
    cli: PulumiCli,
    organizations: number,
    rounds: number,
    progress: (message: string) => void,
): Promise<SideBySideRuns> {
    const empty = () => ({ up: [], preview: [], destroy: [] }) as Record<TimedOperation, number[]>;
    const runs: SideBySideRuns = { handWritten: empty(), component: empty() };
    for (let round = 1; round <= rounds; round += 1) {
        const order: SideBySideProgram[] =
            round % 2 === 1 ? ["handWritten", "component"] : ["component", "handWritten"];
        for (const program of order) {
            progress(`side by side: ${program}, N=${organizations}, round ${round} of ${rounds}`);
            const times = await timeProgram(cli, program, organizations, round);
            for (const op of TIMED_OPERATIONS) runs[program][op].push(times[op]);
        }
    }
    return runs;
}
