/**
 * The serialized provider of an installed package, in Pulumi's dynamic-provider host with the
 * consumer program as its working directory, against the emulator: the component built there under
 * Pulumi's mocks, its identity provider created and deleted through the host. An installed
 * package's stored provider loads its modules through package.json "exports", which the in-repo
 * tests cannot reach.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../scratchInstall";

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

/** Runs the check in `consumerDir` (the package and @pulumi/pulumi installed); throws when it fails. */
export function checkSerializedProvider(consumerDir: string): void {
    fs.writeFileSync(path.join(consumerDir, "serialized-provider.js"), CONSUMER);
    const run = spawnSync(process.execPath, ["serialized-provider.js"], {
        cwd: consumerDir,
        stdio: "inherit",
    });
    if (run.status !== 0)
        throw new Error("the installed package's serialized provider did not run in Pulumi's host");
}
