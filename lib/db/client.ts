import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./schema-engine";

export type Db = PrismaClient;
/** A client or an open transaction: data functions take either. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  /** dir undefined means in memory (tests). */
  | { kind: "pglite"; dir?: string };

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseTarget["kind"];
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
  if (target.kind === "postgres") {
    factory = new PrismaPg({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5_000 });
  } else {
    if (target.dir) mkdirSync(target.dir, { recursive: true });
    pglite = target.dir ? new PGlite(target.dir) : new PGlite();
    await pglite.waitReady;
    factory = new PrismaPGlite(pglite);
  }
  const applied = await applyMigrations(factory);
  const prisma = new PrismaClient({ adapter: factory });
  return {
    prisma,
    kind: target.kind,
    applied,
    async close() {
      await prisma.$disconnect();
      await pglite?.close();
    },
  };
}
