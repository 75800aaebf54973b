import "server-only";
import { listMentionMembers } from "@/lib/accounts/members-lookup";
import { describeActivity } from "@/lib/activity/describe";
import { latestEvent, type NewEvent, recordEvents, toActivityDTO } from "@/lib/activity/service";
import { type Actor, hasRole, isMember } from "@/lib/auth/actor";
import { formatRelative } from "@/lib/client/format";
import type { Db, DbTx } from "@/lib/db/client";
import type { Comment, Prisma } from "@/lib/db/generated/client";
import type { GenerationDTO } from "@/lib/generations/dto";
import { cleanLabel } from "@/lib/generations/limits";
import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { publishChange } from "@/lib/live/change-bus";
import { parseInput } from "@/lib/validation/parse";
import type { Drawing } from "./drawing";
import type { CommentDTO } from "./dto";
import { announceMentioned, extractMentions, type MentionedEvent, onMentioned } from "./mentions";
import {
  deleteCommentSchema,
  editCommentSchema,
  formatClipTime,
  MAX_AUTHOR_CHARS,
  newCommentSchema,
  REVIEW_LABELS,
  type ReviewStatus,
  resolveCommentSchema,
  reviewUpdateSchema,
} from "./schema";

async function visible(prisma: Db, id: string) {
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

type CommentRow = Comment & { mentions: { user: { id: string; name: string } }[] };
const withMentions = { mentions: { include: { user: { select: { id: true, name: true } } } } } as const;

/** Whether `actor` wrote the comment: the actor id it was signed with. */
const isAuthor = (c: Comment, actor: Actor | undefined) =>
  actor !== undefined && c.authorActorId !== null && c.authorActorId === actor.id;

const mayDelete = (c: Comment, actor: Actor | undefined) =>
  actor !== undefined && (isAuthor(c, actor) || (isMember(actor) && hasRole(actor, "admin")));

export function toCommentDTO(c: CommentRow, viewer?: Actor): CommentDTO {
  return {
    id: c.id,
    generationId: c.generationId,
    parentId: c.parentId,
    atSec: c.atSec,
    endSec: c.endSec,
    body: c.body,
    authorName: c.authorName,
    authorUserId: c.authorUserId,
    guest: c.guestName !== null,
    mine: isAuthor(c, viewer),
    canDelete: mayDelete(c, viewer),
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    resolvedByName: c.resolvedAt ? c.resolvedByName : null,
    // Checked by drawingSchema before it was stored.
    drawing: (c.drawing as Drawing | null) ?? null,
    mentions: c.mentions.map((m) => ({ userId: m.user.id, name: m.user.name })),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** A clip's comments in time order (a thread's replies after its first comment, oldest first). */
export async function listComments(prisma: Db, generationId: string, viewer?: Actor): Promise<CommentDTO[]> {
  await visible(prisma, generationId);
  const rows = await prisma.comment.findMany({
    where: { generationId },
    include: withMentions,
    orderBy: [{ atSec: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((c) => toCommentDTO(c, viewer));
}

/**
 * The account id to link, when the actor has one: a member's user row. A member without a row is the
 * studio before accounts (the interim token holder), or an account removed a moment ago; their comments
 * are still theirs by authorActorId.
 */
async function userIdOf(tx: DbTx, actor: Actor): Promise<string | null> {
  if (!isMember(actor)) return null;
  const user = await tx.user.findUnique({ where: { id: actor.id }, select: { id: true } });
  return user?.id ?? null;
}

function refuseGuestWithout(actor: Actor, permission: "comment") {
  if (actor.kind === "guest" && !actor.permissions.includes(permission)) {
    throw new AppError("forbidden", "This share link lets you view the clip, not comment on it.", 403);
  }
}

function pastTheEnd(field: "atSec" | "endSec", at: number, length: number): AppError {
  return new AppError(
    "time_out_of_range",
    `${field === "endSec" ? "The range's end, " : ""}${formatClipTime(at)}${field === "endSec" ? "," : ""} is past the end of this ${length.toFixed(1)} s clip.`,
    422,
    { [field]: `must be between 0 and ${length.toFixed(1)} seconds` },
  );
}

/**
 * Stores who `body` names with @, and tells onMentioned about the members newly named. Returns what to
 * announce once the transaction is committed (announceMentioned).
 */
async function storeMentions(
  tx: DbTx,
  comment: { id: string; generationId: string; body: string },
  actor: Actor,
  before: readonly string[] = [],
): Promise<Pending | null> {
  const named = extractMentions(comment.body, await listMentionMembers(tx));
  const gone = before.filter((id) => !named.includes(id));
  const added = named.filter((id) => !before.includes(id));
  if (gone.length)
    await tx.commentMention.deleteMany({ where: { commentId: comment.id, userId: { in: gone } } });
  if (added.length) {
    await tx.commentMention.createMany({ data: added.map((userId) => ({ commentId: comment.id, userId })) });
  }
  const notify = added.filter((id) => id !== actor.id);
  if (notify.length === 0) return null;
  const event = {
    commentId: comment.id,
    generationId: comment.generationId,
    mentionedUserIds: notify,
    actor,
  };
  return { event, userIds: await onMentioned(tx, event) };
}

type Pending = { event: MentionedEvent; userIds: string[] };

/**
 * A comment at a moment (or over a range) of the clip, or a reply in a thread. Times must lie within
 * the clip; a reply answers a comment that starts a thread and takes its time.
 */
export async function addComment(prisma: Db, actor: Actor, raw: unknown): Promise<CommentDTO> {
  const input = parseInput(newCommentSchema, raw);
  refuseGuestWithout(actor, "comment");
  const row = await visible(prisma, input.generationId);
  const length = row.videoDurationSec ?? row.duration;
  let atSec: number;
  let endSec: number | null = null;
  let parentId: string | null = null;
  if (input.parentId) {
    const parent = await prisma.comment.findFirst({ where: { id: input.parentId, generationId: row.id } });
    if (!parent) {
      throw new AppError(
        "not_found",
        "The comment you are replying to is not on this clip (it may have been deleted).",
        404,
        { parentId: "no such comment on this clip" },
      );
    }
    if (parent.parentId) {
      throw new AppError(
        "reply_to_reply",
        "Replies go one level deep: reply to the comment that starts the thread.",
        422,
        { parentId: `is a reply; reply to ${parent.parentId} instead` },
      );
    }
    parentId = parent.id;
    atSec = parent.atSec;
  } else {
    // The schema made sure a thread's first comment has atSec, and that endSec comes after it.
    atSec = input.atSec ?? 0;
    // A little slack at the end: the player's last frame may read a few hundredths past the stored length.
    if (atSec > length + 0.05) throw pastTheEnd("atSec", atSec, length);
    if (input.endSec != null && input.endSec > length + 0.05)
      throw pastTheEnd("endSec", input.endSec, length);
    atSec = Math.min(atSec, length);
    endSec = input.endSec != null ? Math.min(input.endSec, length) : null;
    if (endSec !== null && endSec <= atSec) {
      throw new AppError("invalid_input", "endSec must be after atSec: a range ends after it starts.", 422, {
        endSec: "must be after atSec",
      });
    }
  }
  let pending: Pending | null = null;
  const created = await prisma.$transaction(async (tx) => {
    const guest = actor.kind === "guest";
    const name = cleanLabel(actor.name).slice(0, MAX_AUTHOR_CHARS) || (guest ? "Guest" : "Member");
    const comment = await tx.comment.create({
      data: {
        id: newId(),
        generationId: row.id,
        parentId,
        atSec,
        endSec,
        body: input.body,
        authorName: name,
        authorActorId: actor.id,
        authorUserId: await userIdOf(tx, actor),
        guestName: guest ? name : null,
        guestLinkId: guest ? actor.linkId : null,
        ...(input.drawing ? { drawing: input.drawing as object } : {}),
      },
    });
    pending = await storeMentions(tx, comment, actor);
    return tx.comment.findUniqueOrThrow({ where: { id: comment.id }, include: withMentions });
  });
  publishChange(prisma, { kind: "comment", generationId: row.id });
  await announce(prisma, pending);
  return toCommentDTO(created, actor);
}

async function announce(prisma: Db, pending: Pending | null): Promise<void> {
  if (pending) await announceMentioned(prisma, pending.event, pending.userIds);
}

/** The comment, on a clip that is not deleted. */
async function findComment(prisma: Db, commentId: string) {
  const comment = await prisma.comment.findUnique({
    where: { id: commentId },
    include: { generation: { select: { deletedAt: true } } },
  });
  if (!comment || comment.generation.deletedAt)
    throw new AppError("not_found", "That comment does not exist (it may have been deleted).", 404);
  return comment;
}

/** Changes a comment's text (its author only); mentions follow the new text. */
export async function editComment(prisma: Db, actor: Actor, raw: unknown): Promise<CommentDTO> {
  const input = parseInput(editCommentSchema, raw);
  const comment = await findComment(prisma, input.commentId);
  if (!isAuthor(comment, actor)) {
    throw new AppError("not_author", "Only the person who wrote a comment can change it.", 403);
  }
  let pending: Pending | null = null;
  const updated = await prisma.$transaction(async (tx) => {
    const before = await tx.commentMention.findMany({
      where: { commentId: comment.id },
      select: { userId: true },
    });
    const saved = await tx.comment.update({ where: { id: comment.id }, data: { body: input.body } });
    pending = await storeMentions(
      tx,
      saved,
      actor,
      before.map((m) => m.userId),
    );
    return tx.comment.findUniqueOrThrow({ where: { id: comment.id }, include: withMentions });
  });
  publishChange(prisma, { kind: "comment", generationId: updated.generationId });
  await announce(prisma, pending);
  return toCommentDTO(updated, actor);
}

/**
 * Deletes a comment, and with a thread's first comment its replies. The author may delete their own, an
 * admin or the owner anyone's; a thread with someone else's replies is not the author's alone to remove.
 */
export async function deleteComment(prisma: Db, actor: Actor, raw: unknown): Promise<void> {
  const input = parseInput(deleteCommentSchema, raw);
  const comment = await findComment(prisma, input.commentId);
  if (!mayDelete(comment, actor)) {
    throw new AppError(
      "not_author",
      "Only the person who wrote a comment, an admin or the owner can delete it.",
      403,
    );
  }
  const replies = await prisma.comment.findMany({ where: { parentId: comment.id } });
  const others = replies.filter((r) => !mayDelete(r, actor)).length;
  if (others > 0) {
    throw new AppError(
      "thread_has_replies",
      `This thread has ${others === 1 ? "a reply" : `${others} replies`} from others, which deleting it would remove too. Resolve the thread instead, or ask an admin to delete it.`,
      409,
    );
  }
  // Replies go with it (the foreign key cascades).
  await prisma.comment.delete({ where: { id: comment.id } });
  publishChange(prisma, { kind: "comment", generationId: comment.generationId });
}

/** Resolves a thread or reopens it; any member may. `commentId` is the thread's first comment. */
export async function resolveComment(prisma: Db, actor: Actor, raw: unknown): Promise<CommentDTO> {
  const input = parseInput(resolveCommentSchema, raw);
  if (!isMember(actor)) {
    throw new AppError("forbidden", "Resolving and reopening threads is for members of the team.", 403);
  }
  const comment = await findComment(prisma, input.commentId);
  if (comment.parentId) {
    throw new AppError(
      "not_a_thread",
      "That comment is a reply: resolve or reopen the comment that starts its thread.",
      422,
      { commentId: `is a reply; use ${comment.parentId}` },
    );
  }
  // Resolving a resolved thread keeps who resolved it first; reopening an open one changes nothing.
  const already = (comment.resolvedAt !== null) === input.resolved;
  const updated = already
    ? await prisma.comment.findUniqueOrThrow({ where: { id: comment.id }, include: withMentions })
    : await prisma.$transaction(async (tx) =>
        tx.comment.update({
          where: { id: comment.id },
          data: input.resolved
            ? {
                resolvedAt: new Date(),
                resolvedById: await userIdOf(tx, actor),
                resolvedByName: cleanLabel(actor.name).slice(0, MAX_AUTHOR_CHARS) || "Member",
              }
            : { resolvedAt: null, resolvedById: null, resolvedByName: null },
          include: withMentions,
        }),
      );
  if (!already) publishChange(prisma, { kind: "comment", generationId: comment.generationId });
  return toCommentDTO(updated, actor);
}
