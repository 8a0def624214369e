/**
 * The simulated cloud's own memory: every object the plugin created, one JSON file per object
 * under `<state dir>/<package>/objects`. Each `pulumi` command starts new plugin processes (one
 * per provider instance: a program with two explicit azuread providers runs two at once), so
 * `refresh` and `destroy` find what `up` made only because it is on disk, and no write may
 * depend on another process's read: each object is its own file, replaced atomically, and each
 * create takes the next serial number by making a folder, which succeeds for one process only.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Properties } from "./resourceTypes";

/** Where the simulated Azure keeps its objects; the e2e harness sets it per run. */
export const STATE_DIR_ENV = "JCE_SIMULATED_AZURE_STATE_DIR";

export interface StoredObject {
    readonly type: string;
    readonly outputs: Properties;
}

interface ObjectFile extends StoredObject {
    readonly id: string;
}

export class StateStore {
    private readonly objectsDir: string;
    private readonly serialsDir: string;

    constructor(packageName: string, env: NodeJS.ProcessEnv = process.env) {
        const dir = env[STATE_DIR_ENV];
        if (!dir) {
            throw new Error(
                `The simulated ${packageName} plugin needs ${STATE_DIR_ENV}: the folder where it keeps ` +
                    "the objects it creates (the e2e harness and the demo set it).",
            );
        }
        this.objectsDir = path.join(dir, packageName, "objects");
        this.serialsDir = path.join(dir, packageName, "serials");
        fs.mkdirSync(this.objectsDir, { recursive: true });
        fs.mkdirSync(this.serialsDir, { recursive: true });
    }

    private fileOf(id: string): string {
        return path.join(
            this.objectsDir,
            `${createHash("sha256").update(id).digest("hex").slice(0, 32)}.json`,
        );
    }

    /** The next create's serial number: 1, 2, 3… in create order; never the same twice. */
    nextSerial(): number {
        for (let n = fs.readdirSync(this.serialsDir).length + 1; ; n++) {
            try {
                fs.mkdirSync(path.join(this.serialsDir, String(n)));
                return n;
            } catch (error) {
                if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
            }
        }
    }

    get(id: string): StoredObject | undefined {
        const file = this.fileOf(id);
        if (!fs.existsSync(file)) return undefined;
        const { type, outputs } = JSON.parse(fs.readFileSync(file, "utf8")) as ObjectFile;
        return { type, outputs };
    }

    put(id: string, object: StoredObject): void {
        const file = this.fileOf(id);
        const temp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temp, JSON.stringify({ id, ...object } satisfies ObjectFile, null, 2));
        fs.renameSync(temp, file);
    }

    /** Already gone is fine: the real providers treat a 404 on delete as done. */
    remove(id: string): void {
        fs.rmSync(this.fileOf(id), { force: true });
    }

    /** Every stored object by id. */
    all(): Record<string, StoredObject> {
        const objects: Record<string, StoredObject> = {};
        for (const name of fs.readdirSync(this.objectsDir).filter((n) => n.endsWith(".json"))) {
            const { id, type, outputs } = JSON.parse(
                fs.readFileSync(path.join(this.objectsDir, name), "utf8"),
            ) as ObjectFile;
            objects[id] = { type, outputs };
        }
        return objects;
    }
}
