/**
 * Programs that use the package as installed from its tarball, made once per suite run: the repo
 * packed with `npm pack`, then one `npm install` into a fresh consumer program (its own
 * package.json, Pulumi.yaml and index.ts importing `jumpcloud-entra-idp`). The example
 * (examples/two-organizations) is a second program with the same dependencies, so it gets a
 * hard-linked copy of that one node_modules instead of a second install.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { npmInstall, packInto, pulumiVersion, scratchDir } from "../../../scripts/scratchInstall";
import { REPO_ROOT } from "../../../simulation/engine/pulumiCli";

export interface InstalledPrograms {
    /** A new TypeScript program written as a user would, the package installed from the tarball. */
    readonly consumerDir: string;
    /** examples/two-organizations with the same install. */
    readonly exampleDir: string;
    readonly dispose: () => void;
}

/** The consumer's project name, which prefixes its stack keys. */
export const CONSUMER_PROJECT = "entra-consumer";

const CONSUMER_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { EntraIdentityProvider } from "jumpcloud-entra-idp";

const config = new pulumi.Config();
const rotation = config.get("secretRotation");
const idp = new EntraIdentityProvider("sso", {
    identityProviderName: config.get("identityProviderName"),
    users: config.requireObject<{ userPrincipalName: string; displayName: string }[]>("people"),
    clientSecret: rotation ? { rotateWhenChanged: { secretRotation: rotation } } : undefined,
    jumpCloud: { apiUrl: config.get("jumpCloudApiUrl") },
});

export const identityProviderId = idp.identityProviderId;
export const issuerUrl = idp.issuerUrl;
export const clientId = idp.clientId;
export const userPasswords = idp.userPasswords;
`;

function versionOf(name: string): string {
    return (require(path.join(REPO_ROOT, "node_modules", name, "package.json")) as { version: string })
        .version;
}

function write(dir: string, files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}

/** Packs the repo and installs it once; both programs are ready to `pulumi stack init`. */
export function installPrograms(): InstalledPrograms {
    const root = scratchDir("jce-installed");
    const tarball = packInto(root);
    const dependencies = {
        "jumpcloud-entra-idp": `file:${tarball}`,
        "@pulumi/pulumi": pulumiVersion(),
        "@pulumi/azuread": versionOf("@pulumi/azuread"),
    };
    const devDependencies = {
        typescript: versionOf("typescript"),
        "ts-node": versionOf("ts-node"),
        "@types/node": versionOf("@types/node"),
    };
    const consumerDir = path.join(root, "consumer");
    fs.mkdirSync(consumerDir);
    write(consumerDir, {
        "package.json": JSON.stringify(
            {
                name: CONSUMER_PROJECT,
                private: true,
                dependencies,
                devDependencies,
                allowScripts: { protobufjs: false },
            },
            null,
            2,
        ),
        "Pulumi.yaml": `name: ${CONSUMER_PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`,
        "index.ts": CONSUMER_PROGRAM,
    });
    npmInstall(consumerDir, []);

    const exampleDir = path.join(root, "two-organizations");
    fs.mkdirSync(exampleDir);
    const source = path.join(REPO_ROOT, "examples", "two-organizations");
    for (const file of ["Pulumi.yaml", "index.ts", "tsconfig.json"]) {
        fs.copyFileSync(path.join(source, file), path.join(exampleDir, file));
    }
    // The example's own manifest, with the package from the tarball rather than from the repo.
    const manifest = JSON.parse(fs.readFileSync(path.join(source, "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
    };
    manifest.dependencies["jumpcloud-entra-idp"] = `file:${tarball}`;
    write(exampleDir, { "package.json": JSON.stringify(manifest, null, 2) });
    execFileSync("cp", [
        "-al",
        path.join(consumerDir, "node_modules"),
        path.join(exampleDir, "node_modules"),
    ]);

    return { consumerDir, exampleDir, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}
