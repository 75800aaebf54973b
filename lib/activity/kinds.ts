// What the activity trail records: plain values, browser-safe (see lib/review/limits.ts).

/**
 * Each kind of signed change, with what `from` and `to` hold:
 * - status: review statuses ("pending" -> "approved");
 * - favorite, chosen: booleans (chosen: this take was chosen, or un-chosen, by the actor);
 * - chosen_other: another take of the group was chosen, so this one no longer is; `to` is that take
 *   as `{ id, takeIndex }`;
 * - delete, restore: nothing (the clip was hidden, or brought back);
 * - character_create, character_update, character_delete: `{ name, images }` of the character before
 *   and after;
 * - sequence_create: `{ title, aspectRatio, projectId }`; shot_add, shot_update, shot_remove,
 *   shot_restore: the shot before and after as `{ shotId, position, title, chosenGenerationId }`
 *   (lib/sequences/shots.ts), recorded on its sequence;
 * - sequence_export: `{ exportId, shots }` of the export asked for (lib/exports/service.ts).
 */
export const ACTIVITY_KINDS = [
  "status",
  "favorite",
  "chosen",
  "chosen_other",
  "delete",
  "restore",
  "character_create",
  "character_update",
  "character_delete",
  "sequence_create",
  "shot_add",
  "shot_update",
  "shot_remove",
  "shot_restore",
  "sequence_export",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTOR_KINDS = ["member", "guest"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** A page of the trail has at most this many events. */
export const MAX_ACTIVITY_LIMIT = 100;
export const DEFAULT_ACTIVITY_LIMIT = 20;
