import { createReadStream } from "node:fs";
import { mkdtemp, rename, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { StorageConfig } from "@/lib/config/storage-env";
import { createMediaStore } from "@/lib/media/create-store";
import type { MediaStore } from "@/lib/media/storage";
import { ArchiveWriter } from "./archive";
import {
  BackupRefused,
  type DatabaseSpec,
  DUMP_ENTRY,
  databaseSpec,
  describeDatabase,
  dumpDatabase,
  schemaOf,
} from "./database";
import {
  BACKUP_FORMAT_VERSION,
  MANIFEST_ENTRY,
  type Manifest,
  MEDIA_PREFIX,
  studioVersion,
} from "./manifest";

export interface BackupTarget {
  database: DatabaseSpec;
  storage: StorageConfig;
}

export interface BackupResult {
  file: string;
  manifest: Manifest;
  bytes: number;
  ms: number;
}

export function defaultBackupName(now = new Date()): string {
  return `omni-studio-backup-${now.toISOString().replace(/[-:]/g, "").replace(/\..*/, "")}.tar.gz`;
}

/**
 * Writes one .tar.gz: manifest.json, the database's dump, then every stored media file as media/<key>.
 * The archive is written under `<out>.partial` and renamed once complete, so a file with the final name
 * is always a whole backup. PGlite must not be open elsewhere (the studio stopped); PostgreSQL's dump is
 * a consistent snapshot taken while the studio runs.
 */
export async function createBackup(
  target: BackupTarget,
  options: { out?: string; store?: MediaStore } = {},
): Promise<BackupResult> {
  const started = Date.now();
  const out = path.resolve(options.out ?? defaultBackupName());
  if (await stat(out).catch(() => null)) throw new BackupRefused(`${out} already exists: name another file.`);
  const { database } = target;
  if (database.kind === "pglite" && !(await stat(path.join(database.dir, "PG_VERSION")).catch(() => null)))
    throw new BackupRefused(`There is no embedded database in ${database.dir}: check DATA_DIR.`);

  const summary = await describeDatabase(database);
  const scratch = await mkdtemp(path.join(os.tmpdir(), "omni-backup-"));
  const partial = `${out}.partial`;
  let writer: ArchiveWriter | undefined;
  try {
    const dumpFile = path.join(scratch, "dump");
    await dumpDatabase(database, dumpFile);
    // Listed after the dump: a clip in the dump has its files stored already (they are written first).
    const store = options.store ?? (await createMediaStore(target.storage));
    const files: Array<{ key: string; size: number }> = [];
    for await (const key of store.list()) {
      const s = await store.stat(key);
      if (s) files.push({ key, size: s.size });
    }
    const manifest: Manifest = {
      format: "omni-studio-backup",
      formatVersion: BACKUP_FORMAT_VERSION,
      studioVersion: studioVersion(),
      createdAt: new Date().toISOString(),
      database: {
        kind: database.kind,
        dump: DUMP_ENTRY[database.kind],
        schema: database.kind === "postgres" ? schemaOf(database.url) : null,
        migrations: summary.migrations,
        rows: { users: summary.users, generations: summary.generations },
      },
      storage: { driver: store.driver },
      media: { files: files.length, bytes: files.reduce((sum, f) => sum + f.size, 0) },
    };
    writer = new ArchiveWriter(partial);
    const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await writer.add(MANIFEST_ENTRY, json.length, json);
    const dumpSize = (await stat(dumpFile)).size;
    await writer.add(manifest.database.dump, dumpSize, createReadStream(dumpFile));
    for (const file of files)
      await writer.add(`${MEDIA_PREFIX}${file.key}`, file.size, await store.read(file.key));
    await writer.close();
    await rename(partial, out);
    return { file: out, manifest, bytes: (await stat(out)).size, ms: Date.now() - started };
  } catch (err) {
    writer?.abort();
    await rm(partial, { force: true });
    throw err;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The studio the environment configures: its database and its media storage. */
export function backupTargetOf(config: {
  databaseUrl?: string;
  pgliteDir: string;
  storage: StorageConfig;
}): BackupTarget {
  return { database: databaseSpec(config), storage: config.storage };
}

export function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
