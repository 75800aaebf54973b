import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getConfig } from "@/lib/config/env";
import type { Db, DbTx } from "@/lib/db/client";
import { announceMentions, type MentionNotice, recordMentions } from "@/lib/inbox/service";

// What happens when a comment names members with @: the comment service stores the mentions
// (CommentMention) and then calls onMentioned in the same transaction, which puts a notice in each
// named member's inbox (lib/inbox); once the comment is committed the service calls announceMentioned
// (the inboxes refresh live, and mail goes out where SMTP is set).

export { extractMentions } from "./mention-text";

export interface MentionedEvent {
  commentId: string;
  generationId: string;
  /** Members newly named by this comment (or by this edit of it): never its author. */
  mentionedUserIds: string[];
  /** Who wrote it. */
  actor: Actor;
}

/**
 * Called in the comment's transaction, after the comment and its mentions are stored, when it names at
 * least one member other than its author. Throwing rolls the comment back.
 */
export async function onMentioned(tx: DbTx, event: MentionedEvent): Promise<string[]> {
  const notice = await noticeOf(tx, event);
  return notice ? recordMentions(tx, notice) : [];
}

/** After the commit: tells the members onMentioned noticed. */
export async function announceMentioned(prisma: Db, event: MentionedEvent, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const notice = await noticeOf(prisma, event);
  if (notice) await announceMentions(prisma, notice, userIds);
}

async function noticeOf(tx: DbTx, event: MentionedEvent): Promise<MentionNotice | null> {
  const comment = await tx.comment.findUnique({
    where: { id: event.commentId },
    select: { body: true, atSec: true, generation: { select: { prompt: true } } },
  });
  if (!comment) return null;
  return {
    generationId: event.generationId,
    commentId: event.commentId,
    atSec: comment.atSec,
    body: comment.body,
    prompt: comment.generation.prompt,
    mentionedUserIds: event.mentionedUserIds,
    actor: event.actor,
    origin: getConfig().publicBaseUrl,
  };
}
