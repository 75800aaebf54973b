import type { GenerationDTO } from "@/lib/generations/dto";
import type { Density } from "./layout-prefs";

// The gallery's layout model: clips become entries (a single clip, or the takes of one group), and entries
// become grid rows for the virtualizer. A take group gets a row of its own so its takes sit side by side.

export type GalleryEntry =
  | {
      kind: "single";
      key: string;
      generation: GenerationDTO;
      /** A collapsed take group, shown as this one take (its chosen one, else the first). */
      collapsed?: { groupId: string; takes: GenerationDTO[] };
    }
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

/** The take a collapsed group shows: the chosen one, else take 1. */
export function shownTake(takes: readonly GenerationDTO[]): GenerationDTO {
  return takes.find((t) => t.chosen) ?? takes.find((t) => t.takeIndex === 0) ?? takes[0]!;
}

/**
 * Collapsed groups (ids in `collapsed`) become one card each, which packs into the rows like a single
 * clip; their key stays the group's, so collapsing and expanding keep the place in the list.
 */
export function collapseGroups(
  entries: readonly GalleryEntry[],
  collapsed: ReadonlySet<string>,
): GalleryEntry[] {
  if (collapsed.size === 0) return entries as GalleryEntry[];
  return entries.map((entry) =>
    entry.kind === "group" && collapsed.has(entry.groupId)
      ? {
          kind: "single",
          key: entry.key,
          generation: shownTake(entry.takes),
          collapsed: { groupId: entry.groupId, takes: entry.takes },
        }
      : entry,
  );
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

/**
 * Columns for the gallery's width. Comfortable: one on phones, two on tablets and beside the composer,
 * three wide. Compact: two on phones, three on tablets, four beside the composer from 1366 px windows on
 * (cards of about 200 to 260 px). List: one clip a row. The head's CSS (virtual-grid.tsx) uses the same
 * breakpoints.
 */
export function columnsFor(width: number, density: Density = "comfortable"): number {
  if (density === "list") return 1;
  if (density === "compact") {
    if (width >= COMPACT_FOUR) return 4;
    return width >= 560 ? 3 : 2;
  }
  if (width >= 1040) return 3;
  if (width >= 560) return 2;
  return 1;
}

/** Gallery width (px) from which the compact grid has four columns (1366 px windows have about 830). */
export const COMPACT_FOUR = 800;

/**
 * Takes per row inside a group. Comfortable: as many as fit at about 240 px each, at least two even on a
 * phone. Compact: the grid's own columns, so a take is the size of any other card. List: one a row.
 */
export function takeColumns(takeCount: number, width: number, density: Density = "comfortable"): number {
  if (density === "list") return 1;
  if (density === "compact") return columnsFor(width, "compact");
  return Math.min(takeCount, Math.max(2, Math.floor(width / 240)));
}

/** Single cards at most in the gallery's head: a whole number of rows at 1, 2 and 3 columns. */
export const HEAD_CARDS = 6;

/** The head's size for a density: whole rows at 2, 3 and 4 compact columns; about a screen of list rows. */
export function headCards(density: Density): number {
  return density === "comfortable" ? HEAD_CARDS : 12;
}

/**
 * The first entries, which the gallery lays out with CSS alone so they render on the server and are
 * right at every width before any script runs; the rest are virtualized. The head ends after
 * `max` (HEAD_CARDS, or headCards for the density) single cards or at the first take group (a group takes a row of its own in either layout),
 * so the rows after it start fresh exactly as toRows would have started them.
 */
export function splitHead(
  entries: readonly GalleryEntry[],
  max = HEAD_CARDS,
): {
  head: GalleryEntry[];
  rest: GalleryEntry[];
} {
  let singles = 0;
  let end = 0;
  while (end < entries.length) {
    const entry = entries[end++]!;
    if (entry.kind === "group") break;
    if (++singles === max) break;
  }
  return { head: entries.slice(0, end), rest: entries.slice(end) };
}
