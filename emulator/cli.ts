/**
 * Runs the JumpCloud emulator as a process:
 *
 *     node dist/emulator/cli.js [--port N] [--api-key K] [--multi-tenant] [--orgs id1,id2]
 *
 * The API key defaults to $JUMPCLOUD_API_KEY (prefer it: a command-line key is visible to every
 * user of the machine through the process list). The key is never printed.
 */
import { JumpCloudEmulator } from "./jumpcloudEmulator";

export const USAGE =
    "usage: node dist/emulator/cli.js [--port N] [--api-key K] [--multi-tenant] [--orgs id1,id2]\n" +
    "  the API key defaults to the JUMPCLOUD_API_KEY environment variable";

export interface CliOptions {
    port: number;
    apiKey?: string;
    multiTenant: boolean;
    organizations?: string[];
    help: boolean;
}

/** Thrown for a command line the CLI cannot use; its message is meant for the user. */
export class UsageError extends Error {}

/** Parses `--flag value` and `--flag=value` forms; anything unknown is an error, not ignored. */
export function parseCliArgs(argv: string[]): CliOptions {
    const options: CliOptions = { port: 0, multiTenant: false, help: false };
    const args = [...argv];
    while (args.length > 0) {
        const arg = args.shift() as string;
        const [flag, inline] = splitFlag(arg);
        const value = (): string => {
            const v = inline ?? args.shift();
            if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
            return v;
        };
        switch (flag) {
            case "--port":
                options.port = parsePort(value());
                break;
            case "--api-key":
                options.apiKey = value();
                break;
            case "--orgs":
                options.organizations = value()
                    .split(",")
                    .map((id) => id.trim())
                    .filter((id) => id !== "");
                break;
            case "--multi-tenant":
                if (inline !== undefined) throw new UsageError("--multi-tenant takes no value");
                options.multiTenant = true;
                break;
            case "--help":
            case "-h":
                options.help = true;
                break;
            default:
                throw new UsageError(`unknown argument ${flag}`);
        }
    }
    return options;
}

function splitFlag(arg: string): [string, string | undefined] {
    const eq = arg.indexOf("=");
    return arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

function parsePort(raw: string): number {
    const port = Number(raw);
    if (!/^\d+$/.test(raw) || port > 65535) throw new UsageError(`--port must be an integer in 0..65535`);
    return port;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number | undefined> {
    let options: CliOptions;
    try {
        options = parseCliArgs(argv);
    } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        console.error(`${err.message}\n${USAGE}`);
        return 2;
    }
    if (options.help) {
        console.log(USAGE);
        return 0;
    }
    const apiKey = options.apiKey ?? env.JUMPCLOUD_API_KEY;
    if (!apiKey) {
        console.error("Refusing to start: no API key. Set JUMPCLOUD_API_KEY or pass --api-key.");
        return 1;
    }

    let emulator: JumpCloudEmulator;
    try {
        emulator = await JumpCloudEmulator.start({
            apiKey,
            port: options.port,
            multiTenant: options.multiTenant,
            organizations: options.organizations,
        });
    } catch (err) {
        console.error(
            `Could not start the JumpCloud emulator: ${err instanceof Error ? err.message : String(err)}`,
        );
        return 1;
    }

    const mode = options.multiTenant ? "; multi-tenant" : "";
    console.log(
        `JumpCloud emulator listening on ${emulator.url} (orgs: ${emulator.organizations.join(", ")}${mode})`,
    );
    stopOnSignals(emulator);
    return undefined; // keep running until a signal arrives
}

/** Once the server and its sockets are closed nothing holds the event loop, so the process exits 0. */
function stopOnSignals(emulator: JumpCloudEmulator): void {
    const stop = () => void emulator.stop();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
}

if (require.main === module) {
    main(process.argv.slice(2), process.env).then(
        (code) => {
            if (code !== undefined) process.exitCode = code;
        },
        (err: unknown) => {
            console.error(err);
            process.exitCode = 1;
        },
    );
}
