/**
 * The installs one run of `npm run check:package` shares: the working tree packed once, the one
 * consumer install of that tarball (with `@pulumi/pulumi`, as a user's program has it) and the one
 * install from a git URL. Every probe that needs the package as a user gets it reads these
 * instead of installing again; only the installs that are themselves the subject (each example's
 * own dependencies, the upgrade from 0.1.0) make their own.
 */
import * as path from "path";
import { gitSnapshot, makeProgram, npmInstall, packInto, pulumiVersion } from "../scratchInstall";

export interface PackageInstalls {
    /** The run's scratch folder; every probe makes its own programs under it. */
    readonly work: string;
    /** `npm pack` of the working tree. */
    readonly tarball: string;
    /** A program with the tarball and `@pulumi/pulumi` installed: the one consumer install. */
    readonly consumer: string;
    /** A program with the package installed from a git URL (npm builds it with `prepare`). */
    readonly gitProgram: string;
}

/** Packs, then installs the consumer and the git program into `work`. */
export function prepareInstalls(work: string, log: (line: string) => void = console.log): PackageInstalls {
    const sdk = `@pulumi/pulumi@${pulumiVersion()}`;
    const tarball = packInto(work);
    log(`installs: the consumer program (${path.basename(tarball)} and ${sdk})`);
    const consumer = makeProgram(path.join(work, "consumer"), "consumer");
    npmInstall(consumer, [tarball, sdk]);
    log(
        "installs: a program from a git URL (npm clones, installs the dev dependencies, runs prepare, packs)",
    );
    const gitProgram = makeProgram(path.join(work, "from-git"), "from-git");
    npmInstall(gitProgram, [gitSnapshot(work), sdk]);
    return { work, tarball, consumer, gitProgram };
}
