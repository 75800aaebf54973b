import "server-only";
import { listMentionMembers } from "@/lib/accounts/members-lookup";
import { type Actor, hasRole, isMember } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/client";
import type { Comment } from "@/lib/db/generated/client";
import { cleanLabel } from "@/lib/generations/limits";
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
  resolveCommentSchema,
} from "./schema";
import { visible } from "./service";

// The review conversation on a clip: comments at a moment or over a range, one-level threads that
// resolve and reopen, drawings, and @mentions, each signed by the actor (never the request body).
// Review status, star and chosen take are in ./service.ts.

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
