// JSON shape of a comment on a clip, shared by the API and the browser. Types only.
import type { Drawing } from "./drawing";

export interface CommentMentionDTO {
  userId: string;
  /** The member's name now (the body says how they were named when the comment was written). */
  name: string;
}

export interface CommentDTO {
  id: string;
  generationId: string;
  /** The thread's first comment, for a reply; null for a comment that starts a thread. */
  parentId: string | null;
  /** Seconds from the start of the clip (a reply's is its thread's). */
  atSec: number;
  /** Where a range comment ends; null for a single moment. */
  endSec: number | null;
  body: string;
  /** The author's name as it was when they posted. */
  authorName: string;
  /** The member who wrote it; null for a guest's comment and for comments from before accounts. */
  authorUserId: string | null;
  /** Written by a guest through a share link. */
  guest: boolean;
  /** Whether the asking actor wrote it (and so may edit it). */
  mine: boolean;
  /** Whether the asking actor may delete it: its author, or an admin or the owner. */
  canDelete: boolean;
  /** When its thread was resolved (set on the thread's first comment), and by whom. */
  resolvedAt: string | null;
  resolvedByName: string | null;
  drawing: Drawing | null;
  /** Members named with @ in the body. */
  mentions: CommentMentionDTO[];
  createdAt: string;
  updatedAt: string;
}
