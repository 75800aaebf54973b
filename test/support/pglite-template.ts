// A migrated, empty PGlite data folder that the tests' in-memory databases start from (createTestDatabase)
// instead of each running initdb and every migration again: 3.1 s a database became 0.6 s (5.2 s and
// 1.5 s for a test process's first, which also compiles PGlite). Made once per set of migrations and
// PGlite version by whichever test process needs it first, kept as a tar in the system's temp folder
// under a name that hashes both, written beside and renamed into place so a parallel process never reads
// half of one. openDatabase still checks the migrations on it (none to apply), as on any start.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "@/lib/db/client";

const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");

async function migrationsHash(): Promise<string> {
  const hash = createHash("sha256");
  const { version } = JSON.parse(
    await readFile(path.join(process.cwd(), "node_modules/@electric-sql/pglite/package.json"), "utf8"),
  ) as { version: string };
  hash.update(`pglite ${version}\n`);
  for (const entry of (await readdir(MIGRATIONS, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const file = entry.isDirectory()
      ? path.join(MIGRATIONS, entry.name, "migration.sql")
      : path.join(MIGRATIONS, entry.name);
    hash.update(`${entry.name}\n`);
    hash.update(await readFile(file).catch(() => ""));
  }
  return hash.digest("hex").slice(0, 16);
}

async function make(file: string): Promise<Blob> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "omni-pglite-template-"));
  try {
    const db = await openDatabase({ kind: "pglite", dir });
    await db.close();
    const pglite = new PGlite(dir);
    await pglite.waitReady;
    const tar = await pglite.dumpDataDir("none");
    await pglite.close();
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await tar.arrayBuffer()));
    await rename(partial, file);
    // Templates of earlier migrations are of no more use.
    for (const name of await readdir(os.tmpdir())) {
      const old = path.join(os.tmpdir(), name);
      if (/^omni-pglite-template-[0-9a-f]{16}\.tar$/.test(name) && old !== file)
        await rm(old, { force: true });
    }
    return tar;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let template: Promise<Blob> | undefined;

/** The migrated template (made on first use). */
export function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = path.join(os.tmpdir(), `omni-pglite-template-${await migrationsHash()}.tar`);
    const stored = await readFile(file).catch(() => null);
    return stored ? new Blob([stored]) : make(file);
  })();
  return template;
}
