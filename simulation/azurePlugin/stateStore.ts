/**
 * The simulated cloud's own memory: every object the plugin created, by id, in one JSON file per
 * package. Each `pulumi` command starts a new plugin process, so `refresh` and `destroy` find what
 * `up` made only because it is kept on disk. Calls within one process run on one event loop and
 * read-modify-write synchronously, so concurrent steps never interleave inside an update.
 */
import * as fs from "fs";
import * as path from "path";
import type { Properties } from "./resourceTypes";

/** Where the simulated Azure keeps its objects; the e2e harness sets it per run. */
export const STATE_DIR_ENV = "JCE_SIMULATED_AZURE_STATE_DIR";

export interface StoredObject {
    readonly type: string;
    readonly outputs: Properties;
}

interface StoreFile {
    /** Creates so far: makes every new object's ids and secret values distinct and repeatable. */
    serial: number;
    objects: Record<string, StoredObject>;
}

export class StateStore {
    private readonly file: string;

    constructor(packageName: string, env: NodeJS.ProcessEnv = process.env) {
        const dir = env[STATE_DIR_ENV];
        if (!dir) {
            throw new Error(
                `The simulated ${packageName} plugin needs ${STATE_DIR_ENV}: the folder where it keeps ` +
                    "the objects it creates (the e2e harness and the demo set it).",
            );
        }
        fs.mkdirSync(dir, { recursive: true });
        this.file = path.join(dir, `${packageName}.json`);
    }

    private load(): StoreFile {
        if (!fs.existsSync(this.file)) return { serial: 0, objects: {} };
        return JSON.parse(fs.readFileSync(this.file, "utf8")) as StoreFile;
    }

    private save(store: StoreFile): void {
        const temp = `${this.file}.${process.pid}.tmp`;
        fs.writeFileSync(temp, JSON.stringify(store, null, 2));
        fs.renameSync(temp, this.file);
    }

    /** The next create's serial number. */
    nextSerial(): number {
        const store = this.load();
        store.serial += 1;
        this.save(store);
        return store.serial;
    }

    get(id: string): StoredObject | undefined {
        return this.load().objects[id];
    }

    put(id: string, object: StoredObject): void {
        const store = this.load();
        store.objects[id] = object;
        this.save(store);
    }

    /** True when the object existed. */
    remove(id: string): boolean {
        const store = this.load();
        const existed = id in store.objects;
        delete store.objects[id];
        this.save(store);
        return existed;
    }

    all(): Record<string, StoredObject> {
        return this.load().objects;
    }
}
