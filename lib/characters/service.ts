import "server-only";
import { makerId, recordEvents } from "@/lib/activity/service";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { roundUsd } from "@/lib/generations/cost";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { publishChange } from "@/lib/live/change-bus";
import { characterSchema } from "@/lib/review/schema";
import { toAssetDTO } from "@/lib/uploads/ingest";
import { ID_PATTERN } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import type { CharacterDTO } from "./dto";

const include = {
  images: { orderBy: { position: "asc" }, include: { asset: true } },
} satisfies Prisma.CharacterInclude;
type CharacterRow = Prisma.CharacterGetPayload<{ include: typeof include }>;

interface Usage {
  clipCount: number;
  spendUsd: number;
}

/** Clips that used each character, and what they cost (completed at cost; failed and canceled free). */
async function usage(prisma: Db, ids: string[]): Promise<Map<string, Usage>> {
  const out = new Map<string, Usage>(ids.map((id) => [id, { clipCount: 0, spendUsd: 0 }]));
  if (ids.length === 0) return out;
  const rows = await prisma.$queryRaw<{ characterId: string; clips: bigint; spend: number | null }[]>`
    SELECT u."characterId", count(*) AS clips, sum(g."actualCostUsd") AS spend
    FROM (SELECT DISTINCT "characterId", "generationId" FROM "GenerationReference"
          WHERE "characterId" = ANY(${ids})) u
    JOIN "Generation" g ON g."id" = u."generationId" AND g."deletedAt" IS NULL
    GROUP BY u."characterId"`;
  for (const r of rows)
    out.set(r.characterId, { clipCount: Number(r.clips), spendUsd: roundUsd(Number(r.spend ?? 0)) });
  return out;
}

function toDTO(c: CharacterRow, u: Usage): CharacterDTO {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    images: c.images.map((i) => ({
      ...toAssetDTO(i.asset),
      position: i.position,
      label: i.label || i.asset.originalName,
    })),
    clipCount: u.clipCount,
    spendUsd: u.spendUsd,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function checkAssets(prisma: Db, assetIds: string[]) {
  const found = await prisma.asset.count({ where: { id: { in: assetIds } } });
  if (found !== assetIds.length) {
    throw new AppError(
      "unknown_reference",
      "One of the images is not an uploaded image. Upload it again.",
      422,
      {
        images: "unknown asset id",
      },
    );
  }
}

export async function listCharacters(prisma: Db): Promise<CharacterDTO[]> {
  const rows = await prisma.character.findMany({ orderBy: { updatedAt: "desc" }, include });
  const u = await usage(
    prisma,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDTO(r, u.get(r.id)!));
}

export async function getCharacter(prisma: Db, id: string): Promise<CharacterDTO> {
  const row = ID_PATTERN.test(id) ? await prisma.character.findUnique({ where: { id }, include }) : null;
  if (!row) throw new AppError("not_found", "That character does not exist.", 404);
  return toDTO(row, (await usage(prisma, [row.id])).get(row.id)!);
}

/** What a character's events record of it: enough to say what it was called and held. */
function snapshot(c: { name: string; description: string; images: { assetId: string }[] }) {
  return { name: c.name, description: c.description, images: c.images.map((i) => i.assetId) };
}

export async function createCharacter(prisma: Db, actor: Actor, raw: unknown): Promise<CharacterDTO> {
  const input = parseInput(characterSchema, raw);
  await checkAssets(
    prisma,
    input.images.map((i) => i.assetId),
  );
  const id = newId();
  await prisma.$transaction(async (tx) => {
    await tx.character.create({
      data: {
        id,
        name: input.name,
        description: input.description,
        createdById: makerId(actor),
        images: { create: input.images.map((img, position) => ({ ...img, position })) },
      },
    });
    await recordEvents(tx, actor, [{ characterId: id, kind: "character_create", to: snapshot(input) }]);
  });
  publishChange(prisma, { kind: "character", characterId: id });
  return getCharacter(prisma, id);
}

/** Replaces name, description and images. Clips made with it keep what they used. */
export async function updateCharacter(
  prisma: Db,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<CharacterDTO> {
  const input = parseInput(characterSchema, raw);
  await getCharacter(prisma, id);
  await checkAssets(
    prisma,
    input.images.map((i) => i.assetId),
  );
  await prisma.$transaction(async (tx) => {
    const before = await tx.character.findUnique({
      where: { id },
      include: { images: { orderBy: { position: "asc" } } },
    });
    if (!before) throw new AppError("not_found", "That character does not exist.", 404);
    await tx.characterImage.deleteMany({ where: { characterId: id } });
    await tx.character.update({
      where: { id },
      data: {
        name: input.name,
        description: input.description,
        images: { create: input.images.map((img, position) => ({ ...img, position })) },
      },
    });
    await recordEvents(tx, actor, [
      { characterId: id, kind: "character_update", from: snapshot(before), to: snapshot(input) },
    ]);
  });
  publishChange(prisma, { kind: "character", characterId: id });
  return getCharacter(prisma, id);
}

/** Deletes the character only: the clips that used it and their references stay, and so does its trail. */
export async function deleteCharacter(prisma: Db, actor: Actor, id: string): Promise<void> {
  await getCharacter(prisma, id);
  await prisma.$transaction(async (tx) => {
    const before = await tx.character.findUnique({
      where: { id },
      include: { images: { orderBy: { position: "asc" } } },
    });
    if (!before) throw new AppError("not_found", "That character does not exist.", 404);
    await tx.character.delete({ where: { id } });
    await recordEvents(tx, actor, [{ characterId: id, kind: "character_delete", from: snapshot(before) }]);
  });
  publishChange(prisma, { kind: "character", characterId: id });
}
