/**
 * The simulated Azure plugin behaves like the real providers where the component depends on it:
 * ApplicationPassword cannot change in place, keeps its end date in whole seconds and returns its
 * value only at create; objects outlive the plugin process (kept on disk); unknown inputs fail.
 */
import { expect } from "chai";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { simulatedProvider } from "../simulation/azurePlugin/simulatedProvider";
import { STATE_DIR_ENV, StateStore } from "../simulation/azurePlugin/stateStore";
import { valuesFromConfigureVariables } from "../simulation/azurePlugin/providerSettings";
import { SIMULATED_TENANT_ID } from "../simulation/azureSimulator";
import { SimulatedPluginProcess } from "./support/simulatedPluginProcess";
import { isSecretValue, plainValue } from "../simulation/secretValues";
import { RESOURCE_TYPES } from "../components/resourceTypes";

const URN = (type: string, name: string) =>
    `urn:pulumi:e2e::jumpcloud-entra-idp::jumpcloud-entra-idp:index:EntraIdentityProvider$${type}::${name}`;
const PASSWORD = URN(RESOURCE_TYPES.applicationPassword, "idp-secret");
const USER = URN(RESOURCE_TYPES.user, "idp-user-jane");

describe("simulated Azure plugin", () => {
    let dir: string;
    const provider = () =>
        simulatedProvider("azuread", "6.9.1", new StateStore("azuread", { [STATE_DIR_ENV]: dir }));

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "jce-sim-azure-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("stores an ApplicationPassword's end date with whole seconds, so the same instant is no change", async () => {
        const inputs = {
            applicationId: "/applications/a",
            displayName: "JumpCloud IdP",
            endDate: "2027-01-01T10:00:00.789Z",
        };
        const created = await provider().create!(PASSWORD, inputs);
        expect(created.outs.endDate).to.equal("2027-01-01T10:00:00Z");
        const same = await provider().diff!(created.id, PASSWORD, created.outs, {
            ...inputs,
            endDate: "2027-01-01T10:00:00Z",
        });
        expect(same).to.deep.equal({ changes: false, replaces: [] });
    });

    it("replaces an ApplicationPassword on any change, and each create has a new id and value", async () => {
        const inputs = {
            applicationId: "/applications/a",
            displayName: "JumpCloud IdP",
            endDate: "2027-01-01T00:00:00Z",
        };
        const first = await provider().create!(PASSWORD, inputs);
        const diff = await provider().diff!(first.id, PASSWORD, first.outs, {
            ...inputs,
            endDate: "2027-02-01T00:00:00Z",
        });
        expect(diff).to.deep.equal({ changes: true, replaces: ["endDate"] });
        const second = await provider().create!(PASSWORD, { ...inputs, endDate: "2027-02-01T00:00:00Z" });
        expect(second.id).to.not.equal(first.id);
        expect(isSecretValue(second.outs.value)).to.equal(true);
        expect(plainValue(second.outs.value))
            .to.match(/^SIMULATED~/)
            .and.not.equal(plainValue(first.outs.value));
    });

    it("keeps objects across plugin processes: read finds them, and reports a deleted one as gone", async () => {
        const created = await provider().create!(USER, {
            userPrincipalName: "jane@contoso.com",
            displayName: "Jane",
        });
        const read = await provider().read!(created.id, USER, {});
        expect(read.id).to.equal(created.id);
        expect(read.inputs).to.deep.equal({ userPrincipalName: "jane@contoso.com", displayName: "Jane" });
        await provider().delete!(created.id, USER, created.outs);
        expect((await provider().read!(created.id, USER, {})).id).to.equal("");
    });

    it("updates a user in place and treats an unknown value (preview) as a change", async () => {
        const created = await provider().create!(USER, {
            userPrincipalName: "jane@contoso.com",
            displayName: "Jane",
        });
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        expect(
            await provider().diff!(created.id, USER, created.outs, {
                userPrincipalName: "jane@contoso.com",
                displayName: unknown,
            }),
        ).to.deep.equal({ changes: true, replaces: [] });
        const updated = await provider().update!(created.id, USER, created.outs, {
            userPrincipalName: "jane@contoso.com",
            displayName: "Jane Doe",
        });
        expect(updated.outs).to.include({ displayName: "Jane Doe", objectId: created.outs.objectId });
    });

    it("fails check on an input the real schema does not have, and refuses other packages' types", async () => {
        const check = await provider().check!(
            USER,
            {},
            { userPrincipalName: "a@b.c", displayName: "A", colour: "red" },
        );
        expect(check.failures).to.deep.equal([
            { property: "colour", reason: 'azuread:index/user:User has no input "colour"' },
        ]);
        let error: Error | undefined;
        await provider().create!(URN(RESOURCE_TYPES.keyVaultSecret, "kv"), {}).catch(
            (e: Error) => (error = e),
        );
        expect(error?.message).to.equal(
            "The simulated azuread plugin does not implement azure-native:keyvault:Secret",
        );
    });

    it("answers the component's invokes and nothing else", async () => {
        const config = await provider().invoke!("azuread:index/getClientConfig:getClientConfig", {});
        expect(config.outputs.tenantId).to.equal(SIMULATED_TENANT_ID);
        let error: Error | undefined;
        await provider().invoke!("azuread:index/getUsers:getUsers", {}).catch((e: Error) => (error = e));
        expect(error?.message).to.equal("Mock call not implemented: azuread:index/getUsers:getUsers");
    });

    it("loses nothing when two plugin processes create at once (two explicit providers)", async () => {
        const writer = (tag: string) =>
            new Promise<void>((resolve, reject) => {
                const script =
                    `const { StateStore } = require(${JSON.stringify(require.resolve("../simulation/azurePlugin/stateStore"))});` +
                    `const store = new StateStore("azuread");` +
                    `for (let i = 0; i < 40; i++) { const n = store.nextSerial(); store.tenant("contoso.onmicrosoft.com").put("${tag}-" + i, { type: "t", outputs: { n } }); }`;
                const child = spawn(process.execPath, ["-e", script], {
                    env: { ...process.env, [STATE_DIR_ENV]: dir },
                });
                child.on("error", reject);
                child.on("close", (code) =>
                    code === 0 ? resolve() : reject(new Error(`writer exited ${code}`)),
                );
            });
        await Promise.all([writer("a"), writer("b")]);
        const objects = Object.values(new StateStore("azuread", { [STATE_DIR_ENV]: dir }).all());
        expect(objects).to.have.length(80);
        const serials = objects.map((o) => o.outputs.n as number).sort((x, y) => x - y);
        expect(serials).to.deep.equal(Array.from({ length: 80 }, (_, i) => i + 1));
    });

    describe("per tenant, from the provider configuration the engine sends", () => {
        const TENANT_A = "11111111-1111-4111-8111-111111111111";
        const TENANT_B = "22222222-2222-4222-8222-222222222222";
        const inTenant = (tenantId?: string, env: NodeJS.ProcessEnv = {}) => {
            const p = simulatedProvider(
                "azuread",
                "6.9.1",
                new StateStore("azuread", { [STATE_DIR_ENV]: dir }),
                env,
            );
            if (tenantId) p.configure({ tenantId, clientId: "deploy-sp" });
            return p;
        };
        const clientConfig = async (p: ReturnType<typeof inTenant>) =>
            (await p.invoke!("azuread:index/getClientConfig:getClientConfig", {})).outputs;

        it("answers getClientConfig with the configured tenant and client id", async () => {
            expect(await clientConfig(inTenant(TENANT_A))).to.include({
                tenantId: TENANT_A,
                clientId: "deploy-sp",
            });
            expect((await clientConfig(inTenant(TENANT_B))).tenantId).to.equal(TENANT_B);
        });

        it("without a tenantId, acts in the credentials' tenant: ARM_TENANT_ID, else the simulated account's", async () => {
            expect((await clientConfig(inTenant(undefined, { ARM_TENANT_ID: TENANT_B }))).tenantId).to.equal(
                TENANT_B,
            );
            expect((await clientConfig(inTenant())).tenantId).to.equal(SIMULATED_TENANT_ID);
            const configuredEmpty = inTenant();
            configuredEmpty.configure({});
            expect((await clientConfig(configuredEmpty)).tenantId).to.equal(SIMULATED_TENANT_ID);
        });

        it("keeps an object in its tenant: read finds nothing, update and delete find nothing, from another", async () => {
            const created = await inTenant(TENANT_A).create!(USER, {
                userPrincipalName: "jane@contoso.com",
                displayName: "Jane",
            });
            const other = inTenant(TENANT_B);
            expect((await other.read!(created.id, USER, {})).id).to.equal("");
            let error: Error | undefined;
            await other.update!(created.id, USER, created.outs, {
                userPrincipalName: "jane@contoso.com",
                displayName: "X",
            }).catch((e: Error) => (error = e));
            expect(error?.message).to.match(new RegExp(`does not exist in tenant ${TENANT_B}.*\\(404\\)`));
            await other.delete!(created.id, USER, created.outs);
            const read = await inTenant(TENANT_A).read!(created.id, USER, {});
            expect(read.id).to.equal(created.id);
            expect(read.props).to.include({ displayName: "Jane" });
            const store = new StateStore("azuread", { [STATE_DIR_ENV]: dir });
            expect(Object.keys(store.tenant(TENANT_A).all())).to.deep.equal([created.id]);
            expect(store.tenant(TENANT_B).all()).to.deep.equal({});
            expect(store.tenantIds()).to.deep.equal([TENANT_A]);
        });

        it("the plugin process takes its tenant from the engine's Configure request", async function () {
            this.timeout(30_000);
            // One process, asked before and after its Configure: what it answers is its configuration's.
            const plugin = await SimulatedPluginProcess.start("azuread", dir);
            try {
                const token = "azuread:index/getClientConfig:getClientConfig";
                expect((await plugin.invoke(token)).tenantId).to.equal(SIMULATED_TENANT_ID);
                await plugin.configure("azuread", { tenantId: TENANT_A });
                expect((await plugin.invoke(token)).tenantId).to.equal(TENANT_A);
            } finally {
                plugin.stop();
            }
        });

        it("reads the Configure request's variables (<package>:config:<key>)", () => {
            expect(
                valuesFromConfigureVariables(
                    new Map([
                        ["azuread:config:tenantId", TENANT_A],
                        ["azuread:config:clientId", "c"],
                    ]),
                ),
            ).to.deep.equal({ tenantId: TENANT_A, clientId: "c" });
        });
    });

    it("says which variable it needs when it has nowhere to keep its objects", () => {
        expect(() => new StateStore("azuread", {})).to.throw(STATE_DIR_ENV);
    });
});
