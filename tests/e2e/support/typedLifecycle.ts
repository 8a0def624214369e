/**
 * The lifecycle every folder a user runs `pulumi` in must pass, as steps of a mocha suite typed
 * through the real CLI: `up`; `preview --expect-no-changes`; `refresh` then `preview
 * --expect-no-changes`; a drift made by hand seen by `refresh` and put back by `up`; a rename in
 * stack config updating in place; rotation through `rotateWhenChanged` in the engine's order;
 * every backend file free of every secret and of every 16-character piece of one; `destroy`
 * leaving nothing. The folders differ only in how they are made and which stack keys they read.
 */
import { expect } from "chai";
import { deepPlainValue } from "../../../simulation/secretValues";
import { RESOURCE_TYPES as TYPES } from "../../../components/resourceTypes";
import { completedSteps, expectSucceeded, simulatedAzureObjects, type StackFolder } from "./engineFixtures";

/** What the shared steps need to know of a folder besides its stack: the keys it reads. */
export interface LifecycleSpec {
    /** The stack key whose new value renames every identity provider, and the name it gives. */
    readonly rename: { readonly key: string; readonly value: string };
    /** The stack key that feeds `clientSecret.rotateWhenChanged`. */
    readonly rotationKey: string;
    /**
     * Whether the stack sets `clientSecret.rotateAfterDays`. Then a `SecretLifetime` holds the dates
     * and a rotation replaces the password in place (`create-replacement` ... `delete-replaced`);
     * without it the password is renamed after its rotation key (`create` ... `delete`).
     */
    readonly scheduledRotation: boolean;
    /** Identity providers one `up` makes (one per JumpCloud organization). */
    readonly identityProviders: number;
}

/** Every 16-character piece of `secret` (a piece of a secret is a leak too). */
export function piecesOf(secret: string, size = 16): string[] {
    const pieces: string[] = [];
    for (let i = 0; i + size <= secret.length; i++) pieces.push(secret.slice(i, i + size));
    return pieces;
}

/** The secrets this folder's stack handles: the API key, client secrets and user passwords. */
function liveSecrets(folder: StackFolder): string[] {
    const azure = Object.values(simulatedAzureObjects(folder.project.sandbox.azureStateDir));
    const passwords = azure
        .filter((o) => o.type === TYPES.user)
        .map((o) => deepPlainValue<string>(o.outputs.password));
    const clientSecrets = folder.emulator.identityProviders().map((idp) => idp.oidc.clientSecret);
    return [folder.apiKey, ...clientSecrets, ...passwords].filter((s): s is string => Boolean(s));
}

/** Places where a folder registers steps of its own, between the shared ones. */
export interface LifecycleExtras extends LifecycleSpec {
    /** After the first `up` (the stack exists, nothing changed since). */
    readonly afterUp?: () => void;
    /** After rotation, before the secrets scan and `destroy`. */
    readonly beforeDestroy?: () => void;
    /** After `destroy`. */
    readonly afterDestroy?: () => void;
}

/**
 * Registers the lifecycle's steps, in order, in the calling `describe`. `folder()` is read when
 * each step runs, after the suite's `before` made the stack.
 */
export function typedLifecycle(folder: () => StackFolder, extras: LifecycleExtras): void {
    const spec: LifecycleSpec = extras;
    const idps = () => folder().emulator.identityProviders();
    const writes = () =>
        folder()
            .emulator.requests.filter((r) => r.method !== "GET")
            .map((r) => `${r.method} ${r.path}`);

    it("`pulumi up` makes the identity providers, wired from the azuread outputs", async () => {
        const { project } = folder();
        const up = expectSucceeded(await project.run("up"), "pulumi up");
        expect(up.changes?.create, "resources created").to.be.greaterThan(0);
        expect(idps()).to.have.length(spec.identityProviders);
        const apps = Object.values(simulatedAzureObjects(project.sandbox.azureStateDir)).filter(
            (o) => o.type === TYPES.application,
        );
        for (const idp of idps()) {
            expect(idp.type).to.equal("AZURE");
            expect(apps.map((a) => a.outputs.clientId)).to.include(idp.oidc.clientId);
        }
    });

    extras.afterUp?.();

    it("`pulumi preview --expect-no-changes`, `refresh`, then `preview --expect-no-changes` again", async () => {
        const { project, emulator } = folder();
        emulator.resetRequests();
        expectSucceeded(await project.run("preview", { expectNoChanges: true }), "pulumi preview");
        const refresh = expectSucceeded(await project.run("refresh"), "pulumi refresh");
        expect(Object.keys(refresh.changes ?? {}).filter((op) => op !== "same")).to.deep.equal([]);
        expectSucceeded(await project.run("preview", { expectNoChanges: true }), "pulumi preview");
        expect(writes(), "no write reached JumpCloud").to.deep.equal([]);
    });

    it("drift: an IdP renamed by hand is seen by `refresh` and put back by `up` with one PUT", async () => {
        const { project, emulator } = folder();
        const [first] = idps();
        emulator.editIdentityProvider(first.id, { name: "Renamed by hand" });
        const refresh = expectSucceeded(await project.run("refresh"), "pulumi refresh");
        expect(refresh.changes?.update, "refresh saw the drift").to.equal(1);
        emulator.resetRequests();
        const up = expectSucceeded(await project.run("up"), "pulumi up");
        expect(up.changes?.update).to.equal(1);
        expect(writes()).to.deep.equal([`PUT /api/v2/identity-providers/${first.id}`]);
        expect(idps().find((i) => i.id === first.id)?.name).to.not.equal("Renamed by hand");
    });

    it("a rename in stack config updates every IdP in place (same ids)", async () => {
        const f = folder();
        const before = idps().map((i) => i.id);
        f.config = { ...f.config, [spec.rename.key]: spec.rename.value };
        f.project.writeStackConfig(f.config);
        f.emulator.resetRequests();
        const up = expectSucceeded(await f.project.run("up"), "pulumi up");
        const idpSteps = completedSteps(up.events).filter((s) => s.type === TYPES.identityProvider);
        expect(idpSteps.map((s) => s.op)).to.deep.equal(before.map(() => "update"));
        expect(writes().every((w) => w.startsWith("PUT "))).to.equal(true);
        expect(idps().map((i) => [i.id, i.name])).to.have.deep.members(
            before.map((id) => [id, spec.rename.value]),
        );
    });

    it("rotation through rotateWhenChanged: new secret, IdP updated with it, old secret deleted", async () => {
        const f = folder();
        const oldSecrets = idps().map((i) => i.oidc.clientSecret);
        f.config = { ...f.config, [spec.rotationKey]: "rotated-by-the-e2e-suite" };
        f.project.writeStackConfig(f.config);
        const up = expectSucceeded(await f.project.run("up"), "pulumi up");
        const steps = completedSteps(up.events);
        // Per component: the steps under its URN, in the order the engine finished them.
        const components = new Set(
            steps.filter((s) => s.type === TYPES.identityProvider).map((s) => s.parent),
        );
        expect(components.size).to.equal(spec.identityProviders);
        for (const parent of components) {
            const own = steps.filter((s) => s.parent === parent);
            const at = (op: string, type: string) => own.findIndex((s) => s.op === op && s.type === type);
            const [create, remove] = spec.scheduledRotation
                ? ["create-replacement", "delete-replaced"]
                : ["create", "delete"];
            const created = at(create, TYPES.applicationPassword);
            const updated = at("update", TYPES.identityProvider);
            const deleted = at(remove, TYPES.applicationPassword);
            expect(created, `${parent}: new secret created`).to.be.greaterThan(-1);
            expect(updated, `${parent}: IdP updated after the new secret`).to.be.greaterThan(created);
            expect(deleted, `${parent}: old secret deleted after the IdP update`).to.be.greaterThan(updated);
            if (!spec.scheduledRotation) {
                // A new name, so the old one is another resource (the engine never replaced in place).
                expect(own[created].urn).to.not.equal(own[deleted].urn);
            }
        }
        const newSecrets = idps().map((i) => i.oidc.clientSecret);
        for (const secret of newSecrets) expect(oldSecrets).to.not.include(secret);
        const passwords = Object.values(simulatedAzureObjects(f.project.sandbox.azureStateDir)).filter(
            (o) => o.type === TYPES.applicationPassword,
        );
        expect(passwords, "one live Entra secret per IdP").to.have.length(spec.identityProviders);
    });

    extras.beforeDestroy?.();

    it("no secret, nor any 16-character piece of one, in `stack export` or any backend file", async () => {
        const { project } = folder();
        const secrets = liveSecrets(folder());
        expect(secrets.length, "secrets found to look for").to.be.greaterThan(spec.identityProviders);
        for (const secret of secrets) expect(secret.length).to.be.at.least(16);
        const texts = [
            { file: "pulumi stack export", text: JSON.stringify(await project.exportState()) },
            ...project.backendFiles(),
        ];
        expect(texts.length).to.be.greaterThan(1);
        for (const secret of secrets) {
            for (const piece of piecesOf(secret)) {
                for (const { file, text } of texts) {
                    expect(text.includes(piece), `${file} holds a piece of a secret`).to.equal(false);
                }
            }
        }
    });

    it("`pulumi destroy` leaves nothing in JumpCloud or the simulated Azure", async () => {
        const { project } = folder();
        const destroy = expectSucceeded(await project.run("destroy"), "pulumi destroy");
        expect(destroy.changes?.delete).to.be.greaterThan(0);
        expect(idps()).to.deep.equal([]);
        expect(simulatedAzureObjects(project.sandbox.azureStateDir)).to.deep.equal({});
    });

    extras.afterDestroy?.();
}
