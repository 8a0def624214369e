/**
 * The policy pack's entry: `pulumi preview --policy-pack policy` loads this file. Everything it
 * enforces is in policies.ts, which the tests import without starting the analyzer server.
 */
import { PolicyPack } from "@pulumi/policy";
import { entraIdentityProviderPolicies } from "./policies";

new PolicyPack("jumpcloud-entra-idp", { policies: entraIdentityProviderPolicies() });
