/**
 * The simulated cloud's own memory: every object the plugin created, one JSON file per object
 * under `<state dir>/<package>/tenants/<tenant>/objects`. Each `pulumi` command starts new plugin
 * processes (one per provider instance: a program with two explicit azuread providers runs two at
 * once), so `refresh` and `destroy` find what `up` made only because it is on disk, and no write
 * may depend on another process's read: each object is its own file, replaced atomically, and each
 * create takes the next serial number by making a folder, which succeeds for one process only.
 *
 * Objects belong to a tenant, as in Entra: one made in a tenant is invisible from any other
 * (read finds nothing, update and delete find nothing to act on).
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
    readonly tenantId: string;
}

/** A folder name for a tenant: a GUID or domain as it is, anything else by its hash. */
function tenantFolder(tenantId: string): string {
    return /^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/.test(tenantId)
        ? tenantId
        : `sha256-${createHash("sha256").update(tenantId).digest("hex").slice(0, 32)}`;
}

const TENANT_NAME_FILE = "tenant-id";

function readObject(file: string): ObjectFile {
    return JSON.parse(fs.readFileSync(file, "utf8")) as ObjectFile;
}

/** One tenant's objects. */
export class TenantObjects {
    private readonly objectsDir: string;
    private readonly nameFile: string;

    constructor(
        tenantsDir: string,
        readonly tenantId: string,
    ) {
        const dir = path.join(tenantsDir, tenantFolder(tenantId));
        this.objectsDir = path.join(dir, "objects");
        // The tenant id as given, for a folder named by a hash.
        this.nameFile = path.join(dir, TENANT_NAME_FILE);
    }

    private fileOf(id: string): string {
        return path.join(
            this.objectsDir,
            `${createHash("sha256").update(id).digest("hex").slice(0, 32)}.json`,
        );
    }

    get(id: string): StoredObject | undefined {
        const file = this.fileOf(id);
        if (!fs.existsSync(file)) return undefined;
        const { type, outputs } = readObject(file);
        return { type, outputs };
    }

    put(id: string, object: StoredObject): void {
        fs.mkdirSync(this.objectsDir, { recursive: true });
        if (!fs.existsSync(this.nameFile)) fs.writeFileSync(this.nameFile, this.tenantId);
        const file = this.fileOf(id);
        const temp = `${file}.${process.pid}.tmp`;
        const content: ObjectFile = { id, tenantId: this.tenantId, ...object };
        fs.writeFileSync(temp, JSON.stringify(content, null, 2));
        fs.renameSync(temp, file);
    }

    /** Already gone is fine: the real providers treat a 404 on delete as done. */
    remove(id: string): void {
        fs.rmSync(this.fileOf(id), { force: true });
    }

    /** Every object of this tenant by id. */
    all(): Record<string, StoredObject> {
        const objects: Record<string, StoredObject> = {};
        if (!fs.existsSync(this.objectsDir)) return objects;
        for (const name of fs.readdirSync(this.objectsDir).filter((n) => n.endsWith(".json"))) {
            const { id, type, outputs } = readObject(path.join(this.objectsDir, name));
            objects[id] = { type, outputs };
        }
        return objects;
    }
}

export class StateStore {
    private readonly tenantsDir: string;
    private readonly serialsDir: string;

    constructor(packageName: string, env: NodeJS.ProcessEnv = process.env) {
        const dir = env[STATE_DIR_ENV];
        if (!dir) {
            throw new Error(
                `The simulated ${packageName} plugin needs ${STATE_DIR_ENV}: the folder where it keeps ` +
                    "the objects it creates (the e2e harness and the demo set it).",
            );
        }
        this.tenantsDir = path.join(dir, packageName, "tenants");
        this.serialsDir = path.join(dir, packageName, "serials");
        fs.mkdirSync(this.tenantsDir, { recursive: true });
        fs.mkdirSync(this.serialsDir, { recursive: true });
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

    tenant(tenantId: string): TenantObjects {
        return new TenantObjects(this.tenantsDir, tenantId);
    }

    /** The tenants that hold (or held) objects. */
    tenantIds(): string[] {
        return fs
            .readdirSync(this.tenantsDir, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => path.join(this.tenantsDir, entry.name, TENANT_NAME_FILE))
            .filter((file) => fs.existsSync(file))
            .map((file) => fs.readFileSync(file, "utf8"));
    }

    /** Every stored object of every tenant, by id (ids are unique across tenants). */
    all(): Record<string, StoredObject> {
        return Object.assign({}, ...this.tenantIds().map((t) => this.tenant(t).all())) as Record<
            string,
            StoredObject
        >;
    }
}
