import "server-only";
import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { ClipNeighbor, ClipNeighbors } from "./dto";
import { type ListFilter, listFilterWhere } from "./repo";

// The clip before and after one in a gallery view (the clip page's Prev/Next and [ ]), in the order the
// gallery lays clips out: newest first, and the takes of a group together, in take order, where the
// group's newest take would be (components/gallery/rows.ts toEntries). The list API pages one way only
// (older, by cursor) and knows nothing of groups, so this walks both ways with a few indexed look-ups.

const place = { id: true, createdAt: true, takeGroupId: true, takeIndex: true, takeCount: true } as const;
type Place = Prisma.GenerationGetPayload<{ select: typeof place }>;

/** Newest first, as the gallery lists clips: by creation time, then id. */
const newestFirst = (a: Place, b: Place) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Rows listed before `p` (newer) or after it (older), as the list's (createdAt, id) order puts them. */
function beyond(p: Place, side: "newer" | "older"): Prisma.GenerationWhereInput[] {
  const [bound, strict, idStrict] =
    side === "newer" ? (["gte", "gt", "gt"] as const) : (["lte", "lt", "lt"] as const);
  return [
    // The first bound is implied by the second; it is the one the (createdAt, id) index can seek to.
    { createdAt: { [bound]: p.createdAt } },
    { OR: [{ createdAt: { [strict]: p.createdAt } }, { createdAt: p.createdAt, id: { [idStrict]: p.id } }] },
  ];
}

const isGroup = (p: Place) => p.takeGroupId !== null && p.takeCount > 1;

/**
 * The nearest entry beyond `p` in the view: a single clip, or, for a group, the take that walking into it
 * from that side meets first (its last take coming from below, its first coming from above).
 */
async function edge(db: DbTx, where: Prisma.GenerationWhereInput[], p: Place, side: "newer" | "older") {
  const order = side === "newer" ? "asc" : "desc";
  const row = await db.generation.findFirst({
    where: { AND: [...where, ...beyond(p, side)] },
    orderBy: [{ createdAt: order }, { id: order }],
    select: place,
  });
  if (!row || !isGroup(row)) return row;
  return db.generation.findFirst({
    where: { AND: [...where, { takeGroupId: row.takeGroupId }] },
    orderBy: { takeIndex: side === "newer" ? "desc" : "asc" },
    select: place,
  });
}

/** What the Prev/Next buttons say of a clip: enough for its title. */
async function summaries(db: DbTx, ids: string[]): Promise<Map<string, ClipNeighbor>> {
  if (ids.length === 0) return new Map();
  const rows = await db.generation.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      prompt: true,
      takeIndex: true,
      takeCount: true,
      takeGroupId: true,
      references: {
        orderBy: { position: "asc" },
        select: { position: true, label: true, asset: { select: { originalName: true } } },
      },
    },
  });
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        prompt: r.prompt,
        takeIndex: r.takeIndex,
        takeCount: r.takeGroupId ? r.takeCount : 1,
        references: r.references.map((ref) => ({
          position: ref.position,
          label: ref.label || ref.asset.originalName,
        })),
      },
    ]),
  );
}

/** The clips before and after `id` in the view `filter` describes; null when `id` is no visible clip. */
export async function findNeighbors(db: DbTx, id: string, filter: ListFilter): Promise<ClipNeighbors | null> {
  const current = await db.generation.findFirst({ where: { id, deletedAt: null }, select: place });
  if (!current) return null;
  const where = listFilterWhere(filter);
  // Its group's takes in the view, in take order (itself among them even when the view would hide it:
  // a take opened from the switcher still walks from where it stands).
  let takes = [current];
  if (isGroup(current)) {
    const shown = await db.generation.findMany({
      where: { AND: [...where, { takeGroupId: current.takeGroupId }] },
      select: place,
    });
    takes = shown.some((t) => t.id === id) ? shown : [...shown, current];
    takes.sort((a, b) => a.takeIndex - b.takeIndex);
  }
  const at = takes.findIndex((t) => t.id === id);
  const byTime = [...takes].sort(newestFirst);
  const [prev, next] = await Promise.all([
    at > 0 ? takes[at - 1]! : edge(db, where, byTime[0]!, "newer"),
    at < takes.length - 1 ? takes[at + 1]! : edge(db, where, byTime.at(-1)!, "older"),
  ]);
  const named = await summaries(
    db,
    [prev?.id, next?.id].filter((x): x is string => Boolean(x)),
  );
  return {
    prev: prev ? (named.get(prev.id) ?? null) : null,
    next: next ? (named.get(next.id) ?? null) : null,
  };
}
