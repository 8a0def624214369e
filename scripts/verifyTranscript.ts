/**
 * Prints what docs/verify.md quotes: verify against the two emulators on a correct setup, then
 * with two faults made as they happen in life (the redirect URI removed from the app in Entra, the
 * IdP's client id changed by hand in JumpCloud), and the time a full verify takes (median of N).
 *
 *   npm run build && node dist/scripts/verifyTranscript.js [--runs N]
 */
import { makeVerifySetup } from "../tests/support/verifySetup";
import { verify } from "../verify";
import { reportLines } from "../verify/report";

async function main(): Promise<void> {
    const at = process.argv.indexOf("--runs");
    const runs = at > 0 ? Number(process.argv[at + 1]) : 20;
    const setup = await makeVerifySetup();
    try {
        const options = { loginUrl: setup.login.url };
        console.log("$ jumpcloud-entra-verify --stack dev   # a correct setup");
        for (const line of reportLines(await verify(setup.target, options))) console.log(line);

        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
            const started = process.hrtime.bigint();
            const report = await verify(setup.target, options);
            times.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (!report.ok) throw new Error("a timing run failed");
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)];

        const app = setup.tenant.get(setup.ids.app)!;
        const web = app.outputs.web as Record<string, unknown>;
        setup.tenant.put(setup.ids.app, {
            ...app,
            outputs: { ...app.outputs, web: { ...web, redirectUris: [] } },
        });
        setup.jumpCloud.editIdentityProvider(setup.target.identityProviderId, {
            clientId: "00000000-0000-4000-8000-000000000000",
        });
        console.log(
            "\n$ jumpcloud-entra-verify --stack dev   # redirect URI removed in Entra, IdP client id edited in JumpCloud",
        );
        const failing = await verify(setup.target, options);
        for (const line of reportLines(failing)) console.log(line);
        console.log(
            `\nfull verify (8 checks, library, both emulators on loopback): median ${median.toFixed(1)} ms, ` +
                `min ${times[0].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms over ${runs} runs`,
        );
    } finally {
        await setup.stop();
    }
}

void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
