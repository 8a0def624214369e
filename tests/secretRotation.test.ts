/**
 * Secret lifetime and rotation: the end date is fixed at creation with whole seconds (so it
 * matches what azuread stores and nothing churns), and a due rotation replaces the lifetime and
 * so the secret. Also run through the real provider host, serialized from a mock run.
 */
import { expect } from "chai";
import { lifetimeFrom, lifetimeReplaces, rfc3339Seconds } from "../providers/secretLifetime";
import { EntraIdentityProvider } from "../components";
import { simulatedAzure } from "./support/pulumiTest";
import { settled } from "../simulation/capture";
import { dynamicUrn, unwrapSecrets } from "../simulation/providerHost";
import { secretResourceName } from "../components/entraIdentityProvider";
import type { ResolvedArgs } from "../components/args";
import { sharedProviderHost } from "./support/providerHosts";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-30T15:52:07.639Z");

describe("client secret lifetime and rotation", () => {
    it("writes dates in RFC 3339 with whole seconds", () => {
        expect(rfc3339Seconds(NOW)).to.equal("2026-11-30T15:52:07Z");
        const life = lifetimeFrom({ expiresInDays: 180, rotateAfterDays: 150 }, NOW);
        expect(life).to.include({
            createdAt: "2026-11-30T15:52:07Z",
            expiresAt: "2027-05-29T15:52:07Z",
            rotateAt: "2027-04-29T15:52:07Z",
        });
        expect(
            lifetimeFrom({ expiresInDays: 180, endDate: "2027-06-30T00:00:00.500Z" }, NOW).expiresAt,
        ).to.equal("2027-06-30T00:00:00Z");
    });

    it("replaces nothing while inputs stay and rotation is not due", () => {
        const olds = lifetimeFrom({ expiresInDays: 180, rotateAfterDays: 150 }, NOW);
        expect(
            lifetimeReplaces(olds, { expiresInDays: 180, rotateAfterDays: 150 }, NOW + 149 * DAY),
        ).to.deep.equal([]);
    });

    it("rotates on the first run after rotateAfterDays", () => {
        const olds = lifetimeFrom({ expiresInDays: 180, rotateAfterDays: 150 }, NOW);
        expect(
            lifetimeReplaces(olds, { expiresInDays: 180, rotateAfterDays: 150 }, NOW + 150 * DAY),
        ).to.deep.equal(["rotateAfterDays"]);
    });

    it("rotates when the rotateWhenChanged map changes, not when it is the same", () => {
        const olds = lifetimeFrom({ expiresInDays: 180, rotateWhenChanged: { quarter: "2027Q1" } }, NOW);
        expect(
            lifetimeReplaces(olds, { expiresInDays: 180, rotateWhenChanged: { quarter: "2027Q1" } }, NOW),
        ).to.deep.equal([]);
        expect(
            lifetimeReplaces(olds, { expiresInDays: 180, rotateWhenChanged: { quarter: "2027Q2" } }, NOW),
        ).to.deep.equal(["rotateWhenChanged"]);
        expect(lifetimeReplaces(olds, { expiresInDays: 180 }, NOW)).to.deep.equal(["rotateWhenChanged"]);
    });

    it("replaces when expiry settings change, and never rotates without rotateAfterDays", () => {
        const olds = lifetimeFrom({ expiresInDays: 180 }, NOW);
        expect(lifetimeReplaces(olds, { expiresInDays: 90 }, NOW)).to.deep.equal(["expiresInDays"]);
        expect(lifetimeReplaces(olds, { expiresInDays: 180 }, NOW + 10_000 * DAY)).to.deep.equal([]);
    });

    it("works the same through Pulumi's provider host, serialized from the component", async function () {
        this.timeout(30_000);
        const registrations = await simulatedAzure();
        await settled(
            new EntraIdentityProvider("life", { clientSecret: { expiresInDays: 60, rotateAfterDays: 30 } }),
        );
        const lifetime = registrations.find((r) => r.name === "life-secret-lifetime")!;
        const inputs = unwrapSecrets(lifetime.inputs) as Record<string, unknown>;
        const host = await sharedProviderHost();
        const urn = dynamicUrn("life-secret-lifetime", "jumpcloud-entra-idp:SecretLifetime");
        const created = await host.create(urn, inputs);
        const props = created.properties as { createdAt: string; expiresAt: string; rotateAt: string };
        expect(props.createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(Date.parse(props.expiresAt) - Date.parse(props.createdAt)).to.equal(60 * DAY);
        expect(await host.diff(created.id, urn, created.properties, inputs)).to.deep.include({
            changes: "none",
        });
        // Pretend the rotation date has passed, as it will have on a later `pulumi up`.
        const due = { ...created.properties, rotateAt: "2000-01-01T00:00:00Z" };
        expect(await host.diff(created.id, urn, due, inputs)).to.deep.include({
            changes: "some",
            replaces: ["rotateAfterDays"],
        });
    });

    describe("without rotateAfterDays, the secret's name is its rotation key", () => {
        type Secret = ResolvedArgs["secret"];
        const base: Secret = {
            description: "JumpCloud IdP",
            expiresInDays: 180,
            rotateWhenChanged: {},
            warnBeforeExpiryDays: 30,
        };
        const nameOf = (change: Partial<Secret>) => secretResourceName("org", { ...base, ...change });
        const hashed = /^org-secret-[0-9a-f]{8}$/;

        it("keeps the name earlier versions used while the settings are the defaults", () => {
            expect(nameOf({})).to.equal("org-secret");
            // What is not in the key never renames (and so never rotates) the secret.
            expect(nameOf({ description: "other", warnBeforeExpiryDays: 7 })).to.equal("org-secret");
        });

        const renames: [string, Partial<Secret>, Partial<Secret>][] = [
            ["expiresInDays changed", {}, { expiresInDays: 90 }],
            ["expiresInDays changed again", { expiresInDays: 90 }, { expiresInDays: 91 }],
            ["endDate set", {}, { endDate: "2027-06-30T00:00:00Z" }],
            ["endDate moved", { endDate: "2027-06-30T00:00:00Z" }, { endDate: "2027-07-01T00:00:00Z" }],
            ["rotateWhenChanged set", {}, { rotateWhenChanged: { quarter: "2027Q1" } }],
            [
                "rotateWhenChanged value changed",
                { rotateWhenChanged: { quarter: "2027Q1" } },
                { rotateWhenChanged: { quarter: "2027Q2" } },
            ],
            [
                "rotateWhenChanged key added",
                { rotateWhenChanged: { quarter: "2027Q1" } },
                { rotateWhenChanged: { quarter: "2027Q1", why: "leak" } },
            ],
        ];
        for (const [what, before, after] of renames) {
            it(`rotates (a new name) when ${what}`, () => {
                expect(nameOf(after)).to.match(hashed).and.not.equal(nameOf(before));
            });
        }

        const keeps: [string, Partial<Secret>, Partial<Secret>][] = [
            [
                "the map's keys come in another order",
                { rotateWhenChanged: { a: "1", b: "2" } },
                { rotateWhenChanged: { b: "2", a: "1" } },
            ],
            [
                "expiresInDays changes while endDate is set (it does nothing then)",
                { endDate: "2027-06-30T00:00:00Z", expiresInDays: 400 },
                { endDate: "2027-06-30T00:00:00Z", expiresInDays: 500 },
            ],
            [
                "the same endDate is written with milliseconds",
                { endDate: "2027-06-30T00:00:00Z" },
                { endDate: "2027-06-30T00:00:00.000Z" },
            ],
        ];
        for (const [what, before, after] of keeps) {
            it(`keeps the name when ${what}`, () => {
                expect(nameOf(after)).to.equal(nameOf(before));
            });
        }
    });
});
