import "server-only";
import { describeActivity } from "@/lib/activity/describe";
import { latestEvent, type NewEvent, recordEvents, toActivityDTO } from "@/lib/activity/service";
import type { Actor } from "@/lib/auth/actor";
import { formatRelative } from "@/lib/client/format";
import type { Db, DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { GenerationDTO } from "@/lib/generations/dto";
import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { publishChange } from "@/lib/live/change-bus";
import { parseInput } from "@/lib/validation/parse";
import { REVIEW_LABELS, type ReviewStatus, reviewUpdateSchema } from "./schema";

// Review status, star and chosen take, each change signed in the activity trail and refused when made
// against a stale view. Comments are in ./comments.ts.

/** The clip, unless it does not exist or is deleted (then 404). */
export async function visible(prisma: Db, id: string) {
  const row = await findVisibleGeneration(prisma, id);
  if (!row) throw new AppError("not_found", "That clip does not exist (it may have been deleted).", 404);
  return row;
}

interface LockedRow {
  id: string;
  reviewStatus: ReviewStatus;
  favorite: boolean;
  chosen: boolean;
  takeGroupId: string | null;
  takeIndex: number;
  deletedAt: Date | null;
}

/**
 * Locks the clip's row (and, when the chosen take changes, its whole take group, in id order so two
 * choosers cannot deadlock) until the transaction ends: what is read here is what the change replaces,
 * and no one else's change lands between the check against what the client saw and the write.
 */
async function lockRows(tx: DbTx, id: string, groupId: string | null): Promise<LockedRow[]> {
  return tx.$queryRaw<LockedRow[]>`
    SELECT "id", "reviewStatus"::text AS "reviewStatus", "favorite", "chosen", "takeGroupId", "takeIndex",
           "deletedAt"
    FROM "Generation"
    WHERE "id" = ${id} OR ("takeGroupId" = ${groupId} AND ${groupId}::text IS NOT NULL)
    ORDER BY "id"
    FOR UPDATE`;
}

/** "Jo", "Sam (guest)", or "You" for the actor's own change made in another window. */
function whoDid(event: { actorUserId: string | null; actorName: string; actorKind: string }, actor: Actor) {
  if (actor.kind === "member" && event.actorUserId === actor.id) return "You";
  return event.actorKind === "guest" ? `${event.actorName} (guest)` : event.actorName;
}

/** The status moved since the client looked: say who moved it, to what and when; change nothing. */
async function staleStatus(tx: DbTx, actor: Actor, row: LockedRow): Promise<AppError> {
  const last = await latestEvent(tx, { generationId: row.id, kind: "status" });
  const to = REVIEW_LABELS[row.reviewStatus];
  const message = last
    ? `${whoDid(last, actor)} changed this to ${to} ${formatRelative(last.createdAt.toISOString())}${
        whoDid(last, actor) === "You" ? ", in another window" : ""
      }. It is ${to} now; change it again if you still want to.`
    : `Someone changed this to ${to} since you opened it. It is ${to} now; change it again if you still want to.`;
  return new AppError("conflict", message, 409, { expectedStatus: `the status is ${row.reviewStatus} now` });
}

/** Another take became the chosen one since the client looked. */
async function staleChoice(tx: DbTx, actor: Actor, row: LockedRow): Promise<AppError> {
  const last = await latestEvent(
    tx,
    row.takeGroupId
      ? { kind: "chosen", generation: { takeGroupId: row.takeGroupId } }
      : { kind: "chosen", generationId: row.id },
  );
  const what = last?.generation ? describeActivity(toActivityDTO(last), last.generation) : null;
  const message =
    last && what
      ? `${whoDid(last, actor)} ${what} ${formatRelative(last.createdAt.toISOString())}. Look at the takes again, then choose.`
      : "The chosen take changed since you opened this. Look at the takes again, then choose.";
  return new AppError("conflict", message, 409, { expectedChosenId: "another take is chosen now" });
}

/**
 * Star, review status, and the chosen take (one per group: choosing one unchooses the others), each
 * change signed in the activity trail in the same transaction. With `expectedStatus` (or
 * `expectedChosenId`), a change made against a stale view is refused with who changed it, and nothing
 * changes; without, the change applies (scripts) and the trail still shows both.
 */
export async function updateReview(prisma: Db, actor: Actor, raw: unknown): Promise<GenerationDTO> {
  const input = parseInput(reviewUpdateSchema, raw);
  const found = await visible(prisma, input.generationId);
  const touched = await prisma.$transaction(async (tx) => {
    const locked = await lockRows(tx, found.id, input.chosen !== undefined ? found.takeGroupId : null);
    const row = locked.find((r) => r.id === found.id);
    if (!row || row.deletedAt) {
      throw new AppError("not_found", "That clip does not exist (it may have been deleted).", 404);
    }
    const events: NewEvent[] = [];
    const data: Prisma.GenerationUpdateInput = {};
    const touched = new Set([row.id]);

    if (input.reviewStatus !== undefined && input.reviewStatus !== row.reviewStatus) {
      // Someone else's change to the very status asked for is no conflict: it is already so.
      if (input.expectedStatus !== undefined && input.expectedStatus !== row.reviewStatus) {
        throw await staleStatus(tx, actor, row);
      }
      data.reviewStatus = input.reviewStatus;
      events.push({ generationId: row.id, kind: "status", from: row.reviewStatus, to: input.reviewStatus });
    }
    if (input.favorite !== undefined && input.favorite !== row.favorite) {
      data.favorite = input.favorite;
      events.push({ generationId: row.id, kind: "favorite", from: row.favorite, to: input.favorite });
    }
    if (input.chosen !== undefined && input.chosen !== row.chosen) {
      const chosenNow = locked.find((r) => r.chosen)?.id ?? null;
      if (input.expectedChosenId !== undefined && input.expectedChosenId !== chosenNow) {
        throw await staleChoice(tx, actor, row);
      }
      data.chosen = input.chosen;
      events.push({ generationId: row.id, kind: "chosen", from: row.chosen, to: input.chosen });
      if (input.chosen) {
        for (const other of locked.filter((r) => r.id !== row.id && r.chosen)) {
          touched.add(other.id);
          events.push({
            generationId: other.id,
            kind: "chosen_other",
            to: { id: row.id, takeIndex: row.takeIndex },
          });
        }
      }
    }
    if (events.length === 0) return [];
    if (input.chosen === true && row.takeGroupId) {
      await tx.generation.updateMany({
        where: { takeGroupId: row.takeGroupId, id: { not: row.id }, chosen: true },
        data: { chosen: false },
      });
    }
    await tx.generation.update({ where: { id: row.id }, data });
    await recordEvents(tx, actor, events);
    return [...touched];
  });
  // Choosing a take unchooses its siblings: each changed take's views refresh, lists refetch.
  for (const id of touched) publishChange(prisma, { kind: "review", generationId: id });
  return toGenerationDTO((await findVisibleGeneration(prisma, found.id))!);
}

// ---- Comments ----
//
// A comment is signed by the actor the request resolved to (lib/auth/actor.ts), never by its body: a
// member's comment links their account and keeps their name as it was; a guest's keeps the name they
// gave and the link they came through. Only the author edits a comment; the author, an admin or the
// owner may delete one. Threads are one level deep: a reply answers a comment that starts a thread,
// and resolving the thread (any member may) is recorded on that first comment.
