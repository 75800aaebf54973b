import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackupTarget, createBackup } from "@/lib/backup/backup";
import { restoreBackup } from "@/lib/backup/restore";
import { parseConfig } from "@/lib/config/env";
import { type Database, openDatabase } from "@/lib/db/client";
import { LocalMediaStore } from "@/lib/media/local-store";
import { type Clip, expectRestored, keysOf, makeClips, rewriteArchive } from "../support/backup";
import { removeDir, startTestRuntime, type TestRuntime, uploadImages } from "../support/runtime";

// PGlite -> PGlite, local folder -> local folder: a studio with a reference and two clips is backed up
// (refused while its database is open), restored into another data folder and played there; refusals
// leave their target as it was.

const targetOf = (dataDir: string): BackupTarget => {
  const config = parseConfig({ DATA_DIR: dataDir });
  return { database: { kind: "pglite", dir: config.pgliteDir }, storage: config.storage };
};

describe("backup and restore on PGlite", () => {
  let root: string;
  let source: string;
  let db: Database;
  let rt: TestRuntime;
  let refs: string[];
  let clips: Clip[];
  let archive: string;
  const dirs: string[] = [];
  const fresh = async () => {
    const dir = path.join(root, `target-${dirs.length}`);
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "omni-backup-it-"));
    source = path.join(root, "source");
    db = await openDatabase({ kind: "pglite", dir: path.join(source, "pglite") });
    rt = await startTestRuntime(
      { ...db, dispose: () => db.close() },
      { VIDEO_PROVIDER: "preview" },
      { dataDir: source },
    );
    refs = await uploadImages(rt, 1, 300);
    clips = await makeClips(rt, refs, 2);
  }, 120_000);
  afterAll(async () => {
    await rt?.dispose();
    await db?.close().catch(() => undefined);
    await removeDir(root);
  });

  it("refuses to back up while the studio holds its embedded database, naming what to do", async () => {
    const out = path.join(root, "refused.tar.gz");
    await expect(createBackup(targetOf(source), { out })).rejects.toThrow(/stop the studio first/);
    expect(existsSync(out) || existsSync(`${out}.partial`)).toBe(false);
  });

  it("backs up a stopped studio and restores it into another data folder, where every clip plays", async () => {
    await rt.dispose();
    await db.close();
    archive = path.join(root, "studio.tar.gz");
    const backup = await createBackup(targetOf(source), { out: archive });
    const sourceKeys = await keysOf(new LocalMediaStore(path.join(source, "media")));
    expect(backup.manifest.database).toMatchObject({ kind: "pglite", rows: { generations: 2 } });
    expect(backup.manifest.database.migrations.length).toBeGreaterThan(0);
    expect(backup.manifest.media.files).toBe(sourceKeys.length);
    console.log(
      `PGlite backup: ${backup.manifest.media.files} files, ${backup.bytes} bytes, ${backup.ms} ms`,
    );

    const target = await fresh();
    const restored = await restoreBackup(archive, targetOf(target));
    expect(restored.files).toBe(sourceKeys.length);
    expect(restored.migrated).toEqual([]);
    expect(await keysOf(new LocalMediaStore(path.join(target, "media")))).toEqual(sourceKeys);
    await expectRestored(
      () => openDatabase({ kind: "pglite", dir: path.join(target, "pglite") }),
      target,
      {},
      clips,
      refs,
    );
  }, 120_000);

  it("refuses to restore into a studio that is not empty, and changes nothing there", async () => {
    const target = dirs[0] ?? "";
    const store = new LocalMediaStore(path.join(target, "media"));
    const before = await keysOf(store);
    await expect(restoreBackup(archive, targetOf(target))).rejects.toThrow(
      /empty studio only.*1 user\(s\) and 2 clip/,
    );
    expect(await keysOf(store)).toEqual(before);
    await expectRestored(
      () => openDatabase({ kind: "pglite", dir: path.join(target, "pglite") }),
      target,
      {},
      clips,
      refs,
    );
  }, 60_000);

  it("aborts on a media file whose bytes do not match its key, naming it, and leaves the target empty", async () => {
    const corrupt = path.join(root, "corrupt.tar.gz");
    let victim = "";
    await rewriteArchive(archive, corrupt, (name, bytes) => {
      if (victim || !name.endsWith(".mp4")) return null;
      victim = name;
      const copy = Buffer.from(bytes);
      copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
      return copy;
    });
    const target = await fresh();
    await expect(restoreBackup(corrupt, targetOf(target))).rejects.toThrow(`${victim} is corrupt`);
    expect(await keysOf(new LocalMediaStore(path.join(target, "media")))).toEqual([]);
    expect(existsSync(path.join(target, "pglite", "PG_VERSION"))).toBe(false);
  }, 60_000);

  it("names bad input (no file, not an archive, another format version) and creates nothing", async () => {
    const target = await fresh();
    await expect(restoreBackup(path.join(root, "missing.tar.gz"), targetOf(target))).rejects.toThrow(
      /no such file/,
    );
    const text = path.join(root, "notes.txt");
    await writeFile(text, "not an archive\n".repeat(100));
    await expect(restoreBackup(text, targetOf(target))).rejects.toThrow(/not a readable backup archive/);
    const future = path.join(root, "future.tar.gz");
    await rewriteArchive(archive, future, (name, bytes) =>
      name === "manifest.json"
        ? Buffer.from(JSON.stringify({ ...JSON.parse(bytes.toString()), formatVersion: 99 }))
        : null,
    );
    await expect(restoreBackup(future, targetOf(target))).rejects.toThrow(
      /backup format 99; this studio reads format 1/,
    );
    expect(existsSync(target)).toBe(false);
    await rm(future);
  }, 60_000);
});
