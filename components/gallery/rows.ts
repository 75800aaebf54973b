import type { GenerationDTO } from "@/lib/generations/dto";

// The gallery's layout model: clips become entries (a single clip, or the takes of one group), and entries
// become grid rows for the virtualizer. A take group gets a row of its own so its takes sit side by side.

export type GalleryEntry =
  | { kind: "single"; key: string; generation: GenerationDTO }
  | { kind: "group"; key: string; groupId: string; takes: GenerationDTO[] };

export type GalleryRow =
  | { kind: "cards"; key: string; entries: Extract<GalleryEntry, { kind: "single" }>[] }
  | { kind: "group"; key: string; entry: Extract<GalleryEntry, { kind: "group" }> };

/**
 * Groups takes (same takeGroupId) at the position of their newest member, in take order, and drops
 * duplicate ids (a clip can be in two cached pages for a moment). A group with one clip on screen (the
 * others filtered out) is shown as a single card that still says which take it is.
 */
export function toEntries(items: readonly GenerationDTO[]): GalleryEntry[] {
  const seen = new Set<string>();
  const groups = new Map<string, GenerationDTO[]>();
  const order: Array<{ groupId?: string; generation?: GenerationDTO }> = [];
  for (const g of items) {
    if (seen.has(g.id)) continue;
    seen.add(g.id);
    if (g.takeGroupId && g.takeCount > 1) {
      const group = groups.get(g.takeGroupId);
      if (group) group.push(g);
      else {
        groups.set(g.takeGroupId, [g]);
        order.push({ groupId: g.takeGroupId });
      }
    } else order.push({ generation: g });
  }
  return order.map(({ groupId, generation }) => {
    if (generation) return { kind: "single", key: generation.id, generation };
    const takes = groups.get(groupId!)!.sort((a, b) => a.takeIndex - b.takeIndex);
    return takes.length === 1
      ? { kind: "single", key: takes[0]!.id, generation: takes[0]! }
      : { kind: "group", key: `group-${groupId}`, groupId: groupId!, takes };
  });
}

/** Packs single clips `columns` to a row; a take group breaks the row and takes one of its own. */
export function toRows(entries: readonly GalleryEntry[], columns: number): GalleryRow[] {
  const rows: GalleryRow[] = [];
  let current: Extract<GalleryEntry, { kind: "single" }>[] = [];
  const flush = () => {
    if (current.length === 0) return;
    rows.push({ kind: "cards", key: current[0]!.key, entries: current });
    current = [];
  };
  for (const entry of entries) {
    if (entry.kind === "group") {
      flush();
      rows.push({ kind: "group", key: entry.key, entry });
      continue;
    }
    current.push(entry);
    if (current.length === columns) flush();
  }
  flush();
  return rows;
}

/** Columns for the gallery's width: one on phones, two on tablets and beside the composer, three wide. */
export function columnsFor(width: number): number {
  if (width >= 1040) return 3;
  if (width >= 560) return 2;
  return 1;
}

/** Takes per row inside a group: as many as fit at about 240 px each, at least two even on a phone. */
export function takeColumns(takeCount: number, width: number): number {
  return Math.min(takeCount, Math.max(2, Math.floor(width / 240)));
}

/** Single cards at most in the gallery's head: a whole number of rows at 1, 2 and 3 columns. */
export const HEAD_CARDS = 6;

/**
 * The first entries, which the gallery lays out with CSS alone so they render on the server and are
 * right at every width before any script runs; the rest are virtualized. The head ends after
 * HEAD_CARDS single cards or at the first take group (a group takes a row of its own in either layout),
 * so the rows after it start fresh exactly as toRows would have started them.
 */
export function splitHead(entries: readonly GalleryEntry[]): {
  head: GalleryEntry[];
  rest: GalleryEntry[];
} {
  let singles = 0;
  let end = 0;
  while (end < entries.length) {
    const entry = entries[end++]!;
    if (entry.kind === "group") break;
    if (++singles === HEAD_CARDS) break;
  }
  return { head: entries.slice(0, end), rest: entries.slice(end) };
}
