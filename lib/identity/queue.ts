import "server-only";
import type { Db } from "@/lib/db/client";
import type { IdentityResult } from "./result";

// The scoring queue: one ClipIdentity row per completed clip, claimed with a lease (FOR UPDATE SKIP
// LOCKED) like the generation worker's rows, so a restart or a second instance picks up where one stopped.

/** Tries before a clip's score is given up ("failed"; the clip itself is untouched). */
export const MAX_ATTEMPTS = 3;

/**
 * Queues every completed, visible clip that has no score row yet: new clips as they finish and, once,
 * all the clips made before scoring existed. Returns the ids it queued.
 */
/** Clips queued per step: a long history's first backfill never holds the database for long. */
export const ENQUEUE_BATCH = 500;

export async function enqueueCompleted(prisma: Db, limit = ENQUEUE_BATCH): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ generationId: string }[]>`
    INSERT INTO "ClipIdentity" ("generationId", "clipDoneAt", "updatedAt")
    SELECT g."id", COALESCE(g."completedAt", g."createdAt"), now()
    FROM "Generation" g
    WHERE g."status" = 'completed' AND g."deletedAt" IS NULL AND g."videoKey" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "ClipIdentity" c WHERE c."generationId" = g."id")
    ORDER BY g."createdAt" DESC
    LIMIT ${limit}
    ON CONFLICT DO NOTHING
    RETURNING "generationId"`;
  return rows.map((r) => r.generationId);
}

/**
 * Finishes, without opening any video, the queued clips none of whose reference images can hold a face:
 * every reference already measured as faceless (most clips of landscapes and textures, and every clip of
 * a history full of them, go in one statement instead of one job each).
 */
export async function settleFaceless(prisma: Db, model: string): Promise<string[]> {
  const result: IdentityResult = {
    kind: "no_reference_face",
    model,
    faces: [],
    samples: 0,
    durationSec: 0,
    ms: 0,
  };
  const rows = await prisma.$queryRaw<{ generationId: string }[]>`
    UPDATE "ClipIdentity" c
    SET "status" = 'done', "result" = ${JSON.stringify(result)}::jsonb, "scoredAt" = now(), "updatedAt" = now()
    WHERE c."status" = 'queued'
      AND NOT EXISTS (
        SELECT 1 FROM "GenerationReference" r
        LEFT JOIN "AssetFace" f ON f."assetId" = r."assetId" AND f."model" = ${model}
        WHERE r."generationId" = c."generationId" AND (f."assetId" IS NULL OR f."descriptor" IS NOT NULL)
      )
    RETURNING c."generationId"`;
  return rows.map((r) => r.generationId);
}

/** Claims the newest due clip (a stale lease counts as due), with its tries so far; null when none is. */
export async function claimNext(
  prisma: Db,
  owner: string,
  leaseMs: number,
): Promise<{ id: string; attempts: number } | null> {
  const now = new Date();
  const rows = await prisma.$queryRaw<{ generationId: string; attempts: number }[]>`
    WITH due AS (
      SELECT "generationId" FROM "ClipIdentity"
      WHERE ("status" = 'queued' OR ("status" = 'scoring' AND "leaseUntil" < ${now}))
        AND "runAfter" <= ${now}
      ORDER BY "clipDoneAt" DESC
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "ClipIdentity" c
    SET "status" = 'scoring', "leaseOwner" = ${owner}, "leaseUntil" = ${new Date(now.getTime() + leaseMs)},
        "attempts" = c."attempts" + 1, "updatedAt" = ${now}
    FROM due WHERE c."generationId" = due."generationId"
    RETURNING c."generationId", c."attempts"`;
  const row = rows[0];
  return row ? { id: row.generationId, attempts: Number(row.attempts) } : null;
}

/** Stores a clip's result, if this worker still holds it. */
export async function finish(
  prisma: Db,
  id: string,
  owner: string,
  result: IdentityResult,
): Promise<boolean> {
  const { count } = await prisma.clipIdentity.updateMany({
    where: { generationId: id, leaseOwner: owner, status: "scoring" },
    data: { status: "done", result, error: null, scoredAt: new Date(), leaseOwner: null, leaseUntil: null },
  });
  return count === 1;
}

/** A try failed: again later (backing off), or given up after MAX_ATTEMPTS. */
export async function fail(prisma: Db, id: string, owner: string, error: string, attempts: number) {
  const last = attempts >= MAX_ATTEMPTS;
  await prisma.clipIdentity.updateMany({
    where: { generationId: id, leaseOwner: owner, status: "scoring" },
    data: {
      status: last ? "failed" : "queued",
      error: error.slice(0, 500),
      runAfter: new Date(Date.now() + 30_000 * 2 ** (attempts - 1)),
      leaseOwner: null,
      leaseUntil: null,
    },
  });
}
