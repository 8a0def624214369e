/**
 * One organization's stack through Pulumi's Automation API: `LocalWorkspace` with the inline
 * program, its own work folder, its own secrets, and the operation run on the real Pulumi CLI.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
    LocalWorkspace,
    type ConfigMap,
    type EngineEvent,
    type PulumiCommand,
    type Stack,
} from "@pulumi/pulumi/automation";
import { redact } from "../providers/jumpcloudClient";
import { CONNECTION_ENV } from "../providers/connection";
import type { Inventory, Organization } from "./inventory";
import type { ChangeCounts, Operation, OrganizationOperation } from "./operations";
import { fleetProgram } from "./program";
import { prepareProgramFolder } from "./programFolder";
import { readSecret } from "./secretSources";
import { verifyOrganization } from "./verifyOperation";
import type { VerifyOptions } from "../verify";

export interface StackOperationSettings {
    /** Where each organization's workspace (Pulumi.yaml, Pulumi.<stack>.yaml, logs) lives: `<workDir>/<name>/`. */
    readonly workDir: string;
    /** The Pulumi CLI to run; defaults to `pulumi` on PATH. */
    readonly pulumiCommand?: PulumiCommand;
    /** Policy packs to run with preview and up (`--policy-pack`). */
    readonly policyPacks?: readonly string[];
    /** Environment the secrets are read from. Defaults to process.env. */
    readonly env?: NodeJS.ProcessEnv;
    /**
     * More environment for one organization's Pulumi CLI and the plugins it starts (PULUMI_HOME,
     * a proxy...). The stack's own passphrase, backend and JumpCloud key handling win over it.
     */
    readonly environment?: (org: Organization) => Record<string, string>;
    /** For `verify`: the login host and JumpCloud address to check against, the time bound. */
    readonly verify?: VerifyOptions;
}

/**
 * The Automation API operation for `runFleet`. Checks first that nothing in this process's
 * environment would silently replace each stack's own JumpCloud key.
 */
export function stackOperation(
    inventory: Inventory,
    settings: StackOperationSettings,
): OrganizationOperation<Organization> {
    const env = settings.env ?? process.env;
    // The secrets' environment, and this process's, which the program's user check reads.
    for (const source of new Set([env, process.env])) checkEnvironment(inventory, source);
    // Each stack's dynamic-provider host runs in its work folder and loads the package's providers
    // from there: link them in, and if they still cannot load, say so once, now.
    prepareProgramFolder(settings.workDir);
    return async (org, operation) => {
        const secrets = readSecrets(org, env);
        const dir = path.join(settings.workDir, org.name);
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const log = fs.createWriteStream(path.join(dir, `${operation}.log`), { mode: 0o600 });
        const errors: string[] = [];
        const onEvent = (event: EngineEvent) => {
            const diagnostic = event.diagnosticEvent;
            if (diagnostic?.severity === "error") errors.push(diagnostic.message);
        };
        const onOutput = (text: string) => log.write(redact(text, secrets.values));
        try {
            const stack = await selectStack(inventory, org, dir, secrets, settings);
            if (operation === "verify") {
                // Reads the stack and tests the connection; changes nothing.
                await verifyOrganization(stack, org, secrets.apiKey, settings.verify);
                return {};
            }
            return await run(stack, operation, { onEvent, onOutput, policyPacks: settings.policyPacks });
        } catch (error) {
            throw new Error(redact(failureText(error, errors), secrets.values));
        } finally {
            await new Promise((resolve) => log.end(resolve));
        }
    };
}

/**
 * JUMPCLOUD_API_KEY wins over the stack setting in the providers and in the program's user check,
 * so, set here, it would replace every organization's own key. Allowed only when it is every
 * organization's key anyway.
 */
function checkEnvironment(inventory: Inventory, env: NodeJS.ProcessEnv): void {
    const name = CONNECTION_ENV.apiKey;
    if (!env[name]) return;
    const own = inventory.organizations.filter((org) => {
        const source = org.secrets.jumpCloudApiKey;
        return !("env" in source && source.env === name);
    });
    if (own.length > 0) {
        throw new Error(
            `${name} is set in the environment: it would replace the JumpCloud key of every organization ` +
                `(${own.map((o) => o.name).join(", ")} name their own). Unset it, or name it as their ` +
                `secrets.jumpCloudApiKey ({ env: ${name} }).`,
        );
    }
}

interface StackSecrets {
    readonly apiKey: string;
    readonly passphrase?: string;
    readonly entraClientSecret?: string;
    /** Every value above, for redaction. */
    readonly values: readonly string[];
}

function readSecrets(org: Organization, env: NodeJS.ProcessEnv): StackSecrets {
    const apiKey = readSecret(org.secrets.jumpCloudApiKey, "secrets.jumpCloudApiKey", env);
    const passphrase = org.secrets.stackPassphrase
        ? readSecret(org.secrets.stackPassphrase, "secrets.stackPassphrase", env)
        : undefined;
    const entraClientSecret = org.secrets.entraClientSecret
        ? readSecret(org.secrets.entraClientSecret, "secrets.entraClientSecret", env)
        : undefined;
    const values = [apiKey, passphrase, entraClientSecret].filter((v): v is string => v !== undefined);
    return { apiKey, passphrase, entraClientSecret, values };
}

async function selectStack(
    inventory: Inventory,
    org: Organization,
    dir: string,
    secrets: StackSecrets,
    settings: StackOperationSettings,
): Promise<Stack> {
    const envVars: Record<string, string> = {
        ...(settings.environment?.(org) ?? {}),
        // Each stack's own key reaches the providers through its secret setting, not the environment.
        [CONNECTION_ENV.apiKey]: "",
        ...(secrets.passphrase !== undefined ? { PULUMI_CONFIG_PASSPHRASE: secrets.passphrase } : {}),
        ...(inventory.backend ? { PULUMI_BACKEND_URL: inventory.backend } : {}),
    };
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: org.name, projectName: inventory.project, program: fleetProgram(org.component) },
        {
            workDir: dir,
            envVars,
            secretsProvider: org.secretsProvider,
            projectSettings: {
                name: inventory.project,
                runtime: "nodejs",
                ...(inventory.backend ? { backend: { url: inventory.backend } } : {}),
            },
            ...(settings.pulumiCommand ? { pulumiCommand: settings.pulumiCommand } : {}),
        },
    );
    const config: ConfigMap = {
        "azuread:tenantId": { value: org.entraTenantId },
        "jumpcloud:apiKey": { value: secrets.apiKey, secret: true },
    };
    if (org.entraClientId) config["azuread:clientId"] = { value: org.entraClientId };
    if (secrets.entraClientSecret)
        config["azuread:clientSecret"] = { value: secrets.entraClientSecret, secret: true };
    await stack.setAllConfig(config);
    // A setting dropped from the inventory must not linger in the stack's file from an earlier run.
    const dropped = ["azuread:clientId", "azuread:clientSecret"].filter((key) => !(key in config));
    if (dropped.length > 0) await stack.removeAllConfig(dropped);
    return stack;
}

async function run(
    stack: Stack,
    operation: Operation,
    options: {
        onEvent: (event: EngineEvent) => void;
        onOutput: (text: string) => void;
        policyPacks?: readonly string[];
    },
): Promise<ChangeCounts> {
    const common = { onEvent: options.onEvent, onOutput: options.onOutput, color: "never" as const };
    const policyPacks =
        options.policyPacks && options.policyPacks.length > 0 ? [...options.policyPacks] : undefined;
    switch (operation) {
        case "preview":
            return (await stack.preview({ ...common, policyPacks })).changeSummary ?? {};
        case "up":
            return (await stack.up({ ...common, policyPacks })).summary.resourceChanges ?? {};
        case "refresh":
            return (await stack.refresh(common)).summary.resourceChanges ?? {};
        case "destroy":
            return (await stack.destroy(common)).summary.resourceChanges ?? {};
        case "verify":
            throw new Error("verify runs through verifyOrganization, not the engine");
    }
}

/**
 * What went wrong, most specific first: the engine's first error diagnostic that is not the
 * generic summary, else the CLI's first `error:` line, else the exception's message.
 */
function failureText(error: unknown, diagnostics: readonly string[]): string {
    const generic = /^(update failed|preview failed|refresh failed|destroy failed)$/i;
    const lines = diagnostics
        .flatMap((message) => message.split("\n"))
        .map((line) => line.trim().replace(/^error:\s*/, ""))
        .filter((line) => line.length > 0 && !generic.test(line));
    if (lines.length > 0) return lines[0];
    const message = error instanceof Error ? error.message : String(error);
    const errorLine = message
        .split("\n")
        .map((line) => line.trim())
        .find((line) => line.startsWith("error:"));
    return errorLine ? errorLine.replace(/^error:\s*/, "") : message;
}
