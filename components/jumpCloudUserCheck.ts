/**
 * The article's prerequisite: each person who signs in through Entra needs a JumpCloud user with
 * the same email. This looks each one up (a read-only call made while the program runs, like a
 * data source) and warns, or with `requireUsers` fails, when one is missing.
 */
import * as pulumi from "@pulumi/pulumi";
import { PATHS, QUERIES, systemUserListProblem, type SystemUserList } from "../providers/jumpcloudApi";
import {
    API_KEY_CONFIG_KEY,
    resolveApiKey,
    resolveEndpoint,
    type EndpointInputs,
} from "../providers/connection";
import { call } from "../providers/providerRuntime";
import { isApiError } from "../providers/jumpcloudClient";

export interface JumpCloudUserStatus {
    readonly email: string;
    /** true: found; false: missing; null: not checked (no API key, or JumpCloud unreachable). */
    readonly found: boolean | null;
}

export function checkJumpCloudUsers(
    componentName: string,
    emails: readonly string[],
    location: EndpointInputs,
    requireUsers: boolean,
    resource: pulumi.Resource,
): pulumi.Output<JumpCloudUserStatus[]> {
    if (emails.length === 0) return pulumi.output([]);
    const [namespace, key] = API_KEY_CONFIG_KEY.split(":");
    const configuredKey =
        new pulumi.Config(namespace).getSecret(key) ?? pulumi.output<string | undefined>(undefined);
    // What the user can fix (no key, a key JumpCloud refuses, a missing user) fails as Pulumi's own
    // errors do: the message alone, tied to the component, no stack trace. Anything else is a bug
    // and keeps its stack.
    const refuse = (message: string) => new pulumi.ResourceError(message, resource, true);
    const statuses = pulumi.output(configuredKey).apply(async (configured) => {
        const notChecked = (why: string) => {
            void pulumi.log.warn(`${componentName}: JumpCloud users were not checked: ${why}`, resource);
            return emails.map((email) => ({ email, found: null }));
        };
        let apiKey: string;
        try {
            apiKey = resolveApiKey(configured);
        } catch (error) {
            // A requirement that cannot be checked must not pass silently.
            if (requireUsers)
                throw refuse(
                    `${componentName}: jumpCloud.requireUsers is true, but ${(error as Error).message}`,
                );
            return notChecked("no API key (set JUMPCLOUD_API_KEY or the secret config jumpcloud:apiKey)");
        }
        const connection = { ...resolveEndpoint(location), apiKey };
        const results: JumpCloudUserStatus[] = [];
        for (const email of emails) {
            try {
                const reply = await call<SystemUserList>(connection, {
                    method: "GET",
                    path: PATHS.systemUsers,
                    query: QUERIES.systemUserByEmail(email.toLowerCase()),
                    expect: systemUserListProblem,
                });
                const found = reply.data.results.some((u) => u.email?.toLowerCase() === email.toLowerCase());
                results.push({ email, found });
            } catch (error) {
                if (requireUsers) {
                    throw isApiError(error)
                        ? refuse(`${componentName}: jumpCloud.requireUsers is true, but ${error.message}`)
                        : error;
                }
                return notChecked((error as Error).message);
            }
        }
        const missing = results.filter((r) => r.found === false).map((r) => r.email);
        if (missing.length > 0) {
            const message =
                `${componentName}: no JumpCloud user has the email ${missing.join(", ")}. ` +
                "Federated sign-in matches Entra users to JumpCloud users by email: create each in the Admin Portal " +
                "(USER MANAGEMENT > Users) with the same company email, or remove the Entra user.";
            if (requireUsers) throw refuse(`${message} (jumpCloud.requireUsers is true)`);
            void pulumi.log.warn(message, resource);
        }
        return results;
    });
    // The statuses hold no secret; the key that made them never leaves this function.
    return pulumi.unsecret(statuses);
}
