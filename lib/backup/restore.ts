import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createMediaStore } from "@/lib/media/create-store";
import { isMediaKey, type MediaExtension } from "@/lib/media/keys";
import type { MediaStore } from "@/lib/media/storage";
import { readArchive } from "./archive";
import type { BackupTarget } from "./backup";
import { BackupRefused, describeDatabase, loadDatabase, schemaOf } from "./database";
import { MANIFEST_ENTRY, type Manifest, MEDIA_PREFIX, parseManifest } from "./manifest";

export interface RestoreResult {
  manifest: Manifest;
  files: number;
  bytes: number;
  /** Migrations newer than the archive, applied after loading it. */
  migrated: string[];
  ms: number;
}

/** Why the target is not empty, or null when it is (no users, no clips, no stored media). */
export async function nonEmptyReason(target: BackupTarget, store: MediaStore): Promise<string | null> {
  const db = await describeDatabase(target.database);
  if (db.users || db.generations)
    return `its database holds ${db.users} user(s) and ${db.generations} clip(s)`;
  for await (const key of store.list()) return `its media storage holds files (${key}, ...)`;
  return null;
}

function checkCompatible(manifest: Manifest, target: BackupTarget) {
  const { database } = target;
  if (manifest.database.kind !== database.kind)
    throw new BackupRefused(
      manifest.database.kind === "pglite"
        ? "The archive holds an embedded (PGlite) database, which restores into a studio on the embedded database only: unset DATABASE_URL."
        : "The archive holds a PostgreSQL dump, which restores into PostgreSQL only: set DATABASE_URL.",
    );
  if (database.kind === "postgres" && manifest.database.schema !== schemaOf(database.url))
    throw new BackupRefused(
      `The archive's tables are in the schema "${manifest.database.schema}"; this studio's DATABASE_URL uses "${schemaOf(database.url)}". ${manifest.database.schema === "public" ? "Remove ?schema= from DATABASE_URL" : `Set ?schema=${manifest.database.schema} on DATABASE_URL`}.`,
    );
}

/**
 * Brings an archive back into an empty studio. Order: the manifest is checked and the target found empty
 * before anything is written; the media are stored next, each checked against its key; the database is
 * loaded last, in one step (one psql transaction, or PGlite's folder renamed into place). A failure
 * before that leaves the database empty and removes the media stored so far, so nothing half-restored
 * looks like a studio.
 */
export async function restoreBackup(
  archive: string,
  target: BackupTarget,
  options: { store?: MediaStore; log?: (line: string) => void } = {},
): Promise<RestoreResult> {
  const started = Date.now();
  const file = path.resolve(archive);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new BackupRefused(`${file}: no such file.`);
  const store = options.store ?? (await createMediaStore(target.storage));
  const scratch = await mkdtemp(path.join(os.tmpdir(), "omni-restore-"));
  const stored = new Set<string>();
  let manifest: Manifest | undefined;
  let dumpFile: string | undefined;
  let bytes = 0;
  try {
    await readArchive(file, async (entry) => {
      if (!manifest) {
        if (entry.path !== MANIFEST_ENTRY)
          throw new BackupRefused(
            `${file} is not an Omni Studio backup (it does not start with ${MANIFEST_ENTRY}).`,
          );
        const chunks: Buffer[] = [];
        for await (const c of entry.stream) chunks.push(Buffer.from(c));
        manifest = parseManifest(Buffer.concat(chunks).toString("utf8"));
        checkCompatible(manifest, target);
        const reason = await nonEmptyReason(target, store);
        if (reason)
          throw new BackupRefused(`Restore goes into an empty studio only, and this one is not: ${reason}.`);
        await store.init();
        return;
      }
      if (entry.path === manifest.database.dump) {
        dumpFile = path.join(scratch, "dump");
        await pipeline(entry.stream, createWriteStream(dumpFile, { flags: "wx" }));
        return;
      }
      if (!entry.path.startsWith(MEDIA_PREFIX))
        throw new BackupRefused(`Unexpected entry in the archive: ${entry.path}`);
      const key = entry.path.slice(MEDIA_PREFIX.length);
      if (!isMediaKey(key)) throw new BackupRefused(`Not a media key in the archive: ${entry.path}`);
      const ext = key.slice(key.lastIndexOf(".") + 1) as MediaExtension;
      const put = await store.putStream(entry.stream, ext);
      stored.add(put.key);
      if (put.key !== key)
        throw new BackupRefused(
          `${entry.path} is corrupt: its bytes hash to ${put.key}, not to its name. Restore aborted.`,
        );
      bytes += put.bytes;
      options.log?.(`media ${stored.size}/${manifest.media.files}`);
    });
    if (!manifest) throw new BackupRefused(`${file} is not an Omni Studio backup (no manifest).`);
    if (!dumpFile)
      throw new BackupRefused(`The archive lacks its database dump (${manifest.database.dump}).`);
    if (stored.size !== manifest.media.files)
      throw new BackupRefused(
        `The archive holds ${stored.size} media files; its manifest says ${manifest.media.files}. Restore aborted.`,
      );
    options.log?.("loading the database");
    const migrated = await loadDatabase(target.database, dumpFile);
    return { manifest, files: stored.size, bytes, migrated, ms: Date.now() - started };
  } catch (err) {
    // The target was empty: every file stored here was this restore's.
    for (const key of stored) await store.delete(key).catch(() => undefined);
    throw err;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
