/**
 * Issue 11, class 3: not even part of a secret. Redaction runs before truncation; a reply that
 * echoes the request shows only its message; fragments a server cut are removed too. The leak
 * scan runs through Pulumi's real provider host with each secret at every offset around the
 * truncation limit.
 */
import { expect } from "chai";
import { JumpCloudEmulator } from "../emulator/jumpcloudEmulator";
import type { CapturedIdentityProvider } from "../simulation/capture";
import type { DynamicProviderHost } from "../simulation/providerHost";
import { MAX_API_MESSAGE_CHARS } from "../providers/jumpcloudClient";
import { REDACTED, redact, safeExcerpt } from "../providers/redaction";
import { azureIdentityProviderBody } from "../providers/jumpcloudApi";
import { TEST_API_KEY, startEmulator } from "./support/jumpcloudFixtures";
import { captureForHost, failureOf, urnOf } from "./support/hostedIdentityProvider";
import { startHost } from "./support/providerHosts";

const SECRET = "SECRETMARKER-8a2c4e6f0b1d~Qz";
/** The shortest piece of a secret the scan looks for. */
const WINDOW = 5;

/** Every piece of `secret` at least WINDOW long that occurs in `text`. */
function piecesIn(text: string, secret: string): string[] {
    const found: string[] = [];
    for (let i = 0; i + WINDOW <= secret.length; i++) {
        const piece = secret.slice(i, i + WINDOW);
        if (text.includes(piece)) found.push(piece);
    }
    return found;
}

describe("redaction: not even part of a secret", function () {
    this.timeout(120_000);

    describe("the text functions", () => {
        const secrets = [SECRET, 'quote"and\\slash-secret'];
        const cases: [string, string][] = [
            ["the whole secret", `body ${SECRET} end`],
            ["its head, cut by the server before an ellipsis", `echo: ${SECRET.slice(0, 6)}...`],
            ["its head at the very end", `echo: ${SECRET.slice(0, 3)}`],
            ["its tail at the very start", `${SECRET.slice(-4)} and the rest`],
            ["a piece in the middle", `a ${SECRET.slice(5, 17)} b`],
            ["its JSON spelling", `{"s":${JSON.stringify(secrets[1])}}`],
            ["its URL-encoded spelling", `q=${encodeURIComponent(secrets[1])}`],
        ];
        for (const [what, text] of cases) {
            it(`removes ${what}`, () => {
                const shown = safeExcerpt(text, secrets, MAX_API_MESSAGE_CHARS);
                expect(shown).to.include(REDACTED);
                expect(piecesIn(shown, SECRET)).to.deep.equal([]);
                expect(shown).to.not.include("and\\slash").and.not.include("and%5Cslash");
            });
        }

        it("redacts before it truncates: a secret across the cut leaves no head", () => {
            for (
                let start = MAX_API_MESSAGE_CHARS - SECRET.length - 3;
                start <= MAX_API_MESSAGE_CHARS;
                start++
            ) {
                const text = `${"x".repeat(start)}${SECRET} tail`;
                const shown = safeExcerpt(text, [SECRET], MAX_API_MESSAGE_CHARS);
                expect(shown.length, `offset ${start}`).to.be.at.most(MAX_API_MESSAGE_CHARS);
                expect(piecesIn(shown, SECRET), `offset ${start}: ${shown.slice(-40)}`).to.deep.equal([]);
            }
        });

        it("leaves text without secrets alone", () => {
            expect(redact("nothing to hide here", [SECRET])).to.equal("nothing to hide here");
        });
    });

    describe("a 500 that echoes the request body and x-api-key, through the provider host", () => {
        let emulator: JumpCloudEmulator;
        let host: DynamicProviderHost;
        let captured: CapturedIdentityProvider;
        let inputs: Record<string, unknown>;

        before(async () => {
            emulator = await startEmulator();
            captured = await captureForHost(emulator.url);
            inputs = { ...captured.inputs, clientSecret: SECRET };
            host = await startHost({ JUMPCLOUD_MAX_ATTEMPTS: "1" });
        });
        after(async () => {
            await host?.stop();
            await emulator?.stop();
        });

        it("shows only the redacted message, with each secret at every offset around the truncation limit", async () => {
            // The message the emulator sends: filler, "request body <raw JSON> x-api-key <key>".
            const raw = JSON.stringify(
                azureIdentityProviderBody({
                    name: inputs.name as string,
                    clientId: inputs.clientId as string,
                    clientSecret: SECRET,
                    url: inputs.url as string,
                }),
            );
            const prefix = "request body ";
            const placements = [
                { secret: SECRET, at: prefix.length + raw.indexOf(SECRET) },
                { secret: TEST_API_KEY, at: prefix.length + raw.length + " x-api-key ".length },
            ];
            // Our truncation keeps MAX_API_MESSAGE_CHARS - 3 characters and adds "...".
            const cut = MAX_API_MESSAGE_CHARS - 3;
            const messages: string[] = [];
            let runs = 0;
            for (const { secret, at } of placements) {
                for (let start = cut - secret.length - 2; start <= cut + 2; start++) {
                    const padding = start - at;
                    if (padding < 0) continue;
                    emulator.injectFault({
                        method: "POST",
                        path: "/api/v2/identity-providers",
                        fault: { kind: "echoError", status: 500, padding },
                    });
                    const message = await failureOf(host.create(urnOf(captured.name), inputs));
                    expect(message, `offset ${start}`).to.include("failed: 500: xxx");
                    messages.push(message);
                    runs++;
                }
            }
            expect(runs, "offsets tried").to.be.at.least(SECRET.length + TEST_API_KEY.length);
            await host.outputSettled();
            const everything = [...messages, host.stderr, host.stdout].join("\n");
            for (const secret of [SECRET, TEST_API_KEY]) {
                expect(piecesIn(everything, secret), `pieces of ${secret.slice(0, 4)}…`).to.deep.equal([]);
            }
            // The echo beyond `message` (the request's headers and body again) is never shown.
            expect(everything).to.not.include("user-agent").and.not.include("axios/");
            expect(emulator.identityProviders()).to.have.length(0);
        });
    });
});
