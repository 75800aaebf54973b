import "server-only";
import type { Db } from "@/lib/db/client";

// The export queue: SequenceExport rows claimed with a lease (FOR UPDATE SKIP LOCKED), like the
// generation and scoring workers' rows, so a restart or a second instance picks up where one stopped. A
// running export renews its lease as it writes; a lease left to lapse (a killed process) is taken over.

/** Tries before an export is given up. */
export const MAX_EXPORT_ATTEMPTS = 3;

/** Claims the oldest due export (a lapsed lease counts as due), with its tries so far; null when none is. */
export async function claimExport(
  prisma: Db,
  owner: string,
  leaseMs: number,
): Promise<{ id: string; attempts: number } | null> {
  const now = new Date();
  const rows = await prisma.$queryRaw<{ id: string; attempts: number }[]>`
    WITH due AS (
      SELECT "id" FROM "SequenceExport"
      WHERE ("status" = 'queued' OR ("status" = 'running' AND "leaseUntil" < ${now}))
        AND "runAfter" <= ${now}
      ORDER BY "createdAt" ASC
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "SequenceExport" e
    SET "status" = 'running', "leaseOwner" = ${owner}, "leaseUntil" = ${new Date(now.getTime() + leaseMs)},
        "attempts" = e."attempts" + 1, "progress" = 0, "updatedAt" = ${now}
    FROM due WHERE e."id" = due."id"
    RETURNING e."id", e."attempts"`;
  const row = rows[0];
  return row ? { id: row.id, attempts: Number(row.attempts) } : null;
}

/** Progress, and the lease renewed; false when this worker no longer holds the export (stop writing). */
export async function renewExport(
  prisma: Db,
  id: string,
  owner: string,
  progress: number,
  leaseMs: number,
): Promise<boolean> {
  const { count } = await prisma.sequenceExport.updateMany({
    where: { id, leaseOwner: owner, status: "running" },
    data: { progress, leaseUntil: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
}

export interface ExportOutput {
  videoKey: string;
  posterKey: string;
  bytes: number;
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  chapters: { title: string; startSec: number; endSec: number }[];
}

/** Stores the finished export, if this worker still holds it. */
export async function finishExport(prisma: Db, id: string, owner: string, out: ExportOutput) {
  const { count } = await prisma.sequenceExport.updateMany({
    where: { id, leaseOwner: owner, status: "running" },
    data: {
      ...out,
      status: "completed",
      progress: 1,
      error: null,
      completedAt: new Date(),
      leaseOwner: null,
      leaseUntil: null,
    },
  });
  return count === 1;
}

/**
 * A try failed: again later (backing off) unless it was the last, or `final` (a shot's clip is gone:
 * trying again cannot help).
 */
export async function failExport(
  prisma: Db,
  id: string,
  owner: string,
  error: string,
  attempts: number,
  final = false,
) {
  const last = final || attempts >= MAX_EXPORT_ATTEMPTS;
  await prisma.sequenceExport.updateMany({
    where: { id, leaseOwner: owner, status: "running" },
    data: {
      status: last ? "failed" : "queued",
      error: error.slice(0, 500),
      progress: 0,
      runAfter: new Date(Date.now() + 5_000 * 2 ** (attempts - 1)),
      leaseOwner: null,
      leaseUntil: null,
    },
  });
}

/** Hands a running export back (this process is stopping): queued again at once, the try not counted. */
export async function releaseExport(prisma: Db, id: string, owner: string) {
  await prisma.$executeRaw`
    UPDATE "SequenceExport"
    SET "status" = 'queued', "progress" = 0, "leaseOwner" = NULL, "leaseUntil" = NULL,
        "attempts" = GREATEST("attempts" - 1, 0), "runAfter" = now(), "updatedAt" = now()
    WHERE "id" = ${id} AND "leaseOwner" = ${owner} AND "status" = 'running'`;
}
