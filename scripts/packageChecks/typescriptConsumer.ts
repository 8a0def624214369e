/**
 * A TypeScript program that uses the installed package: type-checked against the package's own
 * .d.ts files (under both the classic `node` resolution, which reads "types", and `node16`, which
 * reads "exports"), then compiled and run under Pulumi's mocks. The program holds lines that must
 * NOT type-check (`@ts-expect-error`): if the package shipped no types, or looser ones, those lines
 * would compile and tsc would fail on the unused directive.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../scratchInstall";

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { EntraIdentityProvider, ID_TOKEN_OPTIONAL_CLAIMS, type EntraIdentityProviderArgs } from "jumpcloud-entra-idp";

const args: EntraIdentityProviderArgs = {
    region: "us",
    users: [{ userPrincipalName: "ada.lovelace@contoso.com", displayName: "Ada Lovelace", forcePasswordChange: true }],
    clientSecret: { expiresInDays: 180, rotateAfterDays: 150 },
    jumpCloud: { orgId: "0123456789abcdef01234567", checkUsers: false },
};
// @ts-expect-error: region is "us" | "eu"
const wrongRegion: EntraIdentityProviderArgs = { region: "mars" };
// @ts-expect-error: a user needs a displayName
const noDisplayName: EntraIdentityProviderArgs = { users: [{ userPrincipalName: "a@contoso.com" }] };
void wrongRegion;
void noDisplayName;

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

async function main(): Promise<void> {
    const registered: Registered[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (a) => {
                registered.push({ type: a.type, name: a.name, inputs: a.inputs });
                const state = { ...a.inputs, clientId: "0b8e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d", objectId: "o", value: "consumer-secret", expiresAt: "2027-01-01T00:00:00Z", createdAt: "2026-01-01T00:00:00Z", result: "pw" };
                return { id: a.name + "-id", state };
            },
            call: () => ({ tenantId: "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f", objectId: "g", oauth2PermissionScopeIds: { openid: "1", email: "2", profile: "3" } }),
        },
        "consumer",
        "dev",
        false,
    );
    const idp = new EntraIdentityProvider("contoso", args);
    const issuerUrl: pulumi.Output<string> = idp.issuerUrl;
    const issuer = await new Promise<string>((resolve) => issuerUrl.apply(resolve));
    await new Promise<unknown>((resolve) => pulumi.all([idp.identityProviderId, idp.userPasswords]).apply(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));

    let keyVaultError = "";
    const before = registered.length;
    try {
        new EntraIdentityProvider("kv", { keyVault: { resourceGroupName: "rg", vaultName: "contoso-kv" } });
    } catch (error) {
        keyVaultError = (error as Error).message;
    }
    const user = registered.find((r) => r.type === "azuread:index/user:User");
    console.log(JSON.stringify({
        issuer,
        claims: ID_TOKEN_OPTIONAL_CLAIMS.length,
        types: [...new Set(registered.map((r) => r.type))].sort(),
        forcePasswordChange: user?.inputs.forcePasswordChange,
        keyVaultError,
        registeredByKeyVault: registered.length - before,
    }));
}

main().catch((error: Error) => {
    console.error("consumer failed: " + error.message);
    process.exit(1);
});
`;

function tsconfig(resolution: "node" | "node16"): object {
    return {
        compilerOptions: {
            strict: true,
            target: "ES2022",
            module: resolution === "node" ? "commonjs" : "node16",
            moduleResolution: resolution,
            outDir: "out",
            skipLibCheck: true,
            // The program's own @types are not installed; borrow the repository's.
            typeRoots: [path.join(ROOT, "node_modules", "@types")],
            types: ["node"],
        },
        files: ["consumer.ts"],
    };
}

export interface ConsumerResult {
    issuer: string;
    claims: number;
    types: string[];
    forcePasswordChange: unknown;
    keyVaultError: string;
    registeredByKeyVault: number;
}

/** Type-checks (both resolutions), compiles and runs the consumer in `programDir`; throws on any failure. */
export function checkTypeScriptConsumer(programDir: string, label: string): void {
    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    fs.writeFileSync(path.join(programDir, "consumer.ts"), PROGRAM);
    for (const resolution of ["node16", "node"] as const) {
        fs.writeFileSync(
            path.join(programDir, "tsconfig.json"),
            JSON.stringify(tsconfig(resolution), null, 2),
        );
        try {
            execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], {
                cwd: programDir,
                encoding: "utf8",
            });
        } catch (error) {
            const out = (error as { stdout?: string }).stdout ?? "";
            throw new Error(
                `${label}: the TypeScript consumer does not type-check (moduleResolution ${resolution}):\n${out}`,
            );
        }
    }
    const output = execFileSync(process.execPath, [path.join("out", "consumer.js")], {
        cwd: programDir,
        encoding: "utf8",
    });
    const result = JSON.parse(output.trim().split("\n").pop()!) as ConsumerResult;
    const problems = [
        result.issuer === "https://login.microsoftonline.com/6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
            ? ""
            : `issuerUrl ${result.issuer}`,
        result.claims === 25 ? "" : `ID_TOKEN_OPTIONAL_CLAIMS has ${result.claims} entries`,
        [
            "jumpcloud-entra-idp:index:EntraIdentityProvider",
            "azuread:index/application:Application",
            "azuread:index/user:User",
            "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider",
        ]
            .filter((type) => !result.types.includes(type))
            .map((type) => `no ${type} registered`)
            .join(", "),
        result.forcePasswordChange === true
            ? ""
            : `forcePasswordChange ${String(result.forcePasswordChange)}`,
        result.keyVaultError.includes('npm install @pulumi/azure-native@"^')
            ? ""
            : `keyVault without @pulumi/azure-native: ${JSON.stringify(result.keyVaultError)}`,
        result.registeredByKeyVault === 0
            ? ""
            : `keyVault without @pulumi/azure-native registered ${result.registeredByKeyVault} resources`,
    ].filter(Boolean);
    if (problems.length > 0)
        throw new Error(`${label}: the TypeScript consumer ran, but: ${problems.join("; ")}`);
    console.log(
        `${label}: TypeScript consumer type-checks against the package's .d.ts (node and node16 resolution), ` +
            "runs under mocks, and keyVault without @pulumi/azure-native fails before registering anything: yes",
    );
}
