import "server-only";
import { initialsOf } from "@/lib/accounts/initials";
import type { Actor } from "@/lib/auth/actor";
import type { DbTx } from "@/lib/db/client";
import type { Prisma, ReviewEvent } from "@/lib/db/generated/client";
import { decodeCursor, encodeCursor } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { ActivityDTO, ActivityPage } from "./dto";
import type { ActivityKind, ActorKind } from "./kinds";
import { DEFAULT_ACTIVITY_LIMIT, MAX_ACTIVITY_LIMIT } from "./kinds";

// The activity trail: every review change (status, star, chosen take, delete, restore) and every
// character edit is written here, signed by the actor, in the same transaction as the change itself, so
// the trail never shows a change that did not happen nor misses one that did.

/** What is recorded of who did it: the member's id (a guest has none) and the name they had then. */
export function signatureOf(actor: Actor): {
  actorUserId: string | null;
  actorName: string;
  actorKind: ActorKind;
} {
  return actor.kind === "member"
    ? { actorUserId: actor.id, actorName: actor.name, actorKind: "member" }
    : { actorUserId: null, actorName: actor.name, actorKind: "guest" };
}

/** The user id to record as a clip's or character's maker: a member's; null for a guest. */
export const makerId = (actor: Actor): string | null => (actor.kind === "member" ? actor.id : null);

export type NewEvent = {
  kind: ActivityKind;
  from?: Prisma.InputJsonValue;
  to?: Prisma.InputJsonValue;
} & (
  | { generationId: string; characterId?: never; sequenceId?: never }
  | { characterId: string; generationId?: never; sequenceId?: never }
  | { sequenceId: string; generationId?: never; characterId?: never }
);

/** Writes the events, signed by the actor. Call it inside the transaction that makes the change. */
export async function recordEvents(tx: DbTx, actor: Actor, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const signature = signatureOf(actor);
  const createdAt = new Date();
  // One time for the batch; ids in order, so the trail lists a batch the same way every time.
  const ids = events.map(() => newId(createdAt.getTime())).sort();
  await tx.reviewEvent.createMany({
    data: events.map((event, i) => ({ id: ids[i]!, createdAt, ...signature, ...event })),
  });
}

export function toActivityDTO(row: ReviewEvent): ActivityDTO {
  return {
    id: row.id,
    kind: row.kind as ActivityKind,
    actor: {
      id: row.actorUserId,
      name: row.actorName,
      initials: initialsOf(row.actorName),
      kind: row.actorKind as ActorKind,
    },
    from: row.from ?? null,
    to: row.to ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface ActivityOptions {
  /** A cursor from a previous page: events older than its last one. */
  before?: string;
  limit?: number;
}

/** `?before=&limit=` of an activity route, checked: an AppError names the parameter that is wrong. */
export function parseActivityParams(params: URLSearchParams): ActivityOptions {
  const limitParam = params.get("limit");
  const limit = limitParam === null ? DEFAULT_ACTIVITY_LIMIT : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ACTIVITY_LIMIT) {
    throw new AppError(
      "invalid_limit",
      `limit must be a whole number from 1 to ${MAX_ACTIVITY_LIMIT}.`,
      400,
      { limit: `from 1 to ${MAX_ACTIVITY_LIMIT}` },
    );
  }
  const before = params.get("before") ?? undefined;
  if (before !== undefined && !decodeCursor(before)) {
    throw new AppError("invalid_cursor", "before is not a cursor this API returned (nextCursor).", 400, {
      before: "use the nextCursor of the previous page",
    });
  }
  return { before, limit };
}

/** One subject's trail, newest first, paged by (createdAt, id) so events made meanwhile shift nothing. */
export async function listActivity(
  db: DbTx,
  subject: { generationId: string } | { characterId: string },
  options: ActivityOptions = {},
): Promise<ActivityPage> {
  const limit = options.limit ?? DEFAULT_ACTIVITY_LIMIT;
  const cursor = options.before ? decodeCursor(options.before) : null;
  const and: Prisma.ReviewEventWhereInput[] = [subject];
  if (cursor) {
    and.push({ createdAt: { lte: cursor.createdAt } });
    and.push({
      OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
    });
  }
  const rows = await db.reviewEvent.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toActivityDTO),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** The newest event that matches, e.g. the last status change of a clip (for a conflict's message). */
export function latestEvent(db: DbTx, where: Prisma.ReviewEventWhereInput) {
  return db.reviewEvent.findFirst({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { generation: { select: { takeGroupId: true, takeIndex: true, takeCount: true } } },
  });
}
