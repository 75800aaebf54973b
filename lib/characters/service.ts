import "server-only";
import { makerId, recordEvents } from "@/lib/activity/service";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { publishChange } from "@/lib/live/change-bus";
import { toAssetDTO } from "@/lib/uploads/ingest";
import { DURATION_SLACK_SEC, videoLimitsFor } from "@/lib/uploads/video-range";
import { ID_PATTERN } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import type { CharacterDTO } from "./dto";
import { type CharacterUsage, characterUsage } from "./lineage";
import { characterVideoUpdateSchema, characterWithVideoSchema } from "./schema";

const include = {
  images: { orderBy: { position: "asc" }, include: { asset: true } },
  video: true,
} satisfies Prisma.CharacterInclude;
type CharacterRow = Prisma.CharacterGetPayload<{ include: typeof include }>;

function toDTO(c: CharacterRow, u: CharacterUsage): CharacterDTO {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    images: c.images.map((i) => ({
      ...toAssetDTO(i.asset),
      position: i.position,
      label: i.label || i.asset.originalName,
    })),
    mainImageId: mainOf(c.mainAssetId, c.images),
    voiceNote: c.voiceNote,
    video: c.video ? { ...toAssetDTO(c.video), label: c.videoLabel || c.video.originalName } : null,
    clipCount: u.clipCount,
    spendUsd: u.spendUsd,
    trend: u.trend,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The main image: the chosen one while the character still holds it, else its first image. */
function mainOf(chosen: string | null | undefined, images: { assetId: string }[]): string {
  return images.find((i) => i.assetId === chosen)?.assetId ?? images[0]?.assetId ?? "";
}

async function checkAssets(prisma: Db, assetIds: string[]) {
  const found = await prisma.asset.count({ where: { id: { in: assetIds }, kind: "image" } });
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

/** A character's video must be an uploaded reference video, short enough for every version that takes one. */
async function checkVideo(prisma: Db, video: { assetId: string } | null | undefined) {
  if (!video) return;
  const asset = await prisma.asset.findUnique({ where: { id: video.assetId } });
  if (asset?.kind !== "video") {
    const message = asset
      ? "The character's video is an image: upload a video (MP4, MOV or WebM) or cut one from a clip."
      : "The character's video is not an uploaded video. Upload it again.";
    throw new AppError("unknown_reference", message, 422, {
      video: asset ? "not a video" : "unknown asset id",
    });
  }
  const { maxSeconds } = videoLimitsFor();
  if ((asset.durationSec ?? 0) > maxSeconds + DURATION_SLACK_SEC) {
    throw new AppError(
      "video_too_long",
      `${asset.originalName} is ${asset.durationSec?.toFixed(1)} s long; a character's video can be at most ${maxSeconds} s.`,
      422,
      { video: `at most ${maxSeconds} s` },
    );
  }
}

/** Every character (they are shared across projects); counts, spend and trend of `projectId`'s clips. */
export async function listCharacters(
  prisma: Db,
  { projectId }: { projectId?: string } = {},
): Promise<CharacterDTO[]> {
  const rows = await prisma.character.findMany({ orderBy: { updatedAt: "desc" }, include });
  const u = await characterUsage(
    prisma,
    rows.map((r) => r.id),
    projectId,
  );
  return rows.map((r) => toDTO(r, u.get(r.id)!));
}

export async function getCharacter(prisma: Db, id: string): Promise<CharacterDTO> {
  const row = ID_PATTERN.test(id) ? await prisma.character.findUnique({ where: { id }, include }) : null;
  if (!row) throw new AppError("not_found", "That character does not exist.", 404);
  return toDTO(row, (await characterUsage(prisma, [row.id])).get(row.id)!);
}

/** What a character's events record of it: enough to say what it was called and held. */
function snapshot(c: {
  name: string;
  description: string;
  images: { assetId: string }[];
  mainAssetId?: string | null;
  voiceNote?: string;
  videoAssetId?: string | null;
}) {
  return {
    name: c.name,
    description: c.description,
    images: c.images.map((i) => i.assetId),
    main: mainOf(c.mainAssetId, c.images),
    ...(c.voiceNote ? { voiceNote: c.voiceNote } : {}),
    ...(c.videoAssetId ? { video: c.videoAssetId } : {}),
  };
}

export async function createCharacter(prisma: Db, actor: Actor, raw: unknown): Promise<CharacterDTO> {
  const input = parseInput(characterWithVideoSchema, raw);
  await checkAssets(
    prisma,
    input.images.map((i) => i.assetId),
  );
  await checkVideo(prisma, input.video);
  const id = newId();
  await prisma.$transaction(async (tx) => {
    await tx.character.create({
      data: {
        id,
        name: input.name,
        description: input.description,
        mainAssetId: mainOf(input.mainAssetId, input.images),
        voiceNote: input.voiceNote ?? "",
        createdById: makerId(actor),
        videoAssetId: input.video?.assetId ?? null,
        videoLabel: input.video?.label ?? "",
        images: { create: input.images.map((img, position) => ({ ...img, position })) },
      },
    });
    const made = { ...input, videoAssetId: input.video?.assetId ?? null };
    await recordEvents(tx, actor, [{ characterId: id, kind: "character_create", to: snapshot(made) }]);
  });
  publishChange(prisma, { kind: "character", characterId: id });
  return getCharacter(prisma, id);
}

/**
 * Replaces name, description, images and, when `video` is given, the video (null removes it). Clips made
 * with it keep what they used.
 */
export async function updateCharacter(
  prisma: Db,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<CharacterDTO> {
  const input = parseInput(characterWithVideoSchema, raw);
  await getCharacter(prisma, id);
  await checkAssets(
    prisma,
    input.images.map((i) => i.assetId),
  );
  await checkVideo(prisma, input.video);
  await prisma.$transaction(async (tx) => {
    const before = await tx.character.findUnique({
      where: { id },
      include: { images: { orderBy: { position: "asc" } } },
    });
    if (!before) throw new AppError("not_found", "That character does not exist.", 404);
    const main = mainOf(input.mainAssetId ?? before.mainAssetId, input.images);
    const voiceNote = input.voiceNote ?? before.voiceNote;
    await tx.characterImage.deleteMany({ where: { characterId: id } });
    await tx.character.update({
      where: { id },
      data: {
        name: input.name,
        description: input.description,
        mainAssetId: main,
        voiceNote,
        ...(input.video !== undefined
          ? { videoAssetId: input.video?.assetId ?? null, videoLabel: input.video?.label ?? "" }
          : {}),
        images: { create: input.images.map((img, position) => ({ ...img, position })) },
      },
    });
    const after = {
      ...input,
      mainAssetId: main,
      voiceNote,
      videoAssetId: input.video === undefined ? before.videoAssetId : (input.video?.assetId ?? null),
    };
    await recordEvents(tx, actor, [
      { characterId: id, kind: "character_update", from: snapshot(before), to: snapshot(after) },
    ]);
  });
  publishChange(prisma, { kind: "character", characterId: id });
  return getCharacter(prisma, id);
}

/** Sets (or, with null, removes) the character's video alone: PUT/DELETE /api/characters/:id/video. */
export async function setCharacterVideo(
  prisma: Db,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<CharacterDTO> {
  const video = parseInput(characterVideoUpdateSchema, raw);
  await getCharacter(prisma, id);
  await checkVideo(prisma, video);
  await prisma.$transaction(async (tx) => {
    const before = await tx.character.findUnique({
      where: { id },
      include: { images: { orderBy: { position: "asc" } } },
    });
    if (!before) throw new AppError("not_found", "That character does not exist.", 404);
    await tx.character.update({
      where: { id },
      data: { videoAssetId: video?.assetId ?? null, videoLabel: video?.label ?? "" },
    });
    await recordEvents(tx, actor, [
      {
        characterId: id,
        kind: "character_update",
        from: snapshot(before),
        to: snapshot({ ...before, videoAssetId: video?.assetId ?? null }),
      },
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
