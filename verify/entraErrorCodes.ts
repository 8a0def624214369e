/**
 * Entra's AADSTS codes on the sign-in path, each with what to change in the user's own terms.
 * Codes and meanings: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 * (see docs/verify.md for each one's source).
 */
export interface CodeContext {
    /** How the fix names the tenant setting (`azuread:tenantId`, or a component's provider). */
    readonly tenantSetting: string;
    /** How the fix names a later end date for the secret. */
    readonly laterEndDate: string;
    readonly tenantId: string;
    readonly clientId: string;
    readonly redirectUri: string;
}

const APP_SCREEN = "Entra admin center > App registrations > the JumpCloud app";

export function fixForEntraCode(code: number, c: CodeContext): string {
    switch (code) {
        case 90002:
            return (
                `Entra knows no tenant ${c.tenantId}: set ${c.tenantSetting} to the Directory (tenant) ID ` +
                "from Entra admin center > Overview, then run `pulumi up`"
            );
        case 700016:
            return (
                `tenant ${c.tenantId} has no app with client id ${c.clientId} (deleted, or the stack points at another tenant): ` +
                `run \`pulumi refresh\` then \`pulumi up\` to make it again, or check ${c.tenantSetting}`
            );
        case 50011:
            return (
                `the app does not list the redirect URI ${c.redirectUri}: run \`pulumi up\` (it registers the region's URI; ` +
                "first `pulumi refresh` if it was removed by hand), " +
                `or add it in ${APP_SCREEN} > Authentication > Web > Redirect URIs`
            );
        case 700054:
            return (
                `ID tokens are off for the app: tick "ID tokens" in ${APP_SCREEN} > Authentication > ` +
                "Implicit grant and hybrid flows, or run `pulumi refresh` then `pulumi up`"
            );
        case 7000215:
            return (
                `the app has no such client secret (deleted in ${APP_SCREEN} > Certificates & secrets?): ` +
                "run `pulumi refresh` then `pulumi up`, which makes a new secret and gives it to JumpCloud"
            );
        case 7000222:
            return (
                `the client secret has expired: ${c.laterEndDate} ` +
                "and run `pulumi up`, which makes a new secret and gives it to JumpCloud"
            );
        default:
            return `Entra refused it with AADSTS${code}: see https://login.microsoftonline.com/error?code=${code}`;
    }
}

/** The first AADSTS number in a text (an error_description, an error page). */
export function entraCodeIn(text: string): number | undefined {
    const match = /AADSTS(\d{5,8})/.exec(text);
    return match ? Number(match[1]) : undefined;
}
