import "server-only";
import type { DbTx } from "@/lib/db/client";

// What uses a stored file. Files are content-addressed and shared: one poster can be two clips' (the
// same render), a frame taken from a clip is an asset of its own, a character's images are assets. A file
// is in use while any of these names it:
//   - a clip (Generation.videoKey, posterKey, hoverKey), deleted ones in their undo window included;
//   - an asset (Asset.mediaKey, thumbKey, posterKey): references, characters' images and voice videos,
//     frames taken from clips (assets are never deleted);
//   - a sequence export (SequenceExport.videoKey, posterKey).
// Image variants (lib/media/variants.ts) are copies of their original and go with it. Every look-up is on
// an index.

type Holder = Record<string, string | null>;

function collect(rows: Holder[], keys: Set<string>, into: Set<string>) {
  for (const row of rows)
    for (const value of Object.values(row)) if (value && keys.has(value)) into.add(value);
}

/** Which of `keys` something still uses. `exceptClips`: clips not to count (those about to be purged). */
export async function keysInUse(
  prisma: DbTx,
  keys: readonly string[],
  { exceptClips = [] }: { exceptClips?: readonly string[] } = {},
): Promise<Set<string>> {
  const wanted = new Set(keys);
  const used = new Set<string>();
  if (wanted.size === 0) return used;
  const list = { in: [...wanted] };
  const [clips, assets, exports] = await Promise.all([
    prisma.generation.findMany({
      where: {
        OR: [{ videoKey: list }, { posterKey: list }, { hoverKey: list }],
        ...(exceptClips.length ? { id: { notIn: [...exceptClips] } } : {}),
      },
      select: { videoKey: true, posterKey: true, hoverKey: true },
    }),
    prisma.asset.findMany({
      where: { OR: [{ mediaKey: list }, { thumbKey: list }, { posterKey: list }] },
      select: { mediaKey: true, thumbKey: true, posterKey: true },
    }),
    prisma.sequenceExport.findMany({
      where: { OR: [{ videoKey: list }, { posterKey: list }] },
      select: { videoKey: true, posterKey: true },
    }),
  ]);
  collect(clips, wanted, used);
  collect(assets, wanted, used);
  collect(exports, wanted, used);
  return used;
}

/**
 * Whether a member may load this file: something visible uses it (not only clips waiting to be purged).
 * One statement, each EXISTS on an index, since the member media route asks it on every request (every
 * Range request of a playing video).
 */
export async function isVisibleMedia(prisma: DbTx, key: string): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ visible: boolean }[]>`
    SELECT EXISTS (
        SELECT 1 FROM "Generation" WHERE "deletedAt" IS NULL
          AND ("videoKey" = ${key} OR "posterKey" = ${key} OR "hoverKey" = ${key})
      ) OR EXISTS (
        SELECT 1 FROM "Asset" WHERE "mediaKey" = ${key} OR "thumbKey" = ${key} OR "posterKey" = ${key}
      ) OR EXISTS (
        SELECT 1 FROM "SequenceExport" WHERE "videoKey" = ${key} OR "posterKey" = ${key}
      ) AS "visible"`;
  return row?.visible === true;
}
