import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "@/lib/db/client";
import { pgliteTemplate } from "./pglite-template";
import { POSTGRES_URL, requirePostgres } from "./postgres";

export { POSTGRES_URL };

let reachable: Promise<boolean> | undefined;

/**
 * Whether the machine's PostgreSQL answers. When it does not, its tests are skipped with a warning, or,
 * in CI (CI=true), the test file fails: see test/support/postgres.ts.
 */
export function postgresAvailable(): Promise<boolean> {
  reachable ??= requirePostgres(POSTGRES_URL, "PostgreSQL tests");
  return reachable;
}

export type DbKind = "pglite" | "postgres";

/** The database kinds to run against here: PGlite always, PostgreSQL when it answers (always, in CI). */
export async function dbKinds(): Promise<DbKind[]> {
  return (await postgresAvailable()) ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDatabase extends Database {
  /** A connection string for a second client of the same database (PostgreSQL only). */
  url?: string;
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database: PGlite in memory (from the migrated template, ./pglite-template.ts), or a database of its own on the PostgreSQL server (named
 * `it_<random>`, with the studio's tables in a schema `studio`, so the `?schema=` path is exercised too).
 * A database rather than a schema of the shared `test` database: Prisma's migration engine takes an
 * advisory lock per database, and parallel test files migrating schemas of one database queued on it
 * until some waited past its 10 s limit on a busy machine.
 */
export async function createTestDatabase(
  kind: DbKind,
  options: { applicationName?: string } = {},
): Promise<TestDatabase> {
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite", template: await pgliteTemplate() });
    return { ...db, dispose: () => db.close() };
  }
  const name = `it_${randomBytes(6).toString("hex")}`;
  await adminQuery(POSTGRES_URL, `CREATE DATABASE "${name}"`);
  const base = new URL(POSTGRES_URL);
  base.pathname = `/${name}`;
  await adminQuery(base.toString(), `CREATE SCHEMA "studio"`);
  base.searchParams.set("schema", "studio");
  if (options.applicationName) base.searchParams.set("application_name", options.applicationName);
  const url = base.toString();
  const db = await openDatabase({ kind: "postgres", url });
  return {
    ...db,
    url,
    async dispose() {
      await db.close();
      await adminQuery(POSTGRES_URL, `DROP DATABASE "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
