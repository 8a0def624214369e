/**
 * `verify --stack` after a real `pulumi up` (this repo's folder, the README's steps): every check
 * passes; a client secret deleted in Entra fails the client-secret check alone, with the fix
 * verify prints (`pulumi refresh` then `pulumi up`) making it pass again.
 */
import { expect } from "chai";
import * as path from "path";
import { EntraLoginEmulator } from "../../emulator/entraLogin/entraLoginEmulator";
import { REPO_ROOT } from "../../simulation/engine/pulumiCli";
import { STATE_DIR_ENV, StateStore } from "../../simulation/azurePlugin/stateStore";
import type { VerifyReport } from "../../verify";
import { RESOURCE_TYPES } from "../../components/resourceTypes";
import { exampleStackConfig, expectSucceeded, runCommand, useStackFolder } from "./support/engineFixtures";

const VERIFY_CLI = path.join(REPO_ROOT, "dist", "verify", "cli.js");
const TENANT = "5e7f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b";
const PASSWORD_TYPE = RESOURCE_TYPES.applicationPassword;

describe("e2e: verify --stack after pulumi up", function () {
    this.timeout(300_000);
    let login: EntraLoginEmulator;
    const stackName = `e2e-verify-${process.pid}`;
    const folder = useStackFolder({
        stackName,
        projectDir: REPO_ROOT,
        destroyAtEnd: true,
        config: (jumpcloud) => {
            const orgId = jumpcloud.organizations[0];
            const jane = jumpcloud.seedUser(orgId, "jane.doe@contoso.com");
            jumpcloud.seedUser(orgId, "sam.lee@contoso.com");
            const group = jumpcloud.seedUserGroup(orgId, "Engineering");
            jumpcloud.seedGroupMember(orgId, group.id, jane._id);
            const policyId = jumpcloud.seedRoutingPolicy(orgId);
            return {
                ...exampleStackConfig(),
                "azuread:tenantId": TENANT,
                "jumpcloud-entra-idp:jumpCloudApiUrl": jumpcloud.url,
                "jumpcloud-entra-idp:jumpCloudRouting": { policyId, userGroups: ["Engineering"] },
            };
        },
    });
    const project = () => folder().project;

    /** `jumpcloud-entra-verify --stack …` as a user types it, in the project folder. */
    const runVerify = (...extra: string[]) =>
        runCommand(process.execPath, [VERIFY_CLI, "--stack", stackName, "--login-url", login.url, ...extra], {
            cwd: REPO_ROOT,
            env: project().environment,
        });

    before(async () => {
        expectSucceeded(await project().run("up"), "pulumi up");
        login = await EntraLoginEmulator.start(project().sandbox.azureStateDir);
    });

    after(async () => {
        await login?.stop();
    });

    it("passes every check, exit 0, and never prints the client secret", async () => {
        const result = await runVerify();
        expect(result.code, result.stdout + result.stderr).to.equal(0);
        const lines = result.stdout.trim().split("\n");
        expect(lines.filter((l) => l.startsWith("✓"))).to.have.length(8);
        expect(lines.filter((l) => l.startsWith("✗"))).to.deep.equal([]);
        expect(result.stdout)
            .to.include(`tenant ${TENANT}`)
            .and.include("1 of 2 Entra users are in a routed group");
        const secret = String((await project().outputs(true)).clientSecret);
        expect(result.stdout + result.stderr).to.not.include(secret.slice(0, 16));
        console.log(`      (verify --stack took ${result.ms} ms, CLI reads included)`);
    });

    it("a client secret deleted in Entra fails the client-secret check alone; refresh + up, the printed fix, repairs it", async () => {
        const tenant = new StateStore("azuread", { [STATE_DIR_ENV]: project().sandbox.azureStateDir }).tenant(
            TENANT,
        );
        const [passwordId] = Object.entries(tenant.all())
            .filter(([, o]) => o.type === PASSWORD_TYPE)
            .map(([id]) => id);
        tenant.remove(passwordId);

        const broken = await runVerify("--json");
        expect(broken.code).to.equal(1);
        const report = JSON.parse(broken.stdout) as VerifyReport;
        expect(
            report.checks.filter((c) => c.status !== "pass").map((c) => [c.id, c.entraCode]),
        ).to.deep.equal([["client-secret", 7000215]]);
        expect(report.checks.find((c) => c.id === "client-secret")?.fix).to.include("pulumi refresh");

        expectSucceeded(await project().run("refresh"), "pulumi refresh");
        expectSucceeded(await project().run("up"), "pulumi up");
        const repaired = await runVerify();
        expect(repaired.code, repaired.stdout).to.equal(0);
    });
});
