/**
 * `IdentityProvider`: JumpCloud's external identity provider for Entra ID, as a Pulumi resource.
 * Type token `pulumi-nodejs:dynamic/jumpcloud:IdentityProvider`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ShimmedDynamicResource } from "./shimmedResource";

export interface IdentityProviderArgs {
    /** Name shown in JumpCloud's Admin Portal. */
    readonly name: pulumi.Input<string>;
    /** The IdP URL: `https://login.microsoftonline.com/<tenant id>`. */
    readonly url: pulumi.Input<string>;
    /** The Entra application's client (application) id. */
    readonly clientId: pulumi.Input<string>;
    /** The Entra client secret's value. Always stored as a secret. */
    readonly clientSecret: pulumi.Input<string>;
    /** JumpCloud region, "us" or "eu": picks the default API base URL. Defaults to "us". */
    readonly region?: pulumi.Input<string>;
    /** API base URL; overrides the region's default and `JUMPCLOUD_API_URL`. Changing it replaces the object. */
    readonly apiUrl?: pulumi.Input<string>;
    /** Organization id sent as `x-org-id` (multi-tenant admins); overrides `JUMPCLOUD_ORG_ID`. Changing it replaces the object. */
    readonly orgId?: pulumi.Input<string>;
    /** Take over an identity provider that already exists in the organization. Defaults to false. */
    readonly adoptExisting?: pulumi.Input<boolean>;
    /** Adopt the identity provider with this id (GET, then one PUT of our values) instead of creating one. Defaults to none. */
    readonly existingId?: pulumi.Input<string>;
}

export class IdentityProvider extends ShimmedDynamicResource {
    declare public readonly name: pulumi.Output<string>;
    declare public readonly type: pulumi.Output<string>;
    declare public readonly url: pulumi.Output<string>;
    declare public readonly clientId: pulumi.Output<string>;
    declare public readonly clientSecret: pulumi.Output<string>;
    /** The base URL the object lives at. */
    declare public readonly apiBaseUrl: pulumi.Output<string>;
    /** The organization it lives in, when one was named. */
    declare public readonly organizationId: pulumi.Output<string | undefined>;

    constructor(name: string, args: IdentityProviderArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            "identityProvider",
            { module: "jumpcloud", type: "IdentityProvider" },
            name,
            {
                name: args.name,
                type: "AZURE",
                url: args.url,
                clientId: args.clientId,
                clientSecret: pulumi.secret(args.clientSecret),
                region: args.region,
                apiUrl: args.apiUrl,
                orgId: args.orgId,
                adoptExisting: args.adoptExisting,
                existingId: args.existingId,
                apiBaseUrl: undefined,
                organizationId: undefined,
            },
            pulumi.mergeOptions(opts, { additionalSecretOutputs: ["clientSecret"] }),
        );
    }
}
