/**
 * Issue 11, class 4: the same organization is the same organization, and every way the engine can
 * replace, re-point or adopt an identity provider ends with exactly one live identity provider that
 * state points at. Each path runs through Pulumi's real provider host against a multi-tenant
 * emulator, in the order the engine would run it: check, diff, then an update, or delete and create
 * in the order the diff asks for. A forced replacement (`pulumi up --replace`, `replaceWith`) and a
 * resource renamed without an alias call no diff: Pulumi 3.248's step generator replaces those
 * create-before-delete (resource/deploy/step_generator.go, `isTargetedReplace`), so the provider's
 * delete-first order cannot apply and its create must cope.
 */
import { expect } from "chai";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { startForwarder, type OtherServer } from "../emulator/otherServers";
import type { CapturedIdentityProvider } from "../simulation/capture";
import type { DynamicProviderHost } from "../simulation/providerHost";
import { startEmulator } from "./support/jumpcloudFixtures";
import { captureForHost, urnOf } from "./support/hostedIdentityProvider";
import { pooledHost, sharedProviderHost } from "./support/providerHosts";

const ORG_A = "a1b2c3d4e5f6a7b8c9d0e1f2";
const ORG_B = "0f1e2d3c4b5a69788796a5b4";
/** ORG_A as a user might type it in the environment: padded, in capitals. */
const ORG_ID_FROM_ENV = { JUMPCLOUD_ORG_ID: ` ${ORG_A.toUpperCase()}` };

type Props = Record<string, unknown>;
interface State {
    id: string;
    properties: Props;
}

/** What the engine does with new inputs for a resource whose state is `was`. */
async function up(
    host: DynamicProviderHost,
    urn: string,
    was: State,
    news: Props,
    opts: { forceReplace?: boolean } = {},
): Promise<{ state: State; steps: string[] }> {
    const checked = await host.check(urn, was.properties, news);
    expect(checked.failures).to.deep.equal([]);
    if (opts.forceReplace) {
        const created = await host.create(urn, checked.inputs);
        await host.delete(was.id, urn, was.properties);
        return { state: created, steps: ["create", "delete"] };
    }
    const diff = await host.diff(was.id, urn, was.properties, checked.inputs);
    const replace = diff.replaces.length > 0;
    if (!replace) {
        if (diff.changes === "none") return { state: was, steps: ["same"] };
        const updated = await host.update(was.id, urn, was.properties, checked.inputs);
        return { state: { id: was.id, properties: updated.properties }, steps: ["update"] };
    }
    if (diff.deleteBeforeReplace) {
        await host.delete(was.id, urn, was.properties);
        return { state: await host.create(urn, checked.inputs), steps: ["delete", "create"] };
    }
    const created = await host.create(urn, checked.inputs);
    await host.delete(was.id, urn, was.properties);
    return { state: created, steps: ["create", "delete"] };
}

describe("replacement, adoption and delete: exactly one live identity provider, the one state points at", function () {
    this.timeout(90_000);
    let emulator: JumpCloudEmulator;
    let gateway: OtherServer;
    let host: DynamicProviderHost;
    let captured: CapturedIdentityProvider;
    let urn: string;
    const inputs = (overrides: Props = {}): Props => ({ ...captured.inputs, orgId: ORG_A, ...overrides });

    before(async () => {
        emulator = await startEmulator({ organizations: [ORG_A, ORG_B], multiTenant: true });
        gateway = await startForwarder(emulator.url);
        captured = await captureForHost(emulator.url);
        urn = urnOf(captured.name);
        host = await sharedProviderHost();
        // Started now, while the tests before the one that needs it run.
        void pooledHost(ORG_ID_FROM_ENV);
    });
    after(async () => {
        await gateway?.stop();
        await emulator?.stop();
    });
    afterEach(() => {
        for (const idp of emulator.identityProviders()) emulator.removeIdentityProvider(idp.id);
        emulator.resetRequests();
    });

    /** The one invariant: one identity provider in all of JumpCloud, and state's id is it. */
    function expectOneLive(state: State, org: string): void {
        expect(
            emulator.identityProviders().map((i) => i.id),
            "every IdP everywhere",
        ).to.deep.equal([state.id]);
        expect(emulator.identityProviders(org).map((i) => i.id)).to.deep.equal([state.id]);
    }

    async function createIn(overrides: Props = {}): Promise<State> {
        const checked = await host.check(urn, {}, inputs(overrides));
        return host.create(urn, checked.inputs);
    }

    const paths: {
        name: string;
        start?: Props;
        news: Props;
        force?: boolean;
        steps: string[];
        sameId: boolean;
        org: string;
    }[] = [
        {
            name: "the same org id in upper case with spaces: no change at all",
            news: { orgId: `  ${ORG_A.toUpperCase()} ` },
            steps: ["same"],
            sameId: true,
            org: ORG_A,
        },
        {
            name: "the same base URL with a trailing slash: no change at all",
            news: { apiUrl: "EMULATOR/" },
            steps: ["same"],
            sameId: true,
            org: ORG_A,
        },
        {
            name: "another base URL for the same organization: delete first, then create",
            news: { apiUrl: "GATEWAY" },
            steps: ["delete", "create"],
            sameId: false,
            org: ORG_A,
        },
        {
            name: "a forced replacement (pulumi up --replace, no diff): create first replaces ours, the old delete meets 404",
            news: {},
            force: true,
            steps: ["create", "delete"],
            sameId: false,
            org: ORG_A,
        },
        {
            name: "a resource renamed without an alias (a new URN created, then the old one deleted): the same",
            news: {},
            force: true,
            steps: ["create", "delete"],
            sameId: false,
            org: ORG_A,
        },
        {
            name: "a move between two named organizations: the new one first, then the old one goes",
            news: { orgId: ORG_B.toUpperCase() },
            steps: ["create", "delete"],
            sameId: false,
            org: ORG_B,
        },
        {
            name: "an IdP adopted by id, then reached through another base URL: re-pointed in place",
            start: { existingId: "SEEDED" },
            news: { apiUrl: "GATEWAY", existingId: "SEEDED" },
            steps: ["update"],
            sameId: true,
            org: ORG_A,
        },
        {
            name: "an IdP adopted by id, then a forced replacement: replaced, never left deleted",
            start: { existingId: "SEEDED" },
            news: { existingId: "SEEDED" },
            force: true,
            steps: ["create", "delete"],
            sameId: false,
            org: ORG_A,
        },
        {
            name: "an IdP taken over with adoptExisting, then a forced replacement",
            start: { adoptExisting: true, name: "Made by hand" },
            news: { adoptExisting: true },
            force: true,
            steps: ["create", "delete"],
            sameId: false,
            org: ORG_A,
        },
    ];

    for (const path of paths) {
        it(path.name, async () => {
            const resolve = (props: Props, seeded: string): Props =>
                Object.fromEntries(
                    Object.entries(props).map(([k, v]) => [
                        k,
                        v === "GATEWAY"
                            ? gateway.url
                            : v === "EMULATOR/"
                              ? `${emulator.url}/`
                              : v === "SEEDED"
                                ? seeded
                                : v,
                    ]),
                );
            // A hand-made IdP for the adoption paths.
            const seeded =
                path.start?.existingId !== undefined || path.start?.adoptExisting
                    ? emulator.seedIdentityProvider(ORG_A, {
                          name: "Made by hand",
                          type: "AZURE",
                          oidc: {
                              clientId: "99999999-9999-4999-8999-999999999999",
                              clientSecret: "hand-typed",
                              url: "https://login.microsoftonline.com/99999999-9999-4999-8999-999999999999",
                          },
                      }).id
                    : "";
            const startOverrides = { ...resolve(path.start ?? {}, seeded) };
            delete startOverrides.name;
            const was = await createIn(startOverrides);
            if (seeded) expect(was.id, "adopted the hand-made one").to.equal(seeded);
            const news = { ...inputs(startOverrides), ...resolve(path.news, seeded) };
            const { state, steps } = await up(host, urn, was, news, { forceReplace: path.force });
            expect(steps).to.deep.equal(path.steps);
            expect(state.id === was.id, "same object").to.equal(path.sameId);
            expectOneLive(state, path.org);
            // And state holds the one spelling of the place.
            expect(state.properties.organizationId).to.equal(path.org);
        });
    }

    it("the org id given once through JUMPCLOUD_ORG_ID and once as an argument (another case) is no move", async () => {
        const envHost = await pooledHost(ORG_ID_FROM_ENV);
        const plain = { ...captured.inputs };
        const checked = await envHost.check(urn, {}, plain);
        const was = await envHost.create(urn, checked.inputs);
        expect(was.properties.organizationId).to.equal(ORG_A);
        const { state, steps } = await up(envHost, urn, was, { ...plain, orgId: ORG_A.toUpperCase() });
        expect(steps).to.deep.equal(["update"]);
        expect(state.id).to.equal(was.id);
        expectOneLive(state, ORG_A);
        expect(
            emulator.requests.every((r) => r.orgId === ORG_A),
            "x-org-id always canonical",
        ).to.equal(true);
    });
});
