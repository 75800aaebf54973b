import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, splitSchema } from "@/lib/db/client";

// The database half of a backup. PostgreSQL: a plain SQL dump from the machine's pg_dump, loaded back with
// psql in one transaction. PGlite: its data folder as a tar (PGlite's dumpDataDir), loaded by a new PGlite
// into a folder beside the target and renamed into place. PGlite's own logical dump (pg_dump compiled to
// WASM, @electric-sql/pglite-tools) pins @electric-sql/pglite to exactly 0.5.8, older than the studio's,
// so a PGlite archive restores only into PGlite.

export type DatabaseSpec = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

export class BackupRefused extends Error {}

export function databaseSpec(config: { databaseUrl?: string; pgliteDir: string }): DatabaseSpec {
  return config.databaseUrl
    ? { kind: "postgres", url: config.databaseUrl }
    : { kind: "pglite", dir: config.pgliteDir };
}

/** The schema a PostgreSQL URL's `?schema=` names, else public. */
export function schemaOf(url: string): string {
  return splitSchema(url).schema ?? "public";
}

/** The URL for libpq tools: Prisma's `?schema=` removed (the tools take the schema as an option). */
function libpqUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete("schema");
  return parsed.toString();
}

/**
 * PGlite runs inside the studio's process and holds its folder alone: while it is open, postmaster.pid
 * is there (a clean close removes it). Backups and restores of the embedded database need the studio
 * stopped.
 */
export function assertPgliteStopped(dir: string) {
  if (existsSync(path.join(dir, "postmaster.pid")))
    throw new BackupRefused(
      `The embedded database in ${dir} is in use (postmaster.pid is there): stop the studio first, then run this again. ` +
        "If no studio is running (it was killed), start it once and stop it with Ctrl+C to close the database cleanly.",
    );
}

export interface DatabaseSummary {
  /** Applied migrations, oldest first; empty for a database the studio never opened. */
  migrations: string[];
  users: number;
  generations: number;
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

async function withQuery<T>(spec: DatabaseSpec, fn: (query: Query) => Promise<T>): Promise<T> {
  if (spec.kind === "postgres") {
    const client = new pg.Client({ connectionString: splitSchema(spec.url).connectionString });
    await client.connect();
    try {
      return await fn(async (sql) => (await client.query(sql)).rows);
    } finally {
      await client.end();
    }
  }
  assertPgliteStopped(spec.dir);
  const db = new PGlite(spec.dir);
  try {
    await db.waitReady;
    return await fn(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await db.close();
  }
}

/** What the database holds, read without changing it (no migration is applied). */
export async function describeDatabase(spec: DatabaseSpec): Promise<DatabaseSummary> {
  if (spec.kind === "pglite" && !existsSync(path.join(spec.dir, "PG_VERSION")))
    return { migrations: [], users: 0, generations: 0 };
  return withQuery(spec, async (query) => {
    const [exists] = await query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS ok`);
    if (!exists?.ok) return { migrations: [], users: 0, generations: 0 };
    const migrations = (
      await query(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at, migration_name`,
      )
    ).map((r) => String(r.migration_name));
    const count = async (table: string) => {
      const [has] = await query(`SELECT to_regclass('"${table}"') IS NOT NULL AS ok`);
      if (!has?.ok) return 0;
      const [row] = await query(`SELECT count(*)::int AS n FROM "${table}"`);
      return Number(row?.n ?? 0);
    };
    return { migrations, users: await count("User"), generations: await count("Generation") };
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on("error", (err: NodeJS.ErrnoException) =>
      reject(
        err.code === "ENOENT"
          ? new Error(`${command} was not found: install the PostgreSQL client tools (pg_dump, psql)`)
          : err,
      ),
    );
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/** Where the dump goes in the archive, by database kind. */
export const DUMP_ENTRY = { postgres: "database/dump.sql", pglite: "database/pglite-datadir.tar" } as const;

/** Writes the database's dump to `file`. */
export async function dumpDatabase(spec: DatabaseSpec, file: string): Promise<void> {
  if (spec.kind === "postgres") {
    await run(process.env.PG_DUMP ?? "pg_dump", [
      ...["--format=plain", "--no-owner", "--no-privileges", `--schema=${schemaOf(spec.url)}`],
      ...[`--file=${file}`, `--dbname=${libpqUrl(spec.url)}`],
    ]);
    return;
  }
  assertPgliteStopped(spec.dir);
  const db = new PGlite(spec.dir);
  try {
    await db.waitReady;
    const tarball = await db.dumpDataDir("none");
    await writeFile(file, Buffer.from(await tarball.arrayBuffer()), { flag: "wx" });
  } finally {
    await db.close();
  }
}

/** Whether the SQL dump creates `schema` itself (pg_dump leaves out `public`, which always exists). */
async function dumpCreatesSchema(file: string, schema: string): Promise<boolean> {
  const wanted = new Set([`CREATE SCHEMA ${schema};`, `CREATE SCHEMA "${schema}";`]);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (wanted.has(line.trim())) {
      lines.close();
      return true;
    }
  }
  return false;
}

/**
 * Loads the dump at `file` into the (checked empty) target, as a whole or not at all, then applies the
 * migrations this code has that the archive lacks. Returns their names.
 */
export async function loadDatabase(spec: DatabaseSpec, file: string): Promise<string[]> {
  if (spec.kind === "postgres") {
    const schema = schemaOf(spec.url);
    const quoted = `"${schema.replace(/"/g, '""')}"`;
    // One transaction (psql --single-transaction): the empty schema is replaced by the dump's, or stays.
    const prelude = (await dumpCreatesSchema(file, schema))
      ? `DROP SCHEMA IF EXISTS ${quoted} CASCADE;`
      : `DROP SCHEMA IF EXISTS ${quoted} CASCADE; CREATE SCHEMA ${quoted};`;
    await run(process.env.PSQL ?? "psql", [
      ...["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"],
      ...["-c", prelude, "-f", file, `--dbname=${libpqUrl(spec.url)}`],
    ]);
    return migrate(spec);
  }
  // Loaded beside the target, migrated there, then renamed into place: a failure leaves the target as it was.
  assertPgliteStopped(spec.dir);
  const staging = `${spec.dir}.restoring-${randomUUID()}`;
  try {
    const loaded = new PGlite(staging, { loadDataDir: new Blob([await readFile(file)]) });
    await loaded.waitReady;
    await loaded.close();
    const applied = await migrate({ kind: "pglite", dir: staging });
    await rm(spec.dir, { recursive: true, force: true });
    await rename(staging, spec.dir);
    return applied;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function migrate(spec: DatabaseSpec): Promise<string[]> {
  const db = await openDatabase(spec);
  await db.close();
  return db.applied;
}
