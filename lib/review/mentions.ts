import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { DbTx } from "@/lib/db/client";

// What happens when a comment names members with @: the comment service stores the mentions
// (CommentMention) and then calls onMentioned in the same transaction. The inbox and mail notices
// (issue 15) hang here; until then it does nothing.

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
export async function onMentioned(_tx: DbTx, _event: MentionedEvent): Promise<void> {}
