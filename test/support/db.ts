import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "@/lib/db/client";

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

let reachable: Promise<boolean> | undefined;

/** Whether the machine's PostgreSQL answers; tests that need it are skipped (and say so) when not. */
export function postgresAvailable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch {
      console.warn(`PostgreSQL is not reachable at ${POSTGRES_URL}: PostgreSQL tests are skipped.`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export type DbKind = "pglite" | "postgres";

/** The database kinds to run against here: PGlite always, PostgreSQL when it answers. */
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
