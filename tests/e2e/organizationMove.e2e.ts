/**
 * Moving the identity provider to another JumpCloud organization under the real engine: the
 * engine's replacement ends with exactly one live IdP, in the new organization, where state says
 * it is (multi-tenant emulator, `jumpCloudOrgId` changed in the stack file).
 */
import { expect } from "chai";
import { REPO_ROOT } from "../../simulation/engine/pulumiCli";
import { RESOURCE_TYPES } from "../../components/resourceTypes";
import {
    completedSteps,
    exampleStackConfig,
    expectSucceeded,
    useStackFolder,
} from "./support/engineFixtures";
const ORG_A = "aaaaaaaaaaaaaaaaaaaaaaa1";
const ORG_B = "bbbbbbbbbbbbbbbbbbbbbbb2";

describe("e2e, typed CLI: moving the IdP to another organization", function () {
    this.timeout(240_000);
    const folder = useStackFolder({
        stackName: `e2e-move-${process.pid}`,
        projectDir: REPO_ROOT,
        organizations: [ORG_A, ORG_B],
        config: (jumpcloud) => ({
            ...exampleStackConfig(),
            "jumpcloud-entra-idp:users": [],
            "jumpcloud-entra-idp:jumpCloudApiUrl": jumpcloud.url,
            "jumpcloud-entra-idp:jumpCloudOrgId": ORG_A,
        }),
    });
    before(async () => {
        expectSucceeded(await folder().project.run("up"), "pulumi up in organization A");
    });

    it("ends with one IdP, in organization B, with the id state holds", async () => {
        const { emulator, project, config } = folder();
        const [before] = emulator.identityProviders(ORG_A);
        expect(emulator.identityProviders(ORG_B)).to.deep.equal([]);
        project.writeStackConfig({ ...config, "jumpcloud-entra-idp:jumpCloudOrgId": ORG_B });
        const up = expectSucceeded(await project.run("up"), "pulumi up moving to organization B");
        const idpSteps = completedSteps(up.events)
            .filter((s) => s.type === RESOURCE_TYPES.identityProvider)
            .map((s) => s.op);
        expect(idpSteps).to.deep.equal(["create-replacement", "replace", "delete-replaced"]);
        expect(emulator.identityProviders(ORG_A)).to.deep.equal([]);
        const inB = emulator.identityProviders(ORG_B);
        expect(inB).to.have.length(1);
        expect(inB[0].id).to.not.equal(before.id);
        expect((await project.outputs()).identityProviderId).to.equal(inB[0].id);
        expectSucceeded(await project.run("refresh", { expectNoChanges: true }), "refresh after the move");
    });

    it("destroy leaves neither organization with an IdP", async () => {
        const { emulator, project } = folder();
        expectSucceeded(await project.run("destroy"), "pulumi destroy");
        expect(emulator.identityProviders()).to.deep.equal([]);
    });
});
