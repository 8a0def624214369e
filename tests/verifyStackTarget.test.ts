/**
 * verify --stack's reading of a stack: outputs for what was made, the stack's settings as they are
 * now for the region and JumpCloud's address, the key as the program reads it, and a clear error
 * naming the output when the stack has not been brought up.
 */
import { expect } from "chai";
import { targetFromStack } from "../verify/stackTarget";
import { parseArgs } from "../verify/cli";

const OUTPUTS = {
    tenantId: "t",
    issuerUrl: "https://login.microsoftonline.com/t",
    clientId: "c",
    clientSecret: "SIMULATED~0123456789abcdef01234567",
    clientSecretEndDate: "2027-06-01T00:00:00Z",
    identityProviderId: "0123456789abcdef01234567",
    users: [{ userPrincipalName: "jane.doe@contoso.com", objectId: "o" }],
    routedUserGroupIds: ["g1"],
};

describe("verify --stack: the target read from a stack", () => {
    it("takes the region, JumpCloud address, routing and threshold from the stack's settings", () => {
        const target = targetFromStack(
            OUTPUTS,
            {
                "jumpcloud-entra-idp:region": { value: "eu" },
                "jumpcloud-entra-idp:jumpCloudApiUrl": { value: "http://127.0.0.1:1234" },
                "jumpcloud-entra-idp:jumpCloudRouting": {
                    value: '{"policyId":"p1","userGroups":["Engineering"]}',
                    objectValue: { policyId: "p1", userGroups: ["Engineering"] },
                },
                "jumpcloud-entra-idp:clientSecretWarnBeforeExpiryDays": { value: "45" },
                "jumpcloud:apiKey": { value: "key-from-config" },
            },
            {},
        );
        expect(target).to.deep.include({
            region: "eu",
            userPrincipalNames: ["jane.doe@contoso.com"],
            routing: { policyId: "p1", groupIds: ["g1"] },
            warnBeforeExpiryDays: 45,
            jumpCloud: { apiKey: "key-from-config", apiUrl: "http://127.0.0.1:1234" },
        });
    });

    it("uses JUMPCLOUD_API_KEY before the stack's key, as the program does, and the defaults", () => {
        const target = targetFromStack(
            OUTPUTS,
            { "jumpcloud:apiKey": { value: "k" } },
            { JUMPCLOUD_API_KEY: "env-key" },
        );
        expect(target).to.deep.include({
            region: "us",
            warnBeforeExpiryDays: 30,
            jumpCloud: { apiKey: "env-key" },
        });
        expect(target.routing).to.equal(undefined);
    });

    it("names the missing output and what to run when the stack was never brought up", () => {
        expect(() => targetFromStack({ ...OUTPUTS, clientSecret: undefined }, {}, {})).to.throw(
            "the stack has no output clientSecret: run `pulumi up` first",
        );
        expect(() =>
            targetFromStack(OUTPUTS, { "jumpcloud-entra-idp:region": { value: "mars" } }, {}),
        ).to.throw('jumpcloud-entra-idp:region must be one of "us", "eu", got "mars"');
    });

    it("refuses a bad command line before reading anything", () => {
        expect(() => parseArgs([])).to.throw("--stack is required");
        expect(() => parseArgs(["--stack"])).to.throw("--stack needs a value");
        expect(() => parseArgs(["--stack", "dev", "--login-url", "login.microsoftonline.com"])).to.throw(
            "--login-url must be an http(s) URL",
        );
        expect(parseArgs(["--stack", "dev", "--json", "--timeout-ms", "500"])).to.include({
            stack: "dev",
            json: true,
            timeoutMs: 500,
        });
    });
});
