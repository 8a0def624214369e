/**
 * The JumpCloud user check and the Key Vault copy of the client secret, under mocks (the user
 * check calls the emulator for real).
 */
import { expect } from "chai";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { EntraIdentityProvider } from "../components";
import { AZURE_NATIVE_PEER_RANGE, loadKeyVaultModule } from "../components/keyVault";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import {
    findResource,
    isSecretInput,
    plain,
    promiseOf,
    settle,
    settledOf,
    simulatedAzure,
} from "./support/pulumiTest";
import { capturingWarnings } from "../simulation/runtimeWarnings";
import { FAST_RETRY_ENV, TEST_API_KEY, startEmulator, withEnv } from "./support/jumpcloudFixtures";
import { RESOURCE_TYPES } from "../components/resourceTypes";

const users = [
    { userPrincipalName: "jane.doe@contoso.com", displayName: "Jane Doe" },
    { userPrincipalName: "sam.lee@contoso.com", displayName: "Sam Lee" },
];

describe("JumpCloud user check", () => {
    let emulator: JumpCloudEmulator;
    let restoreEnv: () => void;
    before(async () => {
        emulator = await startEmulator();
        emulator.seedUser(emulator.organizations[0], "jane.doe@contoso.com");
        restoreEnv = withEnv({ ...FAST_RETRY_ENV });
    });
    after(async () => {
        restoreEnv();
        await emulator.stop();
    });

    it("looks each user up by email and reports who is missing", async () => {
        await simulatedAzure();
        const restore = withEnv({ JUMPCLOUD_API_KEY: TEST_API_KEY });
        try {
            emulator.resetRequests();
            const { result, warnings } = await capturingWarnings(() => {
                const c = new EntraIdentityProvider("check", { users, jumpCloud: { apiUrl: emulator.url } });
                return promiseOf(c.jumpCloudUsers);
            });
            expect(result).to.deep.equal([
                { email: "jane.doe@contoso.com", found: true },
                { email: "sam.lee@contoso.com", found: false },
            ]);
            expect(warnings).to.have.length(1);
            expect(warnings[0]).to.match(/^check: no JumpCloud user has the email sam\.lee@contoso\.com\. /);
            expect(emulator.requests.map((r) => r.query.filter)).to.deep.equal([
                "email:$eq:jane.doe@contoso.com",
                "email:$eq:sam.lee@contoso.com",
            ]);
        } finally {
            restore();
        }
    });

    it("fails with requireUsers when one is missing, naming the email", async () => {
        await simulatedAzure();
        const restore = withEnv({ JUMPCLOUD_API_KEY: TEST_API_KEY });
        try {
            const c = new EntraIdentityProvider("strict", {
                users,
                jumpCloud: { apiUrl: emulator.url, requireUsers: true },
            });
            let message = "";
            await settledOf(c.jumpCloudUsers).catch((e: Error) => (message = e.message));
            expect(message).to.include("sam.lee@contoso.com").and.include("requireUsers");
        } finally {
            restore();
        }
    });

    it("fails with requireUsers when it cannot check at all (no API key)", async () => {
        await simulatedAzure();
        const c = new EntraIdentityProvider("strict-nokey", {
            users,
            jumpCloud: { apiUrl: emulator.url, requireUsers: true },
        });
        let message = "";
        await settledOf(c.jumpCloudUsers).catch((e: Error) => (message = e.message));
        expect(message).to.include("requireUsers").and.include("JUMPCLOUD_API_KEY");
    });

    it("says it could not check, and calls nothing, without an API key", async () => {
        await simulatedAzure();
        emulator.resetRequests();
        const { result, warnings } = await capturingWarnings(() => {
            const c = new EntraIdentityProvider("nokey", { users, jumpCloud: { apiUrl: emulator.url } });
            return promiseOf(c.jumpCloudUsers);
        });
        expect(result.map((u) => u.found)).to.deep.equal([null, null]);
        expect(warnings).to.deep.equal([
            "nokey: JumpCloud users were not checked: no API key (set JUMPCLOUD_API_KEY or the secret config jumpcloud:apiKey)",
        ]);
        expect(emulator.requests).to.have.length(0);
    });
});

describe("Key Vault copy of the client secret", () => {
    it("stores the secret value, as a secret, expiring with the client secret", async () => {
        const registrations = await simulatedAzure();
        const c = new EntraIdentityProvider("kv", {
            keyVault: { resourceGroupName: "identity-rg", vaultName: "contoso-kv" },
        });
        await promiseOf(pulumi.all([c.keyVaultSecretId, c.clientSecret, c.clientSecretEndDate]));
        await settle();
        const secret = findResource(
            registrations,
            RESOURCE_TYPES.keyVaultSecret,
            "kv-keyvault-secret",
        ).inputs;
        const properties = secret.properties as {
            value: unknown;
            attributes: { expires: number; enabled: boolean };
        };
        expect(secret).to.include({
            resourceGroupName: "identity-rg",
            vaultName: "contoso-kv",
            secretName: "kv-jumpcloud-client-secret",
        });
        expect(isSecretInput(properties.value) || isSecretInput(secret.properties)).to.equal(true);
        const value = isSecretInput(properties.value)
            ? plain(properties.value)
            : plain<{ value: string }>(secret.properties).value;
        expect(value).to.equal(await promiseOf(c.clientSecret));
        const attributes = (
            isSecretInput(secret.properties) ? plain<typeof properties>(secret.properties) : properties
        ).attributes;
        expect(attributes.expires).to.equal(
            Math.floor(Date.parse(await promiseOf(c.clientSecretEndDate)) / 1000),
        );
    });

    it("refuses a bad vault or secret name before creating anything", () => {
        expect(
            () =>
                new EntraIdentityProvider("kv2", {
                    keyVault: { resourceGroupName: "rg", vaultName: "no_underscores" },
                }),
        ).to.throw(/keyVault\.vaultName/);
        expect(
            () =>
                new EntraIdentityProvider("kv3", {
                    keyVault: { resourceGroupName: "rg", vaultName: "okvault", secretName: "bad name" },
                }),
        ).to.throw(/keyVault\.secretName/);
    });

    it("names the same @pulumi/azure-native range as package.json's optional peer dependency", () => {
        const manifest = require(path.join(ROOT, "package.json")) as {
            peerDependencies: Record<string, string>;
            peerDependenciesMeta: Record<string, { optional?: boolean }>;
            dependencies: Record<string, string>;
        };
        expect(manifest.peerDependencies["@pulumi/azure-native"]).to.equal(AZURE_NATIVE_PEER_RANGE);
        expect(manifest.peerDependenciesMeta["@pulumi/azure-native"].optional).to.equal(true);
        expect(manifest.dependencies).to.not.have.property("@pulumi/azure-native");
    });

    it("passes on any other failure to resolve the package unchanged", () => {
        const broken = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
        expect(() =>
            loadKeyVaultModule("kv", () => {
                throw broken;
            }),
        ).to.throw(/EACCES/);
    });
});

const ROOT = path.resolve(__dirname, "..", "..");
