/**
 * examples/esc/ cannot run here (ESC is a Pulumi Cloud service), so it is checked instead: both
 * files parse, and every configuration key they set is one the program or its providers read.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import type * as pulumi from "@pulumi/pulumi";
import { argsFromConfig } from "../components/stackConfig";
import { API_KEY_CONFIG_KEY } from "../providers/connection";

const ROOT = path.resolve(__dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "esc");
const PROJECT = "jumpcloud-entra-idp";

function load(file: string): Record<string, unknown> {
    return yaml.load(fs.readFileSync(path.join(EXAMPLE, file), "utf8")) as Record<string, unknown>;
}

/** The keys index.ts's configuration mapping reads, found by running it against a recording Config. */
function programKeys(): Set<string> {
    const keys = new Set<string>();
    const record = (key: string) => {
        keys.add(`${PROJECT}:${key}`);
        return undefined;
    };
    const config = { get: record, getObject: record, getNumber: record, getBoolean: record };
    argsFromConfig(config as unknown as pulumi.Config);
    return keys;
}

/** The azuread provider's configuration keys, from the SDK's own config module. */
function azureadKeys(): Set<string> {
    const vars = require("@pulumi/azuread/config/vars") as object;
    return new Set(
        Object.getOwnPropertyNames(vars)
            .filter((k) => !k.startsWith("__"))
            .map((k) => `azuread:${k}`),
    );
}

function unreadKeys(keys: string[]): string[] {
    const read = new Set([...programKeys(), ...azureadKeys(), API_KEY_CONFIG_KEY]);
    return keys.filter((key) => !read.has(key));
}

describe("examples/esc", () => {
    const environment = load("environment.yaml");
    const stack = load("Pulumi.contoso.yaml");
    const values = environment.values as Record<string, Record<string, unknown>>;
    const pulumiConfig = values.pulumiConfig;

    it("the program mapping reads the keys Pulumi.yaml declares (the recording Config sees real reads)", () => {
        const declared = Object.keys(
            (yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { config: object }).config,
        );
        const keys = programKeys();
        for (const key of declared) expect(keys, key).to.include(`${PROJECT}:${key}`);
        expect(keys).to.include(`${PROJECT}:users`);
    });

    it("the environment sets only keys the program or its providers read", () => {
        expect(Object.keys(pulumiConfig)).to.include.members(["jumpcloud:apiKey", "azuread:tenantId"]);
        expect(unreadKeys(Object.keys(pulumiConfig))).to.deep.equal([]);
        // The check itself catches a key nobody reads.
        expect(unreadKeys(["azuread:tenantID", "jumpcloud-entra-idp:orgId"])).to.deep.equal([
            "azuread:tenantID",
            "jumpcloud-entra-idp:orgId",
        ]);
    });

    it("supplies the JumpCloud key as an ESC secret and the Azure sign-in through OIDC", () => {
        expect(pulumiConfig["jumpcloud:apiKey"]).to.equal("${jumpcloud.apiKey}");
        expect(values.jumpcloud.apiKey).to.have.keys("fn::secret");
        const login = (values.azure.login as Record<string, Record<string, unknown>>)[
            "fn::open::azure-login"
        ];
        expect(login.oidc).to.equal(true);
        expect(login).to.have.keys("clientId", "tenantId", "subscriptionId", "oidc");
        expect(pulumiConfig["azuread:tenantId"]).to.equal("${azure.login.tenantId}");
        expect(pulumiConfig["azuread:useOidc"]).to.equal(true);
        expect(pulumiConfig["azuread:oidcToken"]).to.equal("${azure.login.oidc.token}");
    });

    it("the stack file imports the environment and holds no credentials", () => {
        expect(stack.environment).to.deep.equal(["jumpcloud-entra/contoso"]);
        const text = fs.readFileSync(path.join(EXAMPLE, "environment.yaml"), "utf8");
        expect(text.split("\n")[0]).to.include('"jumpcloud-entra/contoso"');
        const keys = Object.keys(stack.config as object);
        expect(unreadKeys(keys)).to.deep.equal([]);
        expect(keys.filter((k) => k.startsWith("jumpcloud:") || k.startsWith("azuread:"))).to.deep.equal([]);
    });
});
