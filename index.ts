/**
 * The stack program: reads this stack's configuration (see Pulumi.yaml and Pulumi.example.yaml),
 * builds one EntraIdentityProvider and exports its outputs. The library entry is
 * components/index.ts; only this file reads config.
 */
import * as pulumi from "@pulumi/pulumi";
import { EntraIdentityProvider } from "./components";
import { argsFromConfig } from "./components/stackConfig";

const idp = new EntraIdentityProvider("jumpcloud-entra", argsFromConfig(new pulumi.Config()));

export const applicationObjectId = idp.applicationObjectId;
export const clientId = idp.clientId;
export const tenantId = idp.tenantId;
export const issuerUrl = idp.issuerUrl;
export const redirectUri = idp.redirectUri;
export const clientSecret = idp.clientSecret;
export const clientSecretEndDate = idp.clientSecretEndDate;
export const clientSecretDaysLeft = idp.clientSecretDaysLeft;
export const users = idp.users;
export const userPasswords = idp.userPasswords;
export const adminConsentUrl = idp.adminConsentUrl;
export const identityProviderId = idp.identityProviderId;
export const jumpCloudUsers = idp.jumpCloudUsers;
export const routedUserGroupIds = idp.routedUserGroupIds;
// null rather than undefined without a Key Vault copy: the engine drops an undefined stack output
// with a warning on every run.
export const keyVaultSecretId = idp.keyVaultSecretId.apply((id) => id ?? null);
