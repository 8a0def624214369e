/**
 * Issue 11, class 7: errors in the user's own words. A value from stack config is named by the
 * stack key the user wrote, and a value of the wrong type is quoted as given, never printed so
 * that it looks valid. Runs the stack program's mapping (`argsFromConfig`) and the component
 * under Pulumi's mock runtime; nothing may be registered.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { EntraIdentityProvider } from "../components";
import { argsFromConfig } from "../components/stackConfig";
import { settle, simulatedAzure } from "./support/pulumiTest";

const PROJECT = "jumpcloud-entra-idp";

/** [stack key, value as written in the stack file, what the error must say, what it must not] */
const CASES: [string, string, string, string?][] = [
    [
        "clientSecretExpiresInDays",
        "180 days",
        `${PROJECT}:clientSecretExpiresInDays must be a whole number from 1 to 730, got "180 days" (a string)`,
    ],
    [
        "clientSecretExpiresInDays",
        "900",
        `${PROJECT}:clientSecretExpiresInDays must be a whole number from 1 to 730, got 900`,
    ],
    [
        "clientSecretWarnBeforeExpiryDays",
        "soon",
        `${PROJECT}:clientSecretWarnBeforeExpiryDays must be a whole number from 0 to 730, got "soon" (a string)`,
    ],
    ["clientSecretEndDate", "next tuesday", `${PROJECT}:clientSecretEndDate must be an RFC 3339 date`],
    [
        "users",
        '[{"userPrincipalName": "jane", "displayName": "Jane"}]',
        `${PROJECT}:users[0].userPrincipalName must be an email-style user principal name`,
    ],
    [
        "users",
        '[{"userPrincipalName": "a@contoso.com", "displayName": 180}]',
        `${PROJECT}:users[0].displayName must be a non-empty string, got 180 (a number)`,
    ],
    [
        "jumpCloudOrgId",
        "acme",
        `${PROJECT}:jumpCloudOrgId must be a JumpCloud organization id of 24 hex characters, got "acme"`,
    ],
    [
        "jumpCloudApiUrl",
        "https://ops:pa55word@jc.example.com",
        `${PROJECT}:jumpCloudApiUrl must not carry user-info`,
        "pa55word",
    ],
    [
        "jumpCloudRouting",
        '{"policyId": "0123456789abcdef01234567", "userGroups": "Engineering"}',
        `${PROJECT}:jumpCloudRouting.userGroups must list at least one JumpCloud user group name or id, got "Engineering" (a string)`,
    ],
    ["region", "apac", `${PROJECT}:region must be one of "us", "eu", got "apac"`],
    [
        "jumpCloudExistingId",
        "../users",
        `${PROJECT}:jumpCloudExistingId must be a JumpCloud identity provider id`,
    ],
];

/** Keys a case may set, and the value that means "not set" for each. */
const UNSET: Record<string, string> = { users: "null", jumpCloudRouting: "null" };

describe("errors in the user's own words", () => {
    let registrations: unknown[];
    beforeEach(async () => {
        registrations = await simulatedAzure();
    });
    afterEach(() => {
        for (const [key] of CASES) pulumi.runtime.setConfig(`${PROJECT}:${key}`, UNSET[key] ?? "");
        pulumi.runtime.setConfig(`${PROJECT}:clientSecretRotateAfterDays`, "");
    });

    for (const [key, value, says, hidden] of CASES) {
        it(`${key}: ${value} -> names ${PROJECT}:${key}`, async () => {
            pulumi.runtime.setConfig(`${PROJECT}:${key}`, value);
            let message = "";
            try {
                new EntraIdentityProvider("stack", argsFromConfig(new pulumi.Config(PROJECT)));
            } catch (error) {
                message = (error as Error).message;
            }
            expect(message).to.include(says);
            if (hidden) expect(message).to.not.include(hidden);
            await settle(10);
            expect(registrations, "nothing registered").to.have.length(0);
        });
    }

    it("names both stack keys when rotation comes after expiry", () => {
        pulumi.runtime.setConfig(`${PROJECT}:clientSecretExpiresInDays`, "90");
        pulumi.runtime.setConfig(`${PROJECT}:clientSecretRotateAfterDays`, "150");
        expect(() => new EntraIdentityProvider("stack", argsFromConfig(new pulumi.Config(PROJECT)))).to.throw(
            `${PROJECT}:clientSecretRotateAfterDays (150) must be less than ${PROJECT}:clientSecretExpiresInDays (90)`,
        );
    });

    it("names the argument path, and quotes a number given as text, when the caller passed the arguments", () => {
        expect(
            () =>
                new EntraIdentityProvider("lib", {
                    clientSecret: { expiresInDays: "180" as unknown as number },
                }),
        ).to.throw('clientSecret.expiresInDays must be a whole number from 1 to 730, got "180" (a string)');
    });
});
