// `npm run build`: compiles the project into dist/ with `tsc --build` (incremental), and says so.
// A plain JavaScript module because it has to run before anything is compiled. tsc keeps what it
// knows in dist/.tsbuildinfo: with no source newer than it, the build is skipped in about a
// second; otherwise only changed files (and those that depend on them) are checked and written
// again. Deleting dist/ starts from scratch.
import { spawnSync } from "node:child_process";
import console from "node:console";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const first = !existsSync(join(root, "dist", ".tsbuildinfo"));
const started = Date.now();
console.error(
    `build: tsc --build (incremental) into dist/ (${first ? "first build: every file, 15-30 s on 2 cores" : "only what changed since the last build"})`,
);
const run = spawnSync(process.execPath, [tsc, "--build", join(root, "tsconfig.json")], {
    cwd: root,
    stdio: "inherit",
});
if (run.status !== 0) {
    console.error(`build: tsc failed (exit ${run.status ?? run.signal})`);
    process.exit(run.status ?? 1);
}
console.error(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
