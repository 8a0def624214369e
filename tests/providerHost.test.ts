// Proves the DynamicProviderHost driver against the real Pulumi dynamic-provider host: every call below
// crosses a process boundary and a gRPC/Struct round trip, and the provider runs from its serialized closure.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";

import { DynamicProviderHost, dynamicUrn, unwrapSecrets } from "../simulation/providerHost";
import { TEST_HOST_CONFIG, sharedProviderHost } from "./support/providerHosts";

type Inputs = Record<string, unknown>;

// Must stay self-contained: the closure serializer ships these method bodies to the child, so anything they
// referenced from this file would be captured (and test-only modules are not what we want to exercise).
const echoProvider = {
    configuredKey: undefined as string | undefined,
    async configure(req: { config: { get(key: string): string | undefined } }): Promise<void> {
        this.configuredKey = req.config.get("test:key");
    },
    async check(olds: Inputs, news: Inputs) {
        if (!news.value) {
            return { inputs: news, failures: [{ property: "value", reason: "value must not be empty" }] };
        }
        return { inputs: { ...news, checked: true } };
    },
    async diff(id: string, olds: Inputs, news: Inputs) {
        const changed = olds.value !== news.value;
        return {
            changes: changed,
            replaces: changed && news.forceNew ? ["value"] : [],
            deleteBeforeReplace: changed && news.forceNew === true,
        };
    },
    async create(inputs: Inputs) {
        if (inputs.value === "boom") {
            throw new Error("create refused: value is boom");
        }
        return { id: "x1", outs: { echo: inputs.value, key: this.configuredKey } };
    },
    async read(id: string, props: Inputs) {
        return { id, props: { ...props, refreshed: true }, inputs: { value: props.echo } };
    },
    async update(id: string, olds: Inputs, news: Inputs) {
        return { outs: { echo: news.value, previous: olds.echo, key: this.configuredKey } };
    },
    async delete(id: string, props: Inputs): Promise<void> {
        if (id === "locked") {
            throw new Error(`refusing to delete ${id} (echo=${props.echo})`);
        }
    },
};

describe("DynamicProviderHost (real Pulumi dynamic-provider host)", function () {
    // Spawning the host loads @pulumi/pulumi in a fresh process, which takes a second or two.
    this.timeout(30_000);

    let host: DynamicProviderHost | undefined;
    let providerText: string;
    const urn = dynamicUrn("thing", "test:Echo");

    before(async () => {
        // Same call dynamic.Resource makes to fill in the __provider input.
        const serialized = await pulumi.runtime.serializeFunction(() => echoProvider, { allowSecrets: true });
        providerText = serialized.text;
        // Configured before any CRUD call (the host configures each deserialized provider exactly once),
        // with a config that holds "test:key" among others.
        host = await sharedProviderHost();
    });

    function h(): DynamicProviderHost {
        if (!host) {
            throw new Error("host not started");
        }
        return host;
    }

    it("builds dynamic URNs the way dynamic.Resource types them", () => {
        expect(dynamicUrn("n", "jumpcloud:User", "dev", "proj")).to.equal(
            "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/jumpcloud:User::n",
        );
        expect(dynamicUrn("n", "Plain")).to.equal("urn:pulumi:test::test::pulumi-nodejs:dynamic:Plain::n");
        expect(dynamicUrn("n", "pulumi-nodejs:dynamic/m:T")).to.equal(
            "urn:pulumi:test::test::pulumi-nodejs:dynamic/m:T::n",
        );
    });

    it("unwraps secret wrappers recursively and drops undefined", () => {
        const secret = (value: unknown) => ({
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            value,
        });
        expect(
            unwrapSecrets({
                a: secret("s"),
                b: undefined,
                c: [secret({ d: secret(1), e: undefined })],
                f: null,
            }),
        ).to.deep.equal({ a: "s", c: [{ d: 1 }], f: null });
    });

    it("check passes inputs through the provider and keeps __provider", async () => {
        const res = await h().check(urn, {}, { __provider: providerText, value: "hello" });
        expect(res.failures).to.deep.equal([]);
        expect(res.inputs).to.deep.equal({ __provider: providerText, value: "hello", checked: true });
    });

    it("check reports failures for an empty value", async () => {
        const res = await h().check(urn, {}, { __provider: providerText, value: "" });
        expect(res.failures).to.deep.equal([{ property: "value", reason: "value must not be empty" }]);
    });

    it("create round-trips outputs and sees config delivered through Configure", async () => {
        const res = await h().create(urn, { __provider: providerText, value: "hello" });
        expect(res.id).to.equal("x1");
        expect(res.properties).to.deep.equal({
            __provider: providerText,
            echo: "hello",
            key: TEST_HOST_CONFIG["test:key"],
        });
    });

    it("sends secrets as plain values, like the engine does for acceptSecrets=false", async () => {
        const secretValue = {
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            value: "s3",
        };
        const res = await h().create(urn, {
            __provider: providerText,
            value: secretValue,
            dropped: undefined,
        });
        expect(res.properties.echo).to.equal("s3");
    });

    it("diff maps changes, replaces and deleteBeforeReplace", async () => {
        const olds = { __provider: providerText, value: "a" };
        expect(await h().diff("x1", urn, olds, { __provider: providerText, value: "a" })).to.deep.equal({
            changes: "none",
            replaces: [],
            deleteBeforeReplace: false,
        });
        expect(await h().diff("x1", urn, olds, { __provider: providerText, value: "b" })).to.deep.equal({
            changes: "some",
            replaces: [],
            deleteBeforeReplace: false,
        });
        expect(
            await h().diff("x1", urn, olds, { __provider: providerText, value: "b", forceNew: true }),
        ).to.deep.equal({ changes: "some", replaces: ["value"], deleteBeforeReplace: true });
    });

    it("update returns the provider's outs plus __provider", async () => {
        const res = await h().update(
            "x1",
            urn,
            { __provider: providerText, echo: "a" },
            { __provider: providerText, value: "b" },
        );
        expect(res.properties).to.deep.equal({
            __provider: providerText,
            echo: "b",
            previous: "a",
            key: TEST_HOST_CONFIG["test:key"],
        });
    });

    it("read returns refreshed properties and explicit inputs", async () => {
        const res = await h().read("x1", urn, { __provider: providerText, echo: "a" });
        expect(res.id).to.equal("x1");
        expect(res.properties).to.deep.equal({ __provider: providerText, echo: "a", refreshed: true });
        expect(res.inputs).to.deep.equal({ __provider: providerText, value: "a" });
    });

    it("delete resolves when the provider succeeds", async () => {
        await h().delete("x1", urn, { __provider: providerText, echo: "a" });
    });

    it("rejects with the provider's own message (create and delete paths)", async () => {
        const createErr = await h()
            .create(urn, { __provider: providerText, value: "boom" })
            .then(
                () => undefined,
                (e: Error) => e,
            );
        expect(createErr).to.be.instanceOf(Error);
        expect(createErr!.message).to.equal("create refused: value is boom");

        const deleteErr = await h()
            .delete("locked", urn, { __provider: providerText, echo: "e" })
            .then(
                () => undefined,
                (e: Error) => e,
            );
        expect(deleteErr!.message).to.equal("refusing to delete locked (echo=e)");
        // Unlike create/update, the host logs delete/check/diff/read errors (with stack) to its stderr, which
        // is why tests scan it for leaked secrets.
        await h().outputSettled();
        expect(h().stderr).to.contain("refusing to delete locked (echo=e)");
    });

    it("stop() ends the child and is idempotent", async () => {
        // Pulumi's host ends with every suite that stops one; this is about the class's own stop.
        const second = await DynamicProviderHost.start({
            standIn: path.join(__dirname, "support", "standInHost.js"),
        });
        expect(second.stdout).to.match(/^\d+\n/);
        await second.stop();
        await second.stop();
        const err = await second.configure({}).then(
            () => undefined,
            (e: Error) => e,
        );
        expect(err!.message).to.contain("already stopped");
    });
});
