import { z } from "zod";

/**
 * What changed, small enough to say which views to refresh and nothing more: the browser refetches
 * through the usual routes, so an event never carries data the caller may not see.
 */
export const CHANGE_KINDS = [
  /** A clip (or a take group's clips) was made. */
  "generation.created",
  /** Its status moved: lists filtered by status, spend and the clip itself change. */
  "generation.status",
  /** Logs or queue position only: the clip itself. */
  "generation.progress",
  "generation.deleted",
  "generation.restored",
  /** Star, review status, chosen take. */
  "review",
  /** A clip's identity score was queued or measured (without an id: many clips were queued at once). */
  "identity",
  /** A comment on a clip was added, edited or deleted. */
  "comment",
  /** A character was created, updated or deleted. */
  "character",
  /** Someone opened or left a clip's page. */
  "presence",
  /** A project was created, renamed or archived. */
  "project",
  /** A sequence or one of its shots changed (added, reordered, edited, removed, restored, take chosen). */
  "sequence",
  /** A sequence's export was asked for, moved on, finished or failed. */
  "export",
  /** A notice arrived in someone's inbox, or was read: each browser refetches its own count. */
  "inbox",
] as const;

export { PRESENCE_HEARTBEAT_MS } from "./heartbeat";

export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const changeSchema = z.object({
  kind: z.enum(CHANGE_KINDS),
  generationId: z.string().optional(),
  characterId: z.string().optional(),
  sequenceId: z.string().optional(),
});

export type Change = z.infer<typeof changeSchema>;

/** A change as the stream sends it: with the id a reconnecting browser names in Last-Event-ID. */
export interface ChangeEvent extends Change {
  id: string;
}
