/**
 * The stored provider shim and the package export it loads: the shim text is small, names no
 * version or file path, and, evaluated the way Pulumi's host evaluates it, hands back this
 * package's real provider objects from the program directory, or a clear error where the
 * package cannot be found (a bundled program).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    DYNAMIC_PROVIDER_KINDS,
    PROVIDER_EXPORT,
    SHIM_PROTOCOL,
    shimSource,
    type DynamicProviderKind,
} from "../providers/providerShim";
import { providerFor } from "../providers/dynamicProviders";
import { identityProviderProvider } from "../providers/identityProviderProvider";
import { routingBindingsProvider } from "../providers/routingBindings";
import { secretLifetimeProvider } from "../providers/secretLifetime";
import { generatedPasswordProvider } from "../providers/generatedPassword";
import { resolveProviderExport } from "../providers/providerLocation";
import { buildComponent, simulatedAzure } from "./support/pulumiTest";

const ROOT = path.resolve(__dirname, "..", "..");

/** Runs a shim as the host does (a CommonJS module, then `handler()`), with `dir` as the working directory. */
function runShim(text: string, dir: string): unknown {
    const module = { exports: {} as { handler?: () => unknown } };
    const fakeProcess = { cwd: () => dir };
    new Function("exports", "require", "process", text)(module.exports, require, fakeProcess);
    return module.exports.handler!();
}

describe("the provider shim and the dynamic-providers export", () => {
    let emptyDir: string;
    before(() => {
        emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "jc-bundled-"));
        fs.writeFileSync(path.join(emptyDir, "package.json"), JSON.stringify({ name: "bundled-program" }));
    });
    after(() => fs.rmSync(emptyDir, { recursive: true, force: true }));

    it("is one small text per kind that names the export, never a version or a dist path", () => {
        for (const kind of DYNAMIC_PROVIDER_KINDS) {
            const text = shimSource(kind);
            expect(Buffer.byteLength(text), kind).to.be.at.most(3 * 1024);
            expect(text)
                .to.include(`"${PROVIDER_EXPORT}"`)
                .and.include(`providerFor("${kind}", ${SHIM_PROTOCOL})`);
            expect(text).to.not.match(/dist\/|\d+\.\d+\.\d+/);
        }
        expect(new Set(DYNAMIC_PROVIDER_KINDS.map(shimSource)).size).to.equal(DYNAMIC_PROVIDER_KINDS.length);
    });

    it("loads this package's own provider objects from the program directory", () => {
        const expected: Record<DynamicProviderKind, unknown> = {
            identityProvider: identityProviderProvider,
            routingBindings: routingBindingsProvider,
            secretLifetime: secretLifetimeProvider,
            generatedPassword: generatedPasswordProvider,
        };
        for (const kind of DYNAMIC_PROVIDER_KINDS) {
            expect(runShim(shimSource(kind), ROOT), kind).to.equal(expected[kind]);
        }
        expect(resolveProviderExport(ROOT)).to.equal(
            path.join(ROOT, "dist", "providers", "dynamicProviders.js"),
        );
    });

    it("fails with what to do where the package is not installed (a bundled program)", () => {
        let message = "";
        try {
            runShim(shimSource("identityProvider"), emptyDir);
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message)
            .to.include(emptyDir)
            .and.include("MODULE_NOT_FOUND")
            .and.include("npm install jumpcloud-entra-idp")
            .and.include("bundle");
        expect(() => resolveProviderExport(emptyDir)).to.throw(/bundled\?.*npm install jumpcloud-entra-idp/);
    });

    // GeneratedPassword is no longer made (a user's state keeps its password); the export still
    // serves it for stacks that hold one (the test above, and tests/e2e/componentUpgrade.e2e.ts).
    // SecretLifetime exists only with clientSecret.rotateAfterDays.
    it("is what the component stores for each of its three dynamic resource types", async () => {
        const registrations = await simulatedAzure();
        await buildComponent("shimmed", {
            clientSecret: { rotateAfterDays: 90 },
            users: [{ userPrincipalName: "ada.lovelace@contoso.com", displayName: "Ada Lovelace" }],
            jumpCloud: {
                apiUrl: "http://127.0.0.1:9",
                checkUsers: false,
                routing: { policyId: "0123456789abcdef01234567", userGroups: ["Engineering"] },
            },
        });
        const stored = Object.fromEntries(
            registrations
                .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
                .map((r) => [r.type.split(":").pop(), r.inputs.__provider]),
        );
        expect(stored).to.deep.equal({
            IdentityProvider: shimSource("identityProvider"),
            RoutingBindings: shimSource("routingBindings"),
            SecretLifetime: shimSource("secretLifetime"),
        });
    });

    it("refuses a kind or a shim protocol it does not know, saying which version to install", () => {
        expect(() => providerFor("certificate", 1)).to.throw(/no provider for "certificate".*version/);
        expect(() => providerFor("identityProvider", SHIM_PROTOCOL + 1)).to.throw(/protocol 2.*Install/);
        expect(providerFor("identityProvider", 1)).to.equal(identityProviderProvider);
    });
});
