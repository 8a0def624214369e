/**
 * Upgrading a stack made when each user's password was a `GeneratedPassword` resource of its own
 * (the component before it kept the password in the user's state): typed `pulumi up` in the
 * repo's folder with that version's program, then again with this version's. The second `up`
 * must change no user and no client secret: the same passwords and secret, only the old password
 * resources dropped.
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

/** A commit of main whose component made one `GeneratedPassword` resource per user. */
const PASSWORD_RESOURCE_COMMIT = "9c58fb5";
const GENERATED_PASSWORD = TYPES.generatedPassword;
/** What the stack program compiles from: the files a version's program is made of. */
const PROGRAM_FILES = ["index.ts", "Pulumi.yaml", "package.json", "tsconfig.json", "components", "providers"];

describe("e2e, typed CLI: a stack made with one password resource per user upgrades without a change", function () {
    this.timeout(480_000);
    let folder: string;
    let cleanup: () => void;

    before(async function () {
        try {
            execFileSync("git", ["cat-file", "-e", `${PASSWORD_RESOURCE_COMMIT}^{commit}`], {
                cwd: REPO_ROOT,
            });
        } catch {
            throw new Error(
                `commit ${PASSWORD_RESOURCE_COMMIT} is not in this clone (a shallow clone?): fetch main's history`,
            );
        }
        // The repo's folder as that commit had it (its program and component sources, which the
        // language host compiles), with this checkout's node_modules and dist (the dynamic providers).
        const sandbox = makeSandbox();
        folder = path.join(sandbox.root, "repo-then");
        fs.mkdirSync(folder);
        const archive = execFileSync("git", ["archive", PASSWORD_RESOURCE_COMMIT, ...PROGRAM_FILES], {
            cwd: REPO_ROOT,
            maxBuffer: 64 * 1024 * 1024,
        });
        execFileSync("tar", ["-x", "-C", folder], { input: archive });
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(folder, "node_modules"), "dir");
        fs.symlinkSync(path.join(REPO_ROOT, "dist"), path.join(folder, "dist"), "dir");
        cleanup = () => fs.rmSync(sandbox.root, { recursive: true, force: true });
    });
    after(() => cleanup?.());

    const stack = useStackFolder({
        stackName: `upgrade-${process.pid}`,
        projectDir: () => folder,
        config: (jumpcloud) => ({
            ...exampleStackConfig(),
            "jumpcloud-entra-idp:jumpCloudApiUrl": jumpcloud.url,
        }),
    });

    it("the next `up` keeps every password and the client secret, and only drops the password resources", async () => {
        const { project, emulator } = stack();
        expectSucceeded(await project.run("up"), "pulumi up with the old component");
        const before = await project.outputs(true);
        const oldResources = ((await project.exportState()).deployment as { resources: { type: string }[] })
            .resources;
        expect(oldResources.filter((r) => r.type === GENERATED_PASSWORD)).to.have.length(2);

        // This version's program and component, in the same folder and stack.
        for (const entry of ["index.ts", "components", "providers"]) {
            fs.rmSync(path.join(folder, entry), { recursive: true, force: true });
            fs.cpSync(path.join(REPO_ROOT, entry), path.join(folder, entry), { recursive: true });
        }
        const up = expectSucceeded(await project.run("up"), "pulumi up with this component");
        const steps = completedSteps(up.events);
        const changed = steps.filter((s) => s.op !== "same");
        expect(changed.map((s) => `${s.op} ${s.type}`).sort()).to.deep.equal([
            `delete ${GENERATED_PASSWORD}`,
            `delete ${GENERATED_PASSWORD}`,
        ]);
        for (const type of [TYPES.user, TYPES.applicationPassword, TYPES.identityProvider]) {
            expect(steps.filter((s) => s.type === type).length, type).to.be.greaterThan(0);
        }
        const after = await project.outputs(true);
        expect(after.userPasswords).to.deep.equal(before.userPasswords);
        expect(Object.keys(after.userPasswords as object)).to.have.length(2);
        expect(after.clientSecret).to.equal(before.clientSecret);
        expect(after.clientSecretEndDate).to.equal(before.clientSecretEndDate);
        expect(emulator.identityProviders()[0].oidc.clientSecret).to.equal(before.clientSecret);
        expectSucceeded(await project.run("preview", { expectNoChanges: true }), "preview after the upgrade");
        expectSucceeded(await project.run("destroy"), "pulumi destroy");
    });
});
