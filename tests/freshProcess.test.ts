/**
 * What a fresh Node process sees of the package: requiring it creates nothing and reads no
 * configuration (only a program's own code does), and @pulumi/azure-native, an optional peer, is
 * loaded only for the Key Vault copy, which says what to install when it is missing. One probe
 * process answers all three (tests/support/freshProcessProbe.ts); it starts with the suite.
 */
import { expect } from "chai";
import { execFile } from "child_process";
import * as path from "path";
import { AZURE_NATIVE_PEER_RANGE } from "../components/keyVault";
import { COMPONENT_TYPE } from "../components/resourceTypes";
import type { FreshProcessProbes } from "./support/freshProcessProbe";

const ROOT = path.resolve(__dirname, "..", "..");

/** Runs the probe in its own process, from the repository (the package resolves to itself by name). */
function runProbe(): Promise<FreshProcessProbes> {
    return new Promise((resolve, reject) => {
        execFile(
            process.execPath,
            [path.join(__dirname, "support", "freshProcessProbe.js")],
            { cwd: ROOT, encoding: "utf8" },
            (error, stdout, stderr) => {
                if (error) reject(new Error(`the probe failed: ${error.message}\n${stderr}`));
                else resolve(JSON.parse(stdout.trim().split("\n").pop()!) as FreshProcessProbes);
            },
        );
    });
}

describe("a fresh process that loads the package", function () {
    this.timeout(30_000);
    let probes: FreshProcessProbes;
    before(async () => {
        probes = await runProbe();
    });

    it("registers no resource and reads no config when the package is required", () => {
        expect(probes.entry.registered).to.deep.equal([]);
        expect(probes.entry.readKeys).to.deep.equal([]);
        expect(probes.entry.exports).to.include("EntraIdentityProvider").and.include("IdentityProvider");
    });

    it("loads no part of @pulumi/azure-native when keyVault is not used", () => {
        const result = probes.plain;
        expect(result.error).to.equal(undefined);
        expect(result.registered).to.include(COMPONENT_TYPE);
        expect(result.azureNativeModulesLoaded).to.equal(0);
    });

    it("without @pulumi/azure-native installed, refuses keyVault before registering anything, saying what to install", () => {
        const result = probes["hidden-keyvault"];
        expect(result.error).to.include(
            'EntraIdentityProvider "probe": keyVault needs the package @pulumi/azure-native',
        );
        expect(result.error).to.include(`npm install @pulumi/azure-native@"${AZURE_NATIVE_PEER_RANGE}"`);
        expect(result.registered).to.deep.equal([]);
    });
});
