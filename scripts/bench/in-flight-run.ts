// The 200-jobs-in-flight run that the poller (07) and memory (10) benchmarks both read, made once per
// `npm run bench` and cached here: the scenario itself is test/support/load.ts's runInFlight, the same
// code the load test (e2e/load/in-flight.spec.ts) asserts on.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { startFakeFal } from "@/test/fakes/fal-server";
import { startFalStudio } from "@/test/support/fal-studio";
import { type InFlightResult, runInFlight } from "@/test/support/load-in-flight";
import { signInOwner } from "./accounts";
import type { BenchContext } from "./types";

export const JOBS = 200;
/**
 * Long enough for a quiet CPU window after the first minute. With 200 jobs the shared cap
 * (MAX_STATUS_CALLS_PER_SECOND) sets every job's pace, so the per-age schedule is not what is measured.
 */
export const HOLD_UNTIL_AGE_MS = 80_000;

export interface PollerRun extends InFlightResult {
  /** RSS right after the very first start on an empty data folder (the embedded database was created). */
  rssAfterFirstStart: number;
}

let cached: Promise<PollerRun> | undefined;

export function pollerRun(ctx: BenchContext): Promise<PollerRun> {
  cached ??= run(ctx);
  return cached;
}

async function run(ctx: BenchContext, databaseUrl?: string): Promise<PollerRun> {
  await ctx.ensureBuild();
  const fake = await startFakeFal({ holdAll: true, queueMs: 300, runMs: 600 });
  const dataDir = path.join(ctx.tmp, databaseUrl ? "in-flight-postgres" : "in-flight");
  const env = databaseUrl ? { DATABASE_URL: databaseUrl } : undefined;
  try {
    // First start creates the database; the figures come from the second start on the same folder,
    // which is what every start but the first looks like.
    let studio = await startFalStudio({ port: ctx.port(0), dataDir, fake, cwd: ctx.root, env });
    const rssAfterFirstStart = studio.rssBytes();
    await studio.stop();
    studio = await startFalStudio({ port: ctx.port(0), dataDir, fake, cwd: ctx.root, env });
    try {
      // The owner, made by the first sign-up: every request of the run carries the session cookie.
      const { headers: auth } = await signInOwner(studio.url);
      const result = await runInFlight({
        studio,
        fake,
        auth,
        jobs: JOBS,
        // On PostgreSQL only memory is read: a shorter hold, no CPU windows.
        holdUntilAgeMs: databaseUrl ? 30_000 : HOLD_UNTIL_AGE_MS,
        probeEveryMs: 1_000,
        // Probes only while the youngest job is in its first 30 s: later CPU windows are polling alone.
        probeUntilAgeMs: 30_000,
        idleWindowMs: databaseUrl ? 0 : 15_000,
        log: ctx.log,
      });
      return { ...result, rssAfterFirstStart };
    } finally {
      await studio.stop();
    }
  } finally {
    await fake.close();
  }
}

/**
 * The same 200 jobs with the studio on PostgreSQL (a private schema, dropped afterwards), for what the
 * server itself holds when the database is another process. null when PostgreSQL does not answer.
 */
export async function pollerRunOnPostgres(ctx: BenchContext): Promise<PollerRun | null> {
  if (!ctx.postgresUrl) return null;
  const schema = `bench_mem_${randomBytes(4).toString("hex")}`;
  const url = new URL(ctx.postgresUrl);
  url.searchParams.set("schema", schema);
  try {
    return await run(ctx, url.toString());
  } finally {
    const admin = new pg.Client({ connectionString: ctx.postgresUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await admin.end();
  }
}
