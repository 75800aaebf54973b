// A take group's takes by face identity: highest score first; takes without a score (not scored yet, no
// face found) after, in take order. Pure.

interface Scored {
  takeIndex: number;
  identity: { score: number | null } | null;
}

export function sortByIdentity<T extends Scored>(takes: readonly T[]): T[] {
  const score = (t: T) => t.identity?.score ?? -1;
  return [...takes].sort((a, b) => score(b) - score(a) || a.takeIndex - b.takeIndex);
}

/** Whether sorting says anything: at least two takes have a score. */
export const canSortByIdentity = (takes: readonly Scored[]) =>
  takes.filter((t) => t.identity?.score != null).length >= 2;
