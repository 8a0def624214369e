/**
 * A verify target from a stack. Of this package's program (index.ts): its outputs
 * (`pulumi stack output --json --show-secrets`) and the settings it runs with
 * (`pulumi config --json --show-secrets`), read through the Pulumi CLI. Settings rather than
 * outputs for the region and JumpCloud's address, so a setting changed since the last `up` is
 * verified as it now stands (the redirect URI JumpCloud sends follows the region). Of any other
 * program: from its state (stateTarget.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { checkRegion, type Region } from "../providers/connection";
import { DEFAULTS } from "../components/constants";
import { NO_CLI_MESSAGE, findPulumiCli, runPulumi } from "./pulumiCli";
import type { VerifyTarget } from "./target";
import { jumpCloudLocation, outputValues } from "./componentOutputs";
import { chooseComponent, targetFromComponent, type StateResource } from "./stateTarget";

const PROJECT = "jumpcloud-entra-idp";

type ConfigEntry = { value?: string; objectValue?: unknown };

function setting(config: Record<string, ConfigEntry>, key: string): unknown {
    const entry = config[key];
    if (!entry) return undefined;
    if (entry.objectValue !== undefined) return entry.objectValue;
    return entry.value === "" ? undefined : entry.value;
}

export function targetFromStack(
    outputs: Record<string, unknown>,
    config: Record<string, ConfigEntry>,
    env: NodeJS.ProcessEnv = process.env,
): VerifyTarget {
    const text = (key: string) => {
        const value = setting(config, key);
        return typeof value === "string" ? value : undefined;
    };
    const region = (text(`${PROJECT}:region`) ?? DEFAULTS.region) as Region;
    const regionProblem = checkRegion(region);
    if (regionProblem) throw new Error(`${PROJECT}:region ${regionProblem}`);
    const warn = text(`${PROJECT}:clientSecretWarnBeforeExpiryDays`);
    const routing = setting(config, `${PROJECT}:jumpCloudRouting`);
    const policyId =
        typeof routing === "object" && routing !== null
            ? (routing as { policyId?: unknown }).policyId
            : undefined;
    const { routedGroupIds, ...values } = outputValues(
        outputs,
        (name) => `the stack has no output ${name}: run \`pulumi up\` first (verify checks what it made)`,
    );
    return {
        ...values,
        region,
        ...(typeof policyId === "string" ? { routing: { policyId, groupIds: routedGroupIds } } : {}),
        warnBeforeExpiryDays:
            warn !== undefined && /^\d+$/.test(warn) ? Number(warn) : DEFAULTS.warnBeforeExpiryDays,
        naming: { style: "stack" },
        jumpCloud: jumpCloudLocation(
            {
                apiKey: text("jumpcloud:apiKey"),
                apiUrl: text(`${PROJECT}:jumpCloudApiUrl`),
                orgId: text(`${PROJECT}:jumpCloudOrgId`),
            },
            env,
        ),
    };
}

/**
 * The name of the Pulumi project `cwd` is in: its Pulumi.yaml (or Pulumi.yml), looked for from
 * `cwd` upward as the CLI does; undefined when there is none or it cannot be read.
 */
export function projectName(cwd: string): string | undefined {
    for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
        for (const file of ["Pulumi.yaml", "Pulumi.yml"]) {
            let yaml: string;
            try {
                yaml = fs.readFileSync(path.join(dir, file), "utf8");
            } catch {
                continue;
            }
            return /^name:\s*["']?([^"'\s#]+)/m.exec(yaml)?.[1];
        }
        if (path.dirname(dir) === dir) return undefined;
    }
}

/**
 * Whether the stack is read as this package's own program (its outputs and stack keys) rather than
 * from its state: only in this package's project, and only when no component was named.
 */
export function readsOwnProgram(cwd: string, component: string | undefined): boolean {
    return component === undefined && projectName(cwd) === PROJECT;
}

/** JSON a `pulumi … --show-secrets` command printed; an error never quotes it (it holds secrets). */
function parseShown<T>(text: string, command: string): T {
    try {
        return JSON.parse(text) as T;
    } catch {
        throw new Error(
            `\`pulumi ${command}\` printed something other than JSON: check the Pulumi CLI's version`,
        );
    }
}

/**
 * Reads a stack of the project in `cwd` through the Pulumi CLI. This package's own program is
 * read from its outputs and settings; any other program (one that imports the component, one with
 * several components) from its state, with `component` naming which component to verify.
 */
export async function readStackTarget(
    stack: string,
    cwd: string,
    env: NodeJS.ProcessEnv = process.env,
    component?: string,
): Promise<VerifyTarget> {
    const command = findPulumiCli(env)?.command;
    if (!command) throw new Error(NO_CLI_MESSAGE);
    const read = (args: string[]) => runPulumi(command, [...args, "--stack", stack], cwd, env);
    if (readsOwnProgram(cwd, component)) {
        const [outputs, config] = await Promise.all([
            read(["stack", "output", "--json", "--show-secrets"]),
            read(["config", "--json", "--show-secrets"]),
        ]);
        return targetFromStack(
            parseShown<Record<string, unknown>>(outputs, "stack output"),
            parseShown<Record<string, ConfigEntry>>(config, "config"),
            env,
        );
    }
    const [exported, config] = await Promise.all([
        read(["stack", "export", "--show-secrets"]),
        read(["config", "--json", "--show-secrets"]),
    ]);
    const state = parseShown<{ deployment?: { resources?: StateResource[] } }>(exported, "stack export");
    const resources = state.deployment?.resources ?? [];
    const settings = parseShown<Record<string, ConfigEntry>>(config, "config");
    const configuredKey = setting(settings, "jumpcloud:apiKey");
    const apiKey = typeof configuredKey === "string" ? configuredKey : undefined;
    return targetFromComponent(chooseComponent(resources, component), resources, apiKey, env);
}
