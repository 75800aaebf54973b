import "server-only";
import type { DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { roundUsd } from "@/lib/generations/cost";

// Which clips belong to a character: every clip that used any of its images (or, for its video, the
// video), made before or after the character was saved; plus the clips that brought it in by name (a
// reference whose image the character no longer holds). One definition, used by the library's counts and
// trend, the gallery's filter and search, and the characters each clip shows.

/** Clips of a character, as a Prisma filter on Generation. */
export function belongsToCharacter(characterId: string): Prisma.GenerationWhereInput {
  return {
    OR: [
      {
        references: {
          some: { OR: [{ characterId }, { asset: { characterImages: { some: { characterId } } } }] },
        },
      },
      {
        videoReferences: {
          some: { OR: [{ characterId }, { asset: { characterVideos: { some: { id: characterId } } } }] },
        },
      },
    ],
  };
}

/** Clips one of whose characters' names contains `text` (case-insensitive), as a filter on a reference. */
export function referenceOfCharacterNamed(text: Prisma.StringFilter): Prisma.GenerationReferenceWhereInput {
  return {
    OR: [
      { character: { name: text } },
      { asset: { characterImages: { some: { character: { name: text } } } } },
    ],
  };
}

export interface ClipCharacter {
  id: string;
  name: string;
}

/** The characters each of these clips belongs to, by name order (one query for a whole page). */
export async function charactersOfClips(db: DbTx, ids: string[]): Promise<Map<string, ClipCharacter[]>> {
  const out = new Map<string, ClipCharacter[]>();
  if (ids.length === 0) return out;
  const rows = await db.$queryRaw<{ generationId: string; id: string; name: string }[]>`
    SELECT DISTINCT l."generationId", c."id", c."name"
    FROM (
      SELECT r."generationId", ci."characterId" FROM "GenerationReference" r
        JOIN "CharacterImage" ci ON ci."assetId" = r."assetId"
        WHERE r."generationId" = ANY(${ids})
      UNION SELECT r."generationId", r."characterId" FROM "GenerationReference" r
        WHERE r."generationId" = ANY(${ids}) AND r."characterId" IS NOT NULL
      UNION SELECT v."generationId", ch."id" FROM "GenerationVideoReference" v
        JOIN "Character" ch ON ch."videoAssetId" = v."assetId"
        WHERE v."generationId" = ANY(${ids})
      UNION SELECT v."generationId", v."characterId" FROM "GenerationVideoReference" v
        WHERE v."generationId" = ANY(${ids}) AND v."characterId" IS NOT NULL
    ) l
    JOIN "Character" c ON c."id" = l."characterId"
    ORDER BY c."name"`;
  for (const r of rows)
    out.set(r.generationId, [...(out.get(r.generationId) ?? []), { id: r.id, name: r.name }]);
  return out;
}

/** One clip's score for a character: the lowest of its faces that are the character's images. */
export interface TrendPoint {
  generationId: string;
  at: string;
  score: number;
}

export interface CharacterUsage {
  clipCount: number;
  spendUsd: number;
  /** Scored clips, oldest first (the newest TREND_POINTS). */
  trend: TrendPoint[];
}

export const TREND_POINTS = 40;

/**
 * Each character's clips (by lineage), what they cost, and its identity trend; with `projectId`, only
 * that project's clips (characters are shared across projects, their use is not).
 */
export async function characterUsage(
  db: DbTx,
  ids: string[],
  projectId?: string,
): Promise<Map<string, CharacterUsage>> {
  const out = new Map<string, CharacterUsage>(
    ids.map((id) => [id, { clipCount: 0, spendUsd: 0, trend: [] }]),
  );
  if (ids.length === 0) return out;
  // The clips of each character, once each.
  const clips = await db.$queryRaw<
    { characterId: string; generationId: string; cost: number | null; at: Date; score: number | null }[]
  >`
    WITH lineage AS (
      SELECT ci."characterId", r."generationId" FROM "CharacterImage" ci
        JOIN "GenerationReference" r ON r."assetId" = ci."assetId"
        WHERE ci."characterId" = ANY(${ids})
      UNION SELECT r."characterId", r."generationId" FROM "GenerationReference" r
        WHERE r."characterId" = ANY(${ids})
      UNION SELECT ch."id", v."generationId" FROM "Character" ch
        JOIN "GenerationVideoReference" v ON v."assetId" = ch."videoAssetId"
        WHERE ch."id" = ANY(${ids})
      UNION SELECT v."characterId", v."generationId" FROM "GenerationVideoReference" v
        WHERE v."characterId" = ANY(${ids})
    )
    SELECT l."characterId", g."id" AS "generationId", g."actualCostUsd" AS cost,
      COALESCE(g."completedAt", g."createdAt") AS at,
      (SELECT min((f->>'score')::int) FROM jsonb_array_elements(ci."result"->'faces') f
        WHERE f->>'score' IS NOT NULL
          AND f->>'assetId' IN (SELECT "assetId" FROM "CharacterImage" WHERE "characterId" = l."characterId")
      ) AS score
    FROM lineage l
    JOIN "Generation" g ON g."id" = l."generationId" AND g."deletedAt" IS NULL
      ${projectId ? Prisma.sql`AND g."projectId" = ${projectId}` : Prisma.empty}
    LEFT JOIN "ClipIdentity" ci ON ci."generationId" = g."id" AND ci."status" = 'done'
    ORDER BY at`;
  for (const c of clips) {
    const u = out.get(c.characterId);
    if (!u) continue;
    u.clipCount += 1;
    u.spendUsd += Number(c.cost ?? 0);
    if (c.score !== null)
      u.trend.push({ generationId: c.generationId, at: c.at.toISOString(), score: Number(c.score) });
  }
  for (const u of out.values()) {
    u.spendUsd = roundUsd(u.spendUsd);
    u.trend = u.trend.slice(-TREND_POINTS);
  }
  return out;
}
