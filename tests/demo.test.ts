/**
 * The offline demo is a user-facing command (`npm run demo`): it must finish, succeed, show the
 * resource tree and the IdP's lifecycle, never print a secret, ignore whatever JumpCloud or Azure
 * settings the user's shell holds, fail loudly when a step fails or degrades, and match the
 * transcript the docs show (docs/testing.md, "The offline demo").
 */
import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readMarkedSection } from "../scripts/markdownSections";
import { TRANSCRIPT } from "../scripts/demo";
import { isolateEnvironment } from "../simulation/demoEnvironment";
import { checkRunWarnings, checkUserStatuses, DegradedStepError } from "../simulation/demoExpectations";

const ROOT = path.resolve(__dirname, "..", "..");

interface Run {
    code: number;
    stdout: string;
    stderr: string;
}

function runDemo(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
    return new Promise((resolve) => {
        execFile(
            process.execPath,
            [path.join(ROOT, "dist", "scripts", "demo.js"), "--host", ...args],
            { cwd: ROOT, env },
            (error, stdout, stderr) =>
                resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
    });
}

/**
 * A transcript with what changes from run to run (timings, ports, ids, dates, the shell's
 * variables) replaced, so that two runs of the same demo compare equal line by line.
 */
function transcriptShape(text: string): string[] {
    return text
        .replace(/\r/g, "")
        .trim()
        .split("\n")
        .map((line) =>
            /^(Ignoring from your shell|Nothing to ignore from your shell)/.test(line)
                ? "<the shell's ignored variables>"
                : line
                      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<guid>")
                      .replace(/\b(simulated-)?[0-9a-f]{24,32}\b/g, "<id>")
                      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g, "<date>")
                      .replace(/\d+/g, "<n>"),
        );
}

describe("npm run demo --host (Pulumi's dynamic-provider host driven directly)", function () {
    this.timeout(90_000);

    // A shell as a developer might have it: a real key and org, another API URL, a retry setting
    // that breaks every call, Azure credentials. The demo must use none of them.
    const shell = {
        ...process.env,
        JUMPCLOUD_API_KEY: "key-from-the-users-shell",
        JUMPCLOUD_ORG_ID: "aaaaaaaaaaaaaaaaaaaaaaaa",
        JUMPCLOUD_API_URL: "http://127.0.0.1:9",
        JUMPCLOUD_MAX_ATTEMPTS: "many",
        ARM_CLIENT_SECRET: "arm-secret-from-the-users-shell",
        AZURE_TENANT_ID: "11111111-1111-1111-1111-111111111111",
    };
    let run: Run;
    let failing: Promise<Run>;
    let badStackDir: string;
    // Both runs are child processes that mostly wait on their own children: started together,
    // they overlap instead of queueing, and each test reads its own.
    before(async () => {
        badStackDir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-demo-"));
        const stack = path.join(badStackDir, "Pulumi.bad.yaml");
        fs.writeFileSync(stack, "config:\n  jumpcloud-entra-idp:clientSecretExpiresInDays: 900\n");
        failing = runDemo(["--stack-config", stack], shell);
        run = await runDemo([], shell);
    });
    after(async () => {
        await failing;
        fs.rmSync(badStackDir, { recursive: true, force: true });
    });

    it("runs the stack program offline through create, refresh, rename and delete, masking secrets", () => {
        expect(run.code, run.stderr).to.equal(0);
        expect(run.stdout).to.include("Demo finished: every step succeeded.");
        expect(run.stdout).to.include("25 ID-token claims");
        expect(run.stdout).to.include("admin consent, tenant-wide: openid, email, profile");
        expect(run.stdout).to.include('"Entra OIDC (renamed)"');
        expect(run.stdout).to.include(
            "JumpCloud identity provider calls made: 4 (POST 201, GET 200, PUT 200, DELETE 204)",
        );
        expect(run.stdout).to.include('jumpCloudUsers: [{"email":"jane.doe@contoso.com","found":true}');
        // Simulated secrets start with SIMULATED~; generated passwords are never printed.
        expect(run.stdout).to.not.match(/SIMULATED~[0-9a-f]/);
        expect(run.stdout).to.not.include("demo-api-key-not-secret");
    });

    it("ignores the JumpCloud and Azure variables of the user's shell, naming them but never their values", () => {
        expect(run.stdout).to.include(
            "Ignoring from your shell: ARM_CLIENT_SECRET, AZURE_TENANT_ID, JUMPCLOUD_API_KEY, JUMPCLOUD_API_URL, JUMPCLOUD_MAX_ATTEMPTS, JUMPCLOUD_ORG_ID",
        );
        for (const value of ["key-from-the-users-shell", "arm-secret-from-the-users-shell"]) {
            expect(run.stdout + run.stderr).to.not.include(value);
        }
    });

    it("matches the transcript in the docs, line by line (numbers and ids aside)", () => {
        const shown = readMarkedSection(ROOT, TRANSCRIPT).replace(/^```text\n|\n```$/g, "");
        expect(
            transcriptShape(shown),
            `${TRANSCRIPT.file}'s demo transcript is stale: run \`npm run demo -- --host --markdown\``,
        ).to.deep.equal(transcriptShape(run.stdout));
    });

    it("exits non-zero, naming the step and the field, when a step fails", async () => {
        const failed = await failing;
        expect(failed.code).to.equal(1);
        expect(failed.stderr)
            .to.include("Demo FAILED: step [2] run index.ts with")
            // Named by the stack key the stack file uses (issue 11: errors in the user's own words).
            .and.include(
                "jumpcloud-entra-idp:clientSecretExpiresInDays must be a whole number from 1 to 730, got 900",
            );
        expect(failed.stdout).to.not.include("Demo finished");
    });
});

describe("the demo's own environment and expectations", () => {
    it("drops JumpCloud, Azure and Pulumi-config variables in place and names them, sorted", () => {
        const env: NodeJS.ProcessEnv = {
            PATH: "/bin",
            jumpcloud_api_key: "k",
            ARM_TENANT_ID: "t",
            AZURE_CLIENT_ID: "c",
            PULUMI_CONFIG: "{}",
            PULUMI_HOME: "/h",
        };
        expect(isolateEnvironment(env)).to.deep.equal([
            "ARM_TENANT_ID",
            "AZURE_CLIENT_ID",
            "PULUMI_CONFIG",
            "jumpcloud_api_key",
        ]);
        expect(env).to.deep.equal({ PATH: "/bin", PULUMI_HOME: "/h" });
    });

    it("calls a user check that did not run (found: null) a degraded step, naming the emails", () => {
        const emails = ["jane.doe@contoso.com", "sam.lee@contoso.com"];
        expect(() =>
            checkUserStatuses(
                emails.map((email) => ({ email, found: null })),
                emails,
                ["jane.doe@contoso.com"],
            ),
        )
            .to.throw(DegradedStepError)
            .with.property("message")
            .that.includes("did not run for jane.doe@contoso.com, sam.lee@contoso.com (found: null)");
        expect(() =>
            checkUserStatuses(
                [
                    { email: emails[0], found: false },
                    { email: emails[1], found: false },
                ],
                emails,
                ["jane.doe@contoso.com"],
            ),
        ).to.throw(DegradedStepError, "jane.doe@contoso.com is missing, but the emulator holds that user");
        expect(() =>
            checkUserStatuses(
                [
                    { email: emails[0], found: true },
                    { email: emails[1], found: false },
                ],
                emails,
                ["jane.doe@contoso.com"],
            ),
        ).to.not.throw();
    });

    it("wants exactly one warning naming the missing users, and none when nobody is missing", () => {
        expect(() => checkRunWarnings([], ["sam.lee@contoso.com"])).to.throw(DegradedStepError, "got none");
        expect(() =>
            checkRunWarnings(["x: no JumpCloud user has the email sam.lee@contoso.com."], []),
        ).to.throw(DegradedStepError);
        expect(() =>
            checkRunWarnings(
                ["x: no JumpCloud user has the email sam.lee@contoso.com."],
                ["sam.lee@contoso.com"],
            ),
        ).to.not.throw();
    });
});
