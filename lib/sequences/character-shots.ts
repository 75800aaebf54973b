import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getCharacter } from "@/lib/characters/service";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/validation/parse";
import { refreshedContent } from "./character-refresh";
import type { StaleShot } from "./dto";
import type { ShotContent } from "./schema";
import { refreshCharacterShotsSchema } from "./schema";
import { shotLabel } from "./service";
import { updateShot } from "./shots";

// Characters stay bound across shots: a shot's content remembers which of its references came from a
// character (referenceCharacterIds). When the character's images change, the shots still to be made (no
// chosen take yet) that hold images the character no longer has can be brought up to date: each such
// image is swapped for one the character has now, in its place, so the prompt's tags keep pointing where
// they did.

async function candidates(prisma: Db, characterId: string) {
  const character = await getCharacter(prisma, characterId);
  const images = character.images.map((i) => i.id);
  // Shots with no chosen take, in sequences that are not in an archived project; the JSON is read here
  // (a shot's content is small, and a team has hundreds of shots, not millions).
  const shots = await prisma.shot.findMany({
    where: { deletedAt: null, chosenGenerationId: null, sequence: { project: { archivedAt: null } } },
    include: { sequence: { select: { id: true, title: true } } },
    orderBy: [{ sequenceId: "asc" }, { position: "asc" }],
  });
  return shots.flatMap((shot) => {
    const next = refreshedContent(
      (shot.content ?? {}) as ShotContent,
      characterId,
      images,
      character.mainImageId,
    );
    return next ? [{ shot, next }] : [];
  });
}

/** The shots still to be made that hold images the character no longer has. */
export async function staleShots(prisma: Db, characterId: string): Promise<StaleShot[]> {
  return (await candidates(prisma, characterId)).map(({ shot, next }) => ({
    shotId: shot.id,
    sequenceId: shot.sequence.id,
    sequenceTitle: shot.sequence.title,
    label: shotLabel(shot),
    stale: next.stale,
  }));
}

/**
 * Brings those shots (or the ones named in `shotIds`, among them) up to date, each signed on its
 * sequence's trail as a shot change. Returns the shots changed.
 */
export async function refreshCharacterShots(
  prisma: Db,
  actor: Actor,
  characterId: string,
  raw: unknown,
): Promise<StaleShot[]> {
  const { shotIds } = parseInput(refreshCharacterShotsSchema, raw ?? {});
  const all = await candidates(prisma, characterId);
  const picked = shotIds ? all.filter((c) => shotIds.includes(c.shot.id)) : all;
  if (shotIds) {
    const missing = shotIds.find((id) => !all.some((c) => c.shot.id === id));
    if (missing) {
      throw new AppError(
        "not_stale",
        "One of those shots is not waiting for this character's new images (chosen take, removed, or already up to date).",
        422,
        { shotIds: `not a shot to update: ${missing}` },
      );
    }
  }
  const done: StaleShot[] = [];
  for (const { shot, next } of picked) {
    await updateShot(prisma, actor, shot.id, { content: next.content });
    done.push({
      shotId: shot.id,
      sequenceId: shot.sequence.id,
      sequenceTitle: shot.sequence.title,
      label: shotLabel(shot),
      stale: next.stale,
    });
  }
  return done;
}
