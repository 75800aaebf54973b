import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "@/lib/db/client";
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
 * A fresh, migrated database: PGlite in memory, or a private schema in the PostgreSQL `test` database
 * (so parallel test files do not see each other's rows).
 */
export async function createTestDatabase(
  kind: DbKind,
  options: { applicationName?: string } = {},
): Promise<TestDatabase> {
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite" });
    return { ...db, dispose: () => db.close() };
  }
  const schema = `it_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const app = options.applicationName
    ? `&application_name=${encodeURIComponent(options.applicationName)}`
    : "";
  const url = `${POSTGRES_URL}?schema=${schema}${app}`;
  const db = await openDatabase({ kind: "postgres", url });
  return {
    ...db,
    url,
    async dispose() {
      await db.close();
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    },
  };
}
