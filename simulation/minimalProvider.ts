/**
 * The yardstick for `npm run bench`: a minimal HTTP dynamic provider in the style of Pulumi's own
 * examples (one object, axios required inside each call, no retries, no checks), speaking to the
 * same emulator endpoint as the real identity provider. Serialized by Pulumi's closure serializer,
 * as `dynamic.Resource` would, so its size and host times are what a plain dynamic provider costs.
 */
import * as pulumi from "@pulumi/pulumi";

interface MinimalInputs {
    apiUrl: string;
    name: string;
    url: string;
    clientId: string;
    clientSecret: string;
}

// Self-contained on purpose: everything a method uses is built inside it (see the style notes).
// Not `export const`: TypeScript would then write every use as `exports.minimalProvider`, which
// the closure serializer does not always resolve to this object.
const minimalProvider: pulumi.dynamic.ResourceProvider<MinimalInputs, MinimalInputs> & {
    apiKey?: string;
} = {
    async configure(req) {
        minimalProvider.apiKey = req.config.get("jumpcloud:apiKey");
    },
    async create(inputs) {
        const axios = require("axios");
        const body = {
            name: inputs.name,
            type: "AZURE",
            oidc: { url: inputs.url, clientId: inputs.clientId, clientSecret: inputs.clientSecret },
        };
        const reply = await axios.post(`${inputs.apiUrl}/api/v2/identity-providers`, body, {
            headers: { "x-api-key": minimalProvider.apiKey ?? process.env.JUMPCLOUD_API_KEY },
        });
        return { id: reply.data.id, outs: inputs };
    },
    async read(id, props) {
        const axios = require("axios");
        const reply = await axios.get(`${props!.apiUrl}/api/v2/identity-providers/${id}`, {
            headers: { "x-api-key": minimalProvider.apiKey ?? process.env.JUMPCLOUD_API_KEY },
        });
        return { id, props: { ...props!, name: reply.data.name } };
    },
    async update(id, _olds, news) {
        const axios = require("axios");
        const body = {
            name: news.name,
            type: "AZURE",
            oidc: { url: news.url, clientId: news.clientId, clientSecret: news.clientSecret },
        };
        await axios.put(`${news.apiUrl}/api/v2/identity-providers/${id}`, body, {
            headers: { "x-api-key": minimalProvider.apiKey ?? process.env.JUMPCLOUD_API_KEY },
        });
        return { outs: news };
    },
    async delete(id, props) {
        const axios = require("axios");
        await axios.delete(`${props.apiUrl}/api/v2/identity-providers/${id}`, {
            headers: { "x-api-key": minimalProvider.apiKey ?? process.env.JUMPCLOUD_API_KEY },
        });
    },
};

/** The minimal provider's `__provider` text, exactly as `dynamic.Resource` would store it. */
export async function serializedMinimalProvider(): Promise<string> {
    return (await pulumi.runtime.serializeFunction(() => minimalProvider, { allowSecrets: true })).text;
}

export { minimalProvider };
