/**
 * Requiring the package must create nothing and read no configuration: only index.ts does.
 */
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the package entry", () => {
    it("registers no resource and reads no config when required", () => {
        const script = `
            const pulumi = require("@pulumi/pulumi");
            const registered = [];
            const readKeys = [];
            const { Config } = pulumi;
            for (const m of ["get", "require", "getObject", "getBoolean", "getNumber", "getSecret", "requireSecret"]) {
                const original = Config.prototype[m];
                Config.prototype[m] = function (key, ...rest) { readKeys.push(key); return original.call(this, key, ...rest); };
            }
            pulumi.runtime.setMocks({ newResource: (a) => { registered.push(a.type); return { id: "x", state: {} }; }, call: () => { throw new Error("no call expected"); } }, "p", "s", false)
              .then(() => {
                const lib = require("jumpcloud-entra-idp");
                setTimeout(() => console.log(JSON.stringify({ exports: Object.keys(lib).sort(), registered, readKeys })), 100);
              });`;
        const out = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
        const result = JSON.parse(out.trim().split("\n").pop()!);
        expect(result.registered).to.deep.equal([]);
        expect(result.readKeys).to.deep.equal([]);
        expect(result.exports).to.include("EntraIdentityProvider").and.include("IdentityProvider");
    });
});
