import type { CommentDTO } from "@/lib/review/dto";

/** The threads the list and the timeline show: first comments, the resolved ones only when asked for. */
export function shownThreads<C extends Pick<CommentDTO, "parentId" | "resolvedAt">>(
  comments: readonly C[],
  showResolved: boolean,
): C[] {
  return comments.filter((c) => c.parentId === null && (showResolved || !c.resolvedAt));
}

/** Close enough to a comment's moment to count as being on it (a seek lands within a frame or two). */
const ON = 0.06;

/**
 * The comment ← and → move to from where the player is: the one after (or before) the player's time,
 * in time order. When the player is on the selected comment, the step is from that comment, so comments
 * at the same moment are each visited in turn. Null at either end.
 */
export function adjacentComment<C extends Pick<CommentDTO, "id" | "atSec">>(
  threads: readonly C[],
  selectedId: string | null,
  time: number,
  dir: 1 | -1,
): C | null {
  const sorted = threads
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.atSec - b.c.atSec || a.i - b.i)
    .map(({ c }) => c);
  const at = sorted.findIndex((c) => c.id === selectedId);
  if (at >= 0 && Math.abs(sorted[at]!.atSec - time) <= ON) return sorted[at + dir] ?? null;
  if (dir === 1) return sorted.find((c) => c.atSec > time + ON) ?? null;
  return sorted.findLast((c) => c.atSec < time - ON) ?? null;
}
