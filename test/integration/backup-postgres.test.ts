import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "@/lib/backup/backup";
import { restoreBackup } from "@/lib/backup/restore";
import { parseConfig } from "@/lib/config/env";
import { openDatabase } from "@/lib/db/client";
import { type Clip, expectRestored, keysOf, makeClips } from "../support/backup";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/db";
import { useStudio } from "../support/fixture";
import { removeDir, type TestRuntime } from "../support/runtime";
import { startS3, type TestS3 } from "../support/s3";

// PostgreSQL -> a new PostgreSQL database, and the local media folder -> S3 (s3rver): backed up while the
// studio runs (pg_dump takes a consistent snapshot), restored, and played on the restored studio.

describe.runIf(await postgresAvailable())("backup and restore on PostgreSQL, into S3 storage", () => {
  let rt: TestRuntime;
  let db: TestDatabase;
  let refs: string[];
  let clips: Clip[];
  let s3: TestS3;
  let root: string;
  let target: TestDatabase | undefined;
  useStudio("postgres", { references: { count: 1, seed: 320 }, ready: (s) => ({ rt, refs, db } = s) });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "omni-backup-pg-"));
    s3 = await startS3();
    clips = await makeClips(rt, refs, 2);
  }, 120_000);
  afterAll(async () => {
    await target?.dispose();
    await s3?.stop();
    await removeDir(root);
  });

  it("restores a running studio's backup into a new database and a bucket, where every clip plays", async () => {
    const archive = path.join(root, "studio.tar.gz");
    const url = db.url ?? "";
    const backup = await createBackup(
      { database: { kind: "postgres", url }, storage: { driver: "local", mediaDir: "" } },
      { out: archive, store: rt.store },
    );
    expect(backup.manifest.database).toMatchObject({
      kind: "postgres",
      schema: "studio",
      rows: { generations: 2 },
    });
    console.log(
      `PostgreSQL backup: ${backup.manifest.media.files} files, ${backup.bytes} bytes, ${backup.ms} ms`,
    );

    // A new, migrated and empty database, as a studio leaves it on its first start.
    target = await createTestDatabase("postgres");
    await target.close();
    const dataDir = path.join(root, "restored");
    const env = { DATA_DIR: dataDir, DATABASE_URL: target.url ?? "", ...s3.env("restored") };
    const config = parseConfig(env);
    expect(config.storage.driver).toBe("s3");
    const restoreTarget = {
      database: { kind: "postgres" as const, url: target.url ?? "" },
      storage: config.storage,
    };
    const restored = await restoreBackup(archive, restoreTarget);
    expect(restored.files).toBe(backup.manifest.media.files);
    expect(await keysOf(s3.store(path.join(root, "s3"), { prefix: "restored/" }))).toEqual(
      await keysOf(rt.store),
    );
    await expectRestored(
      () => openDatabase({ kind: "postgres", url: target?.url ?? "" }),
      dataDir,
      s3.env("restored"),
      clips,
      refs,
    );

    // Again into the same studio: refused, nothing changed.
    await expect(restoreBackup(archive, restoreTarget)).rejects.toThrow(/empty studio only/);
    await expectRestored(
      () => openDatabase({ kind: "postgres", url: target?.url ?? "" }),
      dataDir,
      s3.env("restored"),
      clips,
      refs,
    );
  }, 180_000);
});
