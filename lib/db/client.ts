import "server-only";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./schema-engine";

export type Db = PrismaClient;

/** Shared buffer pool of the embedded database (PostgreSQL's default, which PGlite keeps, is 128MB). */
export const PGLITE_SHARED_BUFFERS = "16MB";
/** A client or an open transaction: data functions take either. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /**
   * dir undefined means in memory (tests); `template`, a data folder dumped by PGlite's dumpDataDir, is
   * where an in-memory database starts instead of an empty one (the tests' migrated template).
   */
  | { kind: "pglite"; dir?: string; template?: Blob };

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseTarget["kind"];
  /** The connection URL, for PostgreSQL (the worker's wake bus opens its own connection). */
  url?: string;
  /** Names of migrations applied while opening. */
  applied: string[];
  close(): Promise<void>;
}

/**
 * Opens the database and brings its schema up to date. PGlite holds its folder for one process at a
 * time, so the process that opens it owns it until close().
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  let factory: SqlMigrationAwareDriverAdapterFactory;
  let pglite: PGlite | undefined;
  let created = false;
  if (target.kind === "postgres") {
    const { connectionString, schema } = splitSchema(target.url);
    factory = new PrismaPg(
      { connectionString, max: 10, connectionTimeoutMillis: 5_000 },
      schema ? { schema } : {},
    );
  } else {
    if (target.dir) mkdirSync(target.dir, { recursive: true });
    created = !target.dir || !existsSync(path.join(target.dir, "PG_VERSION"));
    // PGlite's 128 MB of shared buffers are resident memory in this process; its files sit in the
    // operating system's page cache anyway, so a smaller pool costs little and saves ~120 MB of RSS.
    const options = {
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      ...(target.template && !target.dir ? { loadDataDir: target.template } : {}),
    };
    pglite = target.dir ? new PGlite(target.dir, options) : new PGlite(options);
    await pglite.waitReady;
    factory = new PrismaPGlite(pglite);
  }
  const applied = await applyMigrations(factory);
  // Creating the embedded database (initdb, then every migration) leaves about 500 MB of buffers that
  // V8 frees only at its next full collection, which an idle server may not reach for a long time. The
  // server is started with --expose-gc (scripts/server-launch.ts) so this one collection can run.
  if (created) (globalThis as { gc?: () => void }).gc?.();
  const prisma = new PrismaClient({ adapter: factory });
  return {
    prisma,
    kind: target.kind,
    ...(target.kind === "postgres" ? { url: target.url } : {}),
    applied,
    async close() {
      await prisma.$disconnect();
      await pglite?.close();
    },
  };
}

/**
 * Prisma's `?schema=name` convention. The query adapter takes the schema as an option, and the migration
 * engine creates its tables through the search path, so both are set.
 */
export function splitSchema(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  if (!schema) return { connectionString: url };
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw new Error("DATABASE_URL: schema must be a plain identifier");
  parsed.searchParams.delete("schema");
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return { connectionString: parsed.toString(), schema };
}
