/**
 * The package export `jumpcloud-entra-idp/dynamic-providers`: what every stored provider shim
 * loads inside Pulumi's dynamic-provider host. It hands out the real provider objects, so the
 * code that makes the calls is this installed package's, and the API key a provider's `configure`
 * receives lands in the one `providerRuntime` module that every provider's calls read.
 *
 * Stable for old state: `providerFor` keeps accepting every kind and protocol a released shim
 * may ask for (see `providerShim.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { identityProviderProvider } from "./identityProviderProvider";
import { routingBindingsProvider } from "./routingBindings";
import { secretLifetimeProvider } from "./secretLifetime";
import { generatedPasswordProvider } from "./generatedPassword";
import { DYNAMIC_PROVIDER_KINDS, SHIM_PROTOCOL, type DynamicProviderKind } from "./providerShim";

// The host hands every provider plain JSON and only calls its methods: the SDK's untyped form.
type AnyProvider = pulumi.dynamic.ResourceProvider;

const PROVIDERS: Record<DynamicProviderKind, AnyProvider> = {
    identityProvider: identityProviderProvider,
    routingBindings: routingBindingsProvider,
    secretLifetime: secretLifetimeProvider,
    generatedPassword: generatedPasswordProvider,
};

/** The provider implementation a shim of `kind`, written for `protocol`, runs. */
export function providerFor(kind: string, protocol: number): AnyProvider {
    if (!Number.isInteger(protocol) || protocol < 1 || protocol > SHIM_PROTOCOL) {
        throw new Error(
            `jumpcloud-entra-idp: this state was written by a package whose provider shim speaks protocol ${protocol}; ` +
                `the installed package speaks 1 to ${SHIM_PROTOCOL}. Install the jumpcloud-entra-idp version the stack was last updated with, or a later one.`,
        );
    }
    if (!(DYNAMIC_PROVIDER_KINDS as readonly string[]).includes(kind)) {
        throw new Error(
            `jumpcloud-entra-idp: the installed package has no provider for ${JSON.stringify(kind)} ` +
                `(it has ${DYNAMIC_PROVIDER_KINDS.join(", ")}). Install the jumpcloud-entra-idp version the stack was last updated with, or a later one.`,
        );
    }
    return PROVIDERS[kind as DynamicProviderKind];
}

export { DYNAMIC_PROVIDER_KINDS, SHIM_PROTOCOL, type DynamicProviderKind };
