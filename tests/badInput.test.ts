/**
 * Bad input is refused before any API call or resource, with an error that names the field.
 * One table across the component's arguments, the provider's `check`, and the provider's
 * call-time settings (key, org id, base URL). The emulator counts the calls: there must be none.
 */
import { expect } from "chai";
import { EntraIdentityProvider, type EntraIdentityProviderArgs } from "../components";
import {
    identityProviderProvider as provider,
    type IdentityProviderInputs,
} from "../providers/identityProviderProvider";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import { simulatedAzure, settle } from "./support/pulumiTest";
import { idpInputs, startEmulator, useProviderTestEnv, withEnv } from "./support/jumpcloudFixtures";
import type { Registration } from "../simulation/azureSimulator";

const DAY = 86_400_000;
const user = (upn: string, displayName = "Someone") => ({ userPrincipalName: upn, displayName });

/** [description, component args, the field the error must name] */
const COMPONENT_CASES: [string, EntraIdentityProviderArgs, string][] = [
    ["empty UPN", { users: [user("")] }, "users[0].userPrincipalName"],
    [
        "users not a list (a single object from stack config)",
        { users: user("a@contoso.com") as never },
        "users must be a list",
    ],
    ["UPN without @", { users: [user("jane.doe")] }, "users[0].userPrincipalName"],
    ["UPN with a space", { users: [user("jane doe@contoso.com")] }, "users[0].userPrincipalName"],
    ["UPN without a domain dot", { users: [user("jane@contoso")] }, "users[0].userPrincipalName"],
    [
        "duplicate UPNs (any case)",
        { users: [user("a@contoso.com"), user("A@Contoso.com")] },
        "users[1].userPrincipalName",
    ],
    ["empty display name", { users: [user("a@contoso.com", "")] }, "users[0].displayName"],
    [
        "mail nickname with a space",
        { users: [{ ...user("a@contoso.com"), mailNickname: "a b" }] },
        "users[0].mailNickname",
    ],
    [
        "forcePasswordChange as text (from stack config)",
        { users: [{ ...user("a@contoso.com"), forcePasswordChange: "yes" as never }] },
        "users[0].forcePasswordChange",
    ],
    ["end date in the past", { clientSecret: { endDate: "2020-01-01T00:00:00Z" } }, "clientSecret.endDate"],
    ["end date not RFC 3339", { clientSecret: { endDate: "next tuesday" } }, "clientSecret.endDate"],
    [
        "end date beyond two years",
        { clientSecret: { endDate: new Date(Date.now() + 800 * DAY).toISOString() } },
        "clientSecret.endDate",
    ],
    ["expiresInDays 0", { clientSecret: { expiresInDays: 0 } }, "clientSecret.expiresInDays"],
    [
        "rotateWhenChanged value known only later (an Output)",
        { clientSecret: { rotateWhenChanged: { quarter: Promise.resolve("2027Q1") as never } } },
        "clientSecret.rotateWhenChanged.quarter must be text known when the program runs",
    ],
    [
        "rotateWhenChanged not a map",
        { clientSecret: { rotateWhenChanged: "2027Q1" as never } },
        "clientSecret.rotateWhenChanged must be a map of text values",
    ],
    ["expiresInDays 731", { clientSecret: { expiresInDays: 731 } }, "clientSecret.expiresInDays"],
    ["expiresInDays not whole", { clientSecret: { expiresInDays: 1.5 } }, "clientSecret.expiresInDays"],
    [
        "rotation after expiry",
        { clientSecret: { expiresInDays: 90, rotateAfterDays: 120 } },
        "clientSecret.expiresInDays",
    ],
    ["unknown region", { region: "apac" as never }, "region"],
    ["unknown claim", { optionalClaims: ["email", "favourite_colour"] }, "optionalClaims[1]"],
    [
        "http redirect URI",
        { additionalRedirectUris: ["http://sso.example.com/cb"] },
        "additionalRedirectUris[0]",
    ],
    ["empty application name", { applicationName: "" }, "applicationName"],
    ["IdP name too long", { identityProviderName: "x".repeat(257) }, "identityProviderName"],
    ["org id not 24 hex", { jumpCloud: { orgId: "acme" } }, "jumpCloud.orgId"],
    ["http API URL", { jumpCloud: { apiUrl: "http://console.jumpcloud.com" } }, "jumpCloud.apiUrl"],
    [
        "API URL with a query",
        { jumpCloud: { apiUrl: "https://console.jumpcloud.com/?x=1" } },
        "jumpCloud.apiUrl",
    ],
    [
        "API URL with a fragment",
        { jumpCloud: { apiUrl: "https://console.jumpcloud.com/#x" } },
        "jumpCloud.apiUrl",
    ],
    [
        "API URL with user-info",
        { jumpCloud: { apiUrl: "https://u:p@console.jumpcloud.com" } },
        "jumpCloud.apiUrl",
    ],
    ["expiresInDays as text", { clientSecret: { expiresInDays: "180" as never } }, '"180" (a string)'],
    ["existing id with a slash", { jumpCloud: { existingId: "../users" } }, "jumpCloud.existingId"],
];

/** [description, input overrides, the property check must name] */
const CHECK_CASES: [string, Partial<IdentityProviderInputs>, string][] = [
    ["malformed client id", { clientId: "not-a-guid" }, "clientId"],
    ["malformed tenant id in the IdP URL", { url: "https://login.microsoftonline.com/contoso" }, "url"],
    ["http IdP URL", { url: "http://login.microsoftonline.com/6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f" }, "url"],
    ["empty IdP URL", { url: "" }, "url"],
    ["empty name", { name: "" }, "name"],
    ["name over 256 characters", { name: "n".repeat(257) }, "name"],
    ["empty client secret", { clientSecret: "" }, "clientSecret"],
    ["type not AZURE", { type: "OKTA" as never }, "type"],
    ["unknown region", { region: "apac" }, "region"],
    ["org id not 24 hex", { orgId: "xyz" }, "orgId"],
    ["http API URL off loopback", { apiUrl: "http://console.jumpcloud.example" }, "apiUrl"],
    ["API URL with a query", { apiUrl: "https://console.jumpcloud.com/?x=1" }, "apiUrl"],
    ["API URL with user-info", { apiUrl: "https://u:p@console.jumpcloud.com" }, "apiUrl"],
    ["existing id with a slash", { existingId: "a/b" }, "existingId"],
];

/** [description, environment, the name the error must carry] */
const CALL_TIME_CASES: [string, Record<string, string | undefined>, string][] = [
    ["missing API key", { JUMPCLOUD_API_KEY: undefined }, "JUMPCLOUD_API_KEY"],
    ["malformed JUMPCLOUD_ORG_ID", { JUMPCLOUD_ORG_ID: "org-1" }, "JUMPCLOUD_ORG_ID"],
    [
        "http JUMPCLOUD_API_URL off loopback",
        { JUMPCLOUD_API_URL: "http://jumpcloud.example" },
        "JUMPCLOUD_API_URL",
    ],
    [
        "JUMPCLOUD_API_URL with a fragment",
        { JUMPCLOUD_API_URL: "https://jc.example/#x" },
        "JUMPCLOUD_API_URL",
    ],
];

describe("bad input is refused before any call, naming the field", () => {
    let emulator: JumpCloudEmulator;
    let registrations: Registration[];
    useProviderTestEnv();
    before(async () => {
        emulator = await startEmulator();
    });
    after(async () => {
        await emulator.stop();
    });
    beforeEach(async () => {
        registrations = await simulatedAzure();
        emulator.resetRequests();
    });

    it("has at least 20 cases across component and provider", () => {
        expect(COMPONENT_CASES.length + CHECK_CASES.length + CALL_TIME_CASES.length).to.be.at.least(20);
    });

    for (const [description, args, field] of COMPONENT_CASES) {
        it(`component: ${description} -> ${field}`, async () => {
            expect(
                () =>
                    new EntraIdentityProvider("bad", {
                        ...args,
                        jumpCloud: { apiUrl: emulator.url, ...args.jumpCloud },
                    }),
            )
                .to.throw(Error)
                .with.property("message")
                .that.includes(field);
            await settle(10);
            expect(registrations, "nothing registered, not even the component").to.have.length(0);
            expect(emulator.requests).to.have.length(0);
        });
    }

    for (const [description, overrides, property] of CHECK_CASES) {
        it(`provider check: ${description} -> ${property}`, async () => {
            const result = await provider.check!({} as never, idpInputs(emulator, overrides));
            expect(result.failures?.map((f) => f.property)).to.deep.equal([property]);
            expect(result.failures?.[0].reason).to.include(property);
            expect(emulator.requests).to.have.length(0);
        });
    }

    for (const [description, env, name] of CALL_TIME_CASES) {
        it(`provider create: ${description} -> ${name}`, async () => {
            const restore = withEnv(env);
            try {
                const { apiUrl: _ignored, ...inputs } = idpInputs(emulator);
                // Base URL from the environment when that is the case under test, else the emulator's.
                const target = env.JUMPCLOUD_API_URL ? inputs : { ...inputs, apiUrl: emulator.url };
                let message = "";
                await provider
                    .create(target as IdentityProviderInputs)
                    .catch((e: Error) => (message = e.message));
                expect(message).to.include(name);
                expect(emulator.requests).to.have.length(0);
            } finally {
                restore();
            }
        });
    }

    it("names both fields when rotation comes after expiry", () => {
        expect(
            () =>
                new EntraIdentityProvider("rot", {
                    clientSecret: { expiresInDays: 90, rotateAfterDays: 90 },
                }),
        ).to.throw(/clientSecret\.rotateAfterDays.*clientSecret\.expiresInDays/);
    });

    it("lists every problem at once", () => {
        expect(
            () => new EntraIdentityProvider("many", { region: "x" as never, users: [user("nope")] }),
        ).to.throw(/region[\s\S]*users\[0\]\.userPrincipalName/);
    });
});
