/**
 * verify --stack for programs other than this package's own: targets read from the stack's state
 * (`pulumi stack export --show-secrets`), one per EntraIdentityProvider, secrets unwrapped, the
 * JumpCloud location taken from the component's identity provider.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectName, readsOwnProgram } from "../verify/stackTarget";
import { COMPONENT_TYPE, RESOURCE_TYPES } from "../components/resourceTypes";
import { chooseComponent, plainState, targetFromComponent, type StateResource } from "../verify/stateTarget";
import { parseArgs } from "../verify/cli";
import { laterEndDate, settingName, tenantSetting } from "../verify/settingNames";
import type { SettingNaming } from "../verify/target";

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
                clientSecretWarnBeforeExpiryDays: name === "fabrikam" ? 7 : undefined,
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
        ).to.throw(/could not decrypt it \(check PULUMI_CONFIG_PASSPHRASE/);
        // A plaintext that is not JSON: the error never quotes it.
        let message = "";
        try {
            plainState({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: "SECRET-VALUE-0123456789{" });
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).to.equal("a secret in the stack's state is not readable JSON");
    });

    it("reads a stack as this package's own program only in its project, and never with --component", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "verify-project-"));
        try {
            const own = path.join(root, "own");
            const nested = path.join(own, "sub", "dir");
            const other = path.join(root, "other");
            fs.mkdirSync(nested, { recursive: true });
            fs.mkdirSync(other);
            fs.writeFileSync(path.join(own, "Pulumi.yml"), "name: jumpcloud-entra-idp\nruntime: nodejs\n");
            fs.writeFileSync(path.join(other, "Pulumi.yaml"), 'name: "consumer" # mine\nruntime: nodejs\n');
            expect(projectName(nested)).to.equal("jumpcloud-entra-idp");
            expect(projectName(other)).to.equal("consumer");
            expect(readsOwnProgram(nested, undefined)).to.equal(true);
            expect(readsOwnProgram(own, "contoso")).to.equal(false);
            expect(readsOwnProgram(other, undefined)).to.equal(false);
            expect(readsOwnProgram(root, undefined)).to.equal(false);
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
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
            // The component's own threshold, from its outputs.
            warnBeforeExpiryDays: 7,
            naming: { style: "arguments", where: 'of EntraIdentityProvider "fabrikam"' },
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
        // A stack last brought up before the component kept its threshold: the default.
        expect(target.warnBeforeExpiryDays).to.equal(30);
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
        const stack: SettingNaming = { style: "stack" };
        const component: SettingNaming = { style: "arguments", where: 'of EntraIdentityProvider "acme"' };
        const fleet: SettingNaming = {
            style: "arguments",
            prefix: "component.",
            where: 'of organization "acme" in the inventory',
            tenant: 'entraTenantId of organization "acme" in the inventory',
        };
        const names: [string, SettingNaming | undefined, string][] = [
            ["users", stack, "jumpcloud-entra-idp:users"],
            ["users", component, 'users of EntraIdentityProvider "acme"'],
            ["users", fleet, 'component.users of organization "acme" in the inventory'],
            ["users", undefined, "users"],
            ["jumpCloud.apiUrl", stack, "jumpcloud-entra-idp:jumpCloudApiUrl"],
            ["jumpCloud.routing.policyId", stack, "jumpcloud-entra-idp:jumpCloudRouting.policyId"],
            [
                "jumpCloud.routing.policyId",
                component,
                'jumpCloud.routing.policyId of EntraIdentityProvider "acme"',
            ],
            ["clientSecret.endDate", stack, "jumpcloud-entra-idp:clientSecretEndDate"],
            [
                "clientSecret.endDate",
                fleet,
                'component.clientSecret.endDate of organization "acme" in the inventory',
            ],
        ];
        for (const [argPath, naming, expected] of names) {
            it(`${argPath}, named ${naming ? naming.style + (naming.prefix ? " " + naming.prefix : "") : "bare"}: ${expected}`, () => {
                expect(settingName({ naming }, argPath)).to.equal(expected);
            });
        }

        it("the tenant, each way", () => {
            expect(tenantSetting({ naming: stack })).to.equal("azuread:tenantId");
            expect(tenantSetting({ naming: component })).to.equal(
                'the tenantId of the azuread provider the component uses (azuread:tenantId for the default one), of EntraIdentityProvider "acme"',
            );
            expect(tenantSetting({ naming: fleet })).to.equal(
                'entraTenantId of organization "acme" in the inventory',
            );
        });

        it("a later end date: the end date, or rotateWhenChanged when none is set (expiresInDays alone does nothing then)", () => {
            expect(laterEndDate({ naming: stack })).to.equal(
                "set a later jumpcloud-entra-idp:clientSecretEndDate, or, when it is not set, change " +
                    "jumpcloud-entra-idp:clientSecretRotation (a new secret, jumpcloud-entra-idp:clientSecretExpiresInDays from then)",
            );
            expect(laterEndDate({ naming: component })).to.include(
                'change clientSecret.rotateWhenChanged of EntraIdentityProvider "acme"',
            );
        });
    });
});
