/**
 * examples/two-organizations under the real engine: the package imported by its name, two
 * components, each with its own explicit azuread provider and JumpCloud organization.
 */
import { expect } from "chai";
import * as path from "path";
import { JumpCloudEmulator } from "../../emulator/jumpcloudEmulator";
import { REPO_ROOT } from "../../simulation/engine/pulumiCli";
import { StackProject } from "../../simulation/engine/stackProject";
import {
    E2E_API_KEY,
    E2E_PASSPHRASE,
    compiledProgram,
    echo,
    expectSucceeded,
    simulatedAzureObjects,
    useEngine,
} from "./support/engineFixtures";

const EXAMPLE_DIR = path.join(REPO_ROOT, "examples", "two-organizations");
const CONTOSO_ORG = "c0c0c0c0c0c0c0c0c0c0c0c0";
const FABRIKAM_ORG = "fabfabfabfabfabfabfabfab";

describe("e2e: examples/two-organizations under the real engine", function () {
    this.timeout(240_000);
    const engine = useEngine();
    let emulator: JumpCloudEmulator;
    let project: StackProject;

    before(async () => {
        emulator = await JumpCloudEmulator.start({
            apiKey: E2E_API_KEY,
            multiTenant: true,
            organizations: [CONTOSO_ORG, FABRIKAM_ORG],
        });
        project = await StackProject.create({
            cli: engine.cli(),
            stackName: "msp",
            projectDir: EXAMPLE_DIR,
            layout: "linked-install",
            programFile: compiledProgram(EXAMPLE_DIR),
            config: {
                "jumpcloud-entra-two-orgs:contosoTenantId": "11111111-1111-4111-8111-111111111111",
                "jumpcloud-entra-two-orgs:contosoOrgId": CONTOSO_ORG,
                "jumpcloud-entra-two-orgs:fabrikamTenantId": "22222222-2222-4222-8222-222222222222",
                "jumpcloud-entra-two-orgs:fabrikamOrgId": FABRIKAM_ORG,
            },
            passphrase: E2E_PASSPHRASE,
            // The example reaches the emulator through the environment, as an operator would.
            env: { JUMPCLOUD_API_URL: emulator.url },
            echo,
        });
        await project.setSecret("jumpcloud:apiKey", E2E_API_KEY);
    });

    after(async () => {
        project?.dispose();
        await emulator?.stop();
    });

    it("up makes one IdP in each organization, and destroy removes both", async () => {
        const up = expectSucceeded(await project.run("up"), "pulumi up");
        const outputs = up.outputs?.identityProviders?.value as {
            organization: string;
            identityProviderId: string;
        }[];
        expect(outputs.map((o) => o.organization)).to.deep.equal(["contoso", "fabrikam"]);
        expect(emulator.identityProviders(CONTOSO_ORG).map((i) => i.id)).to.deep.equal([
            outputs[0].identityProviderId,
        ]);
        expect(emulator.identityProviders(FABRIKAM_ORG).map((i) => i.id)).to.deep.equal([
            outputs[1].identityProviderId,
        ]);
        const users = Object.values(simulatedAzureObjects(project.sandbox.azureStateDir)).filter(
            (o) => o.type === "azuread:index/user:User",
        );
        expect(users).to.have.length(3);

        expectSucceeded(await project.run("destroy"), "pulumi destroy");
        expect(emulator.identityProviders()).to.deep.equal([]);
        expect(simulatedAzureObjects(project.sandbox.azureStateDir)).to.deep.equal({});
    });
});
