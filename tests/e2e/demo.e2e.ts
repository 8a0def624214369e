/**
 * `npm run demo` under the real engine (what it runs when a Pulumi CLI is found): real `pulumi up`,
 * `refresh`, an update in place and `pulumi destroy`, with the CLI's own output and no secret shown.
 */
import { expect } from "chai";
import { execFile } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../../simulation/engine/pulumiCli";
import { useEngine } from "./support/engineFixtures";

describe("e2e: npm run demo under the real engine", function () {
    this.timeout(300_000);
    useEngine();

    it("runs up, refresh, a rename and destroy through the CLI, and says so", async () => {
        const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
            (resolve) =>
                execFile(
                    process.execPath,
                    [path.join(REPO_ROOT, "dist", "scripts", "demo.js"), "--engine"],
                    { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
                    (error, out, err) =>
                        resolve({
                            code: error ? ((error as { code?: number }).code ?? 1) : 0,
                            stdout: out,
                            stderr: err,
                        }),
                ),
        );
        expect(code, stderr).to.equal(0);
        expect(stdout).to.match(/Running under the real Pulumi engine: pulumi v\d+\.\d+\.\d+/);
        expect(stdout).to.match(/Updating \(offline-demo-\d+\):/);
        expect(stdout).to.match(/Destroying \(offline-demo-\d+\):/);
        expect(stdout).to.match(/~ 1 updated/);
        expect(stdout).to.include("JumpCloud identity provider calls made:");
        expect(stdout).to.include("Demo finished: every step succeeded.");
        // The engine warns about a stack output left undefined (keyVaultSecretId without a vault).
        expect(stdout).to.not.include("Undefined value");
        expect(stdout).to.not.match(/SIMULATED~[0-9a-f]/);
        expect(stdout + stderr).to.not.include("demo-api-key-not-secret");
    });
});
