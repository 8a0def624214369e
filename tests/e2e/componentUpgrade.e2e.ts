/**
 * Upgrading stacks made by earlier versions of the component: typed `pulumi up` in the repo's
 * folder with that version's program, then again with this version's. The second `up` must change
 * no user and no client secret (the same passwords and secret, the IdP untouched), only drop the
 * resources this version no longer makes; or, where CHANGELOG.md says so (non-default secret
 * settings without `rotateAfterDays`), rotate the secret once, in the order of any rotation:
 * - one `GeneratedPassword` per user (before a user's state kept its first password);
 * - the `SecretLifetime` of a stack without `rotateAfterDays` (before the password held its own
 *   end date).
 */
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT, makeSandbox } from "../../simulation/engine/pulumiCli";
import { RESOURCE_TYPES as TYPES } from "../../components/resourceTypes";
import {
    completedSteps,
    exampleStackConfig,
    expectSucceeded,
    useStackFolder,
} from "./support/engineFixtures";

/** What the stack program compiles from: the files a version's program is made of. */
const PROGRAM_FILES = ["index.ts", "Pulumi.yaml", "package.json", "tsconfig.json", "components", "providers"];

interface UpgradeCase {
    readonly title: string;
    /** A commit of main whose component made the resources this version drops. */
    readonly commit: string;
    /** Stack keys removed from Pulumi.example.yaml's. */
    readonly without: readonly string[];
    /** Stack keys set over Pulumi.example.yaml's. */
    readonly with?: Readonly<Record<string, unknown>>;
    /** The only steps the upgrade may take, as `op type`. */
    readonly steps: readonly string[];
    /** Whether the upgrade rotates the client secret. */
    readonly rotates: boolean;
}

const CASES: UpgradeCase[] = [
    {
        title: "a stack made with one password resource per user",
        commit: "9c58fb5",
        without: [],
        steps: [`delete ${TYPES.generatedPassword}`, `delete ${TYPES.generatedPassword}`],
        rotates: false,
    },
    {
        title: "a stack made with a SecretLifetime and no rotateAfterDays",
        commit: "012fcf5",
        without: ["jumpcloud-entra-idp:clientSecretRotateAfterDays"],
        steps: [`delete ${TYPES.secretLifetime}`],
        rotates: false,
    },
    {
        title: "a stack made with a SecretLifetime, a 90-day secret and no rotateAfterDays",
        commit: "012fcf5",
        without: ["jumpcloud-entra-idp:clientSecretRotateAfterDays"],
        with: { "jumpcloud-entra-idp:clientSecretExpiresInDays": 90 },
        // The secret takes its hashed name: one rotation.
        steps: [
            `create ${TYPES.applicationPassword}`,
            `update ${TYPES.identityProvider}`,
            `delete ${TYPES.applicationPassword}`,
            `delete ${TYPES.secretLifetime}`,
        ],
        rotates: true,
    },
];

/** The repo's folder as `commit` had it (its program and component sources, which the language
 * host compiles), with this checkout's node_modules and dist (the dynamic providers). */
function folderAt(commit: string): { folder: string; cleanup: () => void } {
    try {
        execFileSync("git", ["cat-file", "-e", `${commit}^{commit}`], { cwd: REPO_ROOT });
    } catch {
        throw new Error(`commit ${commit} is not in this clone (a shallow clone?): fetch main's history`);
    }
    const sandbox = makeSandbox();
    const folder = path.join(sandbox.root, "repo-then");
    fs.mkdirSync(folder);
    const archive = execFileSync("git", ["archive", commit, ...PROGRAM_FILES], {
        cwd: REPO_ROOT,
        maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync("tar", ["-x", "-C", folder], { input: archive });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(folder, "node_modules"), "dir");
    fs.symlinkSync(path.join(REPO_ROOT, "dist"), path.join(folder, "dist"), "dir");
    return { folder, cleanup: () => fs.rmSync(sandbox.root, { recursive: true, force: true }) };
}

CASES.forEach((upgrade, index) => {
    const outcome = upgrade.rotates ? "with one rotation of the client secret" : "without a change";
    describe(`e2e, typed CLI: ${upgrade.title} upgrades ${outcome}`, function () {
        this.timeout(480_000);
        let then: ReturnType<typeof folderAt> | undefined;
        before(() => {
            then = folderAt(upgrade.commit);
        });
        after(() => then?.cleanup());

        const stack = useStackFolder({
            stackName: `upgrade-${index}-${process.pid}`,
            projectDir: () => then!.folder,
            config: (jumpcloud) => {
                const config: Record<string, unknown> = {
                    ...exampleStackConfig(),
                    "jumpcloud-entra-idp:jumpCloudApiUrl": jumpcloud.url,
                };
                for (const key of upgrade.without) delete config[key];
                return { ...config, ...upgrade.with };
            },
        });

        it("the next `up` keeps every password, takes only the steps expected, and leaves nothing to change", async () => {
            const { project, emulator } = stack();
            expectSucceeded(await project.run("up"), "pulumi up with the old component");
            const before = await project.outputs(true);
            const oldTypes = (
                (await project.exportState()).deployment as { resources: { type: string }[] }
            ).resources.map((r) => r.type);
            for (const step of upgrade.steps.filter((s) => s.startsWith("delete "))) {
                expect(oldTypes, "the old component made it").to.include(step.replace(/^delete /, ""));
            }

            // This version's program and component, in the same folder and stack.
            for (const entry of ["index.ts", "components", "providers"]) {
                fs.rmSync(path.join(then!.folder, entry), { recursive: true, force: true });
                fs.cpSync(path.join(REPO_ROOT, entry), path.join(then!.folder, entry), { recursive: true });
            }
            const up = expectSucceeded(await project.run("up"), "pulumi up with this component");
            const steps = completedSteps(up.events);
            const changed = steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.type}`);
            expect([...changed].sort()).to.deep.equal([...upgrade.steps].sort());
            if (upgrade.rotates) {
                // The new secret, then the IdP, then the old secret: never a moment without a working one.
                const at = (step: string) => changed.indexOf(step);
                expect(at(`create ${TYPES.applicationPassword}`)).to.be.lessThan(
                    at(`update ${TYPES.identityProvider}`),
                );
                expect(at(`update ${TYPES.identityProvider}`)).to.be.lessThan(
                    at(`delete ${TYPES.applicationPassword}`),
                );
            }
            for (const type of [TYPES.user, TYPES.applicationPassword, TYPES.identityProvider]) {
                expect(steps.filter((s) => s.type === type).length, type).to.be.greaterThan(0);
            }
            const after = await project.outputs(true);
            expect(after.userPasswords).to.deep.equal(before.userPasswords);
            expect(Object.keys(after.userPasswords as object)).to.have.length(2);
            if (upgrade.rotates) {
                expect(after.clientSecret).to.not.equal(before.clientSecret);
            } else {
                expect(after.clientSecret).to.equal(before.clientSecret);
                expect(after.clientSecretEndDate).to.equal(before.clientSecretEndDate);
            }
            expect(emulator.identityProviders()[0].oidc.clientSecret).to.equal(after.clientSecret);
            expectSucceeded(
                await project.run("preview", { expectNoChanges: true }),
                "preview after the upgrade",
            );
            expectSucceeded(await project.run("destroy"), "pulumi destroy");
        });
    });
});
