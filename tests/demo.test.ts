/**
 * The offline demo is a user-facing command (`npm run demo`): it must finish, succeed, show the
 * resource tree and the IdP's lifecycle, and never print a secret.
 */
import { expect } from "chai";
import { execFile } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

describe("npm run demo --host (Pulumi's dynamic-provider host driven directly)", function () {
    this.timeout(60_000);

    it("runs the stack program offline through create, refresh, rename and delete, masking secrets", async () => {
        const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
            execFile(
                process.execPath,
                [path.join(ROOT, "dist", "scripts", "demo.js"), "--host"],
                { cwd: ROOT },
                (error, out) =>
                    resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: out }),
            );
        });
        expect(code).to.equal(0);
        expect(stdout).to.include("Demo finished: every step succeeded.");
        expect(stdout).to.include("25 ID-token claims");
        expect(stdout).to.include("admin consent, tenant-wide: openid, email, profile");
        expect(stdout).to.include('"Entra OIDC (renamed)"');
        expect(stdout).to.include(
            "JumpCloud identity provider calls made: 4 (POST 201, GET 200, PUT 200, DELETE 204)",
        );
        // Simulated secrets start with SIMULATED~; generated passwords are never printed.
        expect(stdout).to.not.match(/SIMULATED~[0-9a-f]/);
        expect(stdout).to.not.include("demo-api-key-not-secret");
    });

    it("exits non-zero, naming the step, when a step fails", async () => {
        const { code, stdout, stderr } = await new Promise<{
            code: number | null;
            stdout: string;
            stderr: string;
        }>((resolve) => {
            execFile(
                process.execPath,
                [path.join(ROOT, "dist", "scripts", "demo.js"), "--host"],
                // A broken retry setting makes the provider host refuse every JumpCloud call.
                { cwd: ROOT, env: { ...process.env, JUMPCLOUD_MAX_ATTEMPTS: "many" } },
                (error, out, err) =>
                    resolve({
                        code: error ? ((error as { code?: number }).code ?? 1) : 0,
                        stdout: out,
                        stderr: err,
                    }),
            );
        });
        expect(code).to.equal(1);
        expect(stderr).to.include("Demo FAILED").and.include("JUMPCLOUD_MAX_ATTEMPTS");
        expect(stdout).to.not.include("Demo finished");
    });
});
