// Moving a shot in the storyboard, by drag or by keyboard, and the words that announce it. Browser-safe.

/** `ids` with the item at `from` moved to `to` (both clamped into the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const list = [...items];
  if (from < 0 || from >= list.length) return list;
  const target = Math.max(0, Math.min(list.length - 1, to));
  const [item] = list.splice(from, 1);
  list.splice(target, 0, item as T);
  return list;
}

/**
 * Where a keyboard move (Alt+ArrowUp: -1, Alt+ArrowDown: +1, Alt+Home/End: to either end) takes the shot
 * at `index` in a list of `count`, or null when it is already there.
 */
export function keyboardTarget(
  index: number,
  count: number,
  key: "up" | "down" | "first" | "last",
): number | null {
  const to = key === "up" ? index - 1 : key === "down" ? index + 1 : key === "first" ? 0 : count - 1;
  if (to < 0 || to >= count || to === index) return null;
  return to;
}

/**
 * Where a pointer drag drops: the place of the card whose centre is nearest the pointer. The cards sit in
 * a grid that wraps, so the distance is taken in both directions, not along one axis.
 */
export function dropIndex(
  centres: readonly { x: number; y: number }[],
  pointer: { x: number; y: number },
): number {
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [i, c] of centres.entries()) {
    const d = (c.x - pointer.x) ** 2 + (c.y - pointer.y) ** 2;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  }
  return best;
}

/** What the live region says after a move: "Harbour moved to position 2 of 5." */
export function moveAnnouncement(title: string, to: number, count: number): string {
  return `${title} moved to position ${to + 1} of ${count}.`;
}
