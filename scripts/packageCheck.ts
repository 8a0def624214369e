/**
 * `npm run check:package`: the package as a user installs it. Packs it, installs the tarball into
 * a fresh project, builds the component there under Pulumi's mocks, and runs the serialized
 * JumpCloud provider in Pulumi's dynamic-provider host with that project as its working directory,
 * against the emulator. This catches what the in-repo tests cannot: the serialized provider of an
 * installed package requires its modules by deep path (`jumpcloud-entra-idp/dist/providers/...`),
 * which must resolve through package.json "exports". Then the README's other install paths and
 * the examples (scripts/packageChecks/): a git URL install, a TypeScript consumer type-checked
 * against the .d.ts and run under mocks in both installs, and each example installed on its own.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkInstallPaths } from "./packageChecks/installPaths";
import { providerLayoutsExitCode } from "./providerLayouts";

const ROOT = path.resolve(__dirname, "..", "..");
const pulumiVersion = (
    require(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json")) as { version: string }
).version;

const CONSUMER = `
const pulumi = require("@pulumi/pulumi");
const { JumpCloudEmulator } = require(${JSON.stringify(path.join(ROOT, "dist", "emulator", "jumpcloudEmulator"))});
const { DynamicProviderHost, dynamicUrn, unwrapSecrets } = require(${JSON.stringify(path.join(ROOT, "dist", "simulation", "providerHost"))});
(async () => {
    const emulator = await JumpCloudEmulator.start({ apiKey: "package-check-key" });
    const registrations = [];
    await pulumi.runtime.setMocks({
        newResource: (a) => {
            registrations.push(a);
            return { id: a.name + "-id", state: { ...a.inputs, clientId: "0b8e6c1a-2d3f-4a5b-9c8d-7e6f5a4b3c2d", objectId: "o", value: "package-check-secret", expiresAt: "2027-01-01T00:00:00Z", createdAt: "2026-01-01T00:00:00Z", result: "pw" } };
        },
        call: () => ({ tenantId: "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f", objectId: "g", oauth2PermissionScopeIds: { openid: "1", email: "2", profile: "3" } }),
    }, "consumer", "dev", false);
    const { EntraIdentityProvider } = require("jumpcloud-entra-idp");
    const component = new EntraIdentityProvider("consumer", { jumpCloud: { apiUrl: emulator.url } });
    await new Promise((resolve) => component.identityProviderId.apply(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const idp = registrations.find((r) => r.type === "pulumi-nodejs:dynamic/jumpcloud:IdentityProvider");
    const host = await DynamicProviderHost.start({ cwd: process.cwd(), env: { ...process.env, JUMPCLOUD_API_KEY: "package-check-key" } });
    let ok = false;
    try {
        const urn = dynamicUrn("consumer-jumpcloud-idp", "jumpcloud:IdentityProvider");
        const created = await host.create(urn, unwrapSecrets(idp.inputs));
        await host.delete(created.id, urn, created.properties);
        ok = emulator.requests.map((r) => r.method).join(",") === "POST,DELETE";
        console.log("installed package: serialized provider created and deleted the IdP: " + (ok ? "yes" : "NO"));
    } finally {
        await host.stop();
        await emulator.stop();
    }
    process.exitCode = ok ? 0 : 1;
})().catch((e) => { console.error("package check failed: " + e.message); process.exitCode = 1; });
`;

function main(): number {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-package-check-"));
    try {
        const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], {
            cwd: ROOT,
            encoding: "utf8",
        })
            .trim()
            .split("\n")
            .pop()!;
        fs.writeFileSync(
            path.join(dir, "package.json"),
            // protobufjs's postinstall only checks version schemes; denied as in this repository.
            JSON.stringify({ name: "consumer", private: true, allowScripts: { protobufjs: false } }),
        );
        execFileSync(
            "npm",
            [
                "install",
                "--prefer-offline",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                `./${tarball}`,
                `@pulumi/pulumi@${pulumiVersion}`,
            ],
            { cwd: dir, stdio: "inherit" },
        );
        fs.writeFileSync(path.join(dir, "consumer.js"), CONSUMER);
        const run = spawnSync(process.execPath, ["consumer.js"], { cwd: dir, stdio: "inherit" });
        if (run.status !== 0) return run.status ?? 1;
        // The other install paths, the TypeScript consumer and the examples (scripts/packageChecks/).
        try {
            checkInstallPaths(dir, path.join(dir, tarball), pulumiVersion);
        } catch (error) {
            console.error(`package check failed: ${(error as Error).message}`);
            return 1;
        }
        return 0;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

// The installed package first, then the provider in every layout (its own scratch programs).
(async () => {
    const installed = main();
    process.exit(installed !== 0 ? installed : await providerLayoutsExitCode());
})();
