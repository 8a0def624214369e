/**
 * verify --stack for programs other than this package's own: targets read from the stack's state
 * (`pulumi stack export --show-secrets`), one per EntraIdentityProvider, secrets unwrapped, the
 * JumpCloud location taken from the component's identity provider.
 */
import { expect } from "chai";
import { COMPONENT_TYPE, RESOURCE_TYPES } from "../components/resourceTypes";
import { chooseComponent, plainState, targetFromComponent, type StateResource } from "../verify/stateTarget";
import { parseArgs } from "../verify/cli";
import { laterEndDate, settingName, tenantSetting } from "../verify/settingNames";

const SIG = "4dabf18193072939515e22adb298388d";
const shown = (value: unknown) => ({
    [SIG]: "1b47061264138c4ac30d75fd1eb44270",
    plaintext: JSON.stringify(value),
});
const STACK = "urn:pulumi:dev::consumer::pulumi:pulumi:Stack::consumer-dev";
const componentUrn = (name: string) => `urn:pulumi:dev::consumer::${COMPONENT_TYPE}::${name}`;

function component(name: string, orgId: string, extra: Partial<StateResource>[] = []): StateResource[] {
    const urn = componentUrn(name);
    return [
        {
            urn,
            type: COMPONENT_TYPE,
            parent: STACK,
            outputs: {
                tenantId: `tenant-${name}`,
                issuerUrl: `https://login.microsoftonline.com/tenant-${name}`,
                clientId: `client-${name}`,
                clientSecret: shown(`secret-of-${name}-0123456789`),
                clientSecretEndDate: "2027-06-01T00:00:00Z",
                identityProviderId: `idp-${name}`,
                users: [{ userPrincipalName: `ada@${name}.com`, objectId: "o" }],
                routedUserGroupIds: [],
                userPasswords: shown({ [`ada@${name}.com`]: "pw" }),
            },
        },
        {
            urn: `${urn}$${RESOURCE_TYPES.identityProvider}::${name}-jumpcloud-idp`,
            type: RESOURCE_TYPES.identityProvider,
            parent: urn,
            inputs: { region: "eu", orgId, clientSecret: shown("x") },
        },
        ...extra.map((r) => ({ urn: `${urn}$x::${name}-x`, type: "x", parent: urn, ...r })),
    ];
}

describe("verify --stack: targets from the state of any program", () => {
    const contoso = component("contoso", "0123456789abcdef01234567");
    const fabrikam = component("fabrikam", "fedcba9876543210fedcba98", [
        { type: RESOURCE_TYPES.routingBindings, inputs: { policyId: "p1", groups: ["Engineering"] } },
    ]);

    it("unwraps secrets as `stack export --show-secrets` shows them, nested ones included", () => {
        expect(plainState({ a: [shown({ b: shown("deep") })], c: 1 })).to.deep.equal({
            a: [{ b: "deep" }],
            c: 1,
        });
        expect(() =>
            plainState({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" }),
        ).to.throw(/--show-secrets/);
    });

    it("reads one component's outputs and its IdP's region and organization", () => {
        const resources = [...contoso, ...fabrikam];
        const target = targetFromComponent(chooseComponent(resources, "fabrikam"), resources, "key", {});
        expect(target).to.deep.equal({
            tenantId: "tenant-fabrikam",
            issuerUrl: "https://login.microsoftonline.com/tenant-fabrikam",
            clientId: "client-fabrikam",
            clientSecret: "secret-of-fabrikam-0123456789",
            clientSecretEndDate: "2027-06-01T00:00:00Z",
            identityProviderId: "idp-fabrikam",
            region: "eu",
            userPrincipalNames: ["ada@fabrikam.com"],
            routing: { policyId: "p1", groupIds: [] },
            warnBeforeExpiryDays: 30,
            component: "fabrikam",
            jumpCloud: { apiKey: "key", orgId: "fedcba9876543210fedcba98" },
        });
    });

    it("takes the API URL and organization from the environment when the component set none", () => {
        const [own, idp] = contoso;
        const bare = [own, { ...idp, inputs: {} }];
        const target = targetFromComponent(chooseComponent(bare), bare, undefined, {
            JUMPCLOUD_API_URL: "http://127.0.0.1:9",
            JUMPCLOUD_ORG_ID: "0123456789abcdef01234567",
        });
        expect(target.region).to.equal("us");
        expect(target.jumpCloud).to.deep.equal({
            apiUrl: "http://127.0.0.1:9",
            orgId: "0123456789abcdef01234567",
        });
    });

    const choices: [string, StateResource[], string | undefined, RegExp][] = [
        [
            "two components and no --component",
            [...contoso, ...fabrikam],
            undefined,
            /2 EntraIdentityProvider components \(contoso, fabrikam\): choose one with --component <name>/,
        ],
        [
            "a --component the stack does not have",
            [...contoso, ...fabrikam],
            "acme",
            /no EntraIdentityProvider named "acme"; it has contoso, fabrikam/,
        ],
        ["no component at all", [], undefined, /no EntraIdentityProvider: run `pulumi up` first/],
        [
            "only a component being deleted",
            [{ ...contoso[0], delete: true }],
            undefined,
            /no EntraIdentityProvider/,
        ],
    ];
    for (const [what, resources, wanted, message] of choices) {
        it(`says which components there are: ${what}`, () => {
            expect(() => chooseComponent(resources, wanted)).to.throw(message);
        });
    }

    it("names the component and the missing output when it was never brought up", () => {
        const [own] = contoso;
        const half = { ...own, outputs: { ...own.outputs, identityProviderId: undefined } };
        expect(() => targetFromComponent(half, [half], "k", {})).to.throw(
            "the component contoso has no output identityProviderId in the stack: run `pulumi up` first",
        );
    });

    it("takes --component from the command line", () => {
        expect(parseArgs(["--stack", "dev", "--component", "contoso"]).component).to.equal("contoso");
        expect(() => parseArgs(["--stack", "dev", "--component"])).to.throw("--component needs a value");
    });

    describe("fixes name what the user wrote", () => {
        const names: [string, string, string][] = [
            ["users", "jumpcloud-entra-idp:users", 'users of EntraIdentityProvider "acme"'],
            [
                "jumpCloud.apiUrl",
                "jumpcloud-entra-idp:jumpCloudApiUrl",
                'jumpCloud.apiUrl of EntraIdentityProvider "acme"',
            ],
            [
                "jumpCloud.routing.policyId",
                "jumpcloud-entra-idp:jumpCloudRouting.policyId",
                'jumpCloud.routing.policyId of EntraIdentityProvider "acme"',
            ],
            [
                "clientSecret.endDate",
                "jumpcloud-entra-idp:clientSecretEndDate",
                'clientSecret.endDate of EntraIdentityProvider "acme"',
            ],
        ];
        for (const [argPath, stackKey, argument] of names) {
            it(`${argPath}: the stack key for this package's program, the argument for any other`, () => {
                expect(settingName({}, argPath)).to.equal(stackKey);
                expect(settingName({ component: "acme" }, argPath)).to.equal(argument);
            });
        }

        it("the tenant and a later end date, both ways", () => {
            expect(tenantSetting({})).to.equal("azuread:tenantId");
            expect(tenantSetting({ component: "acme" })).to.include(
                'the azuread provider EntraIdentityProvider "acme" uses',
            );
            expect(laterEndDate({})).to.equal(
                "set a later jumpcloud-entra-idp:clientSecretEndDate (or jumpcloud-entra-idp:clientSecretExpiresInDays)",
            );
            expect(laterEndDate({ component: "acme" })).to.equal(
                'set a later clientSecret.endDate of EntraIdentityProvider "acme" (or clientSecret.expiresInDays of EntraIdentityProvider "acme")',
            );
        });
    });
});
