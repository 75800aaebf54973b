import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { dropTags } from "@/lib/client/draft";
import type { Db } from "@/lib/db/client";
import { clipFrameToReference } from "@/lib/generations/frames";
import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { remapImageTags } from "@/lib/generations/tags";
import { AppError } from "@/lib/http/errors";
import type { MediaStore } from "@/lib/media/storage";
import { profileOfClip } from "@/lib/models/profiles";
import type { ShotDTO } from "./dto";
import type { ShotContent } from "./schema";
import { shotLabel } from "./service";
import { updateShot } from "./shots";

/** The hint a continued shot's prompt opens with (as the composer's Continue from here writes it). */
export const CONTINUE_HINT =
  "Continue the action from <IMAGE_REF_0>, the last frame of the previous shot, in one continuous move.";

/**
 * "Continue from the previous shot": the previous shot's chosen take's last frame, stored as a reference
 * image (lineage to that clip), becomes this shot's first reference, beside the take's own references
 * (its characters, places and looks, as far as its version takes them) and videos, with its version,
 * tier and length; the prompt opens with the hint to continue, then the take's prompt with its tags
 * moved up. Replaces the shot's content (the trail keeps what it was). Refused, naming the shot, for the
 * first shot, or when the previous one has no finished chosen take.
 */
export async function continueFromPrevious(
  deps: { prisma: Db; store: MediaStore },
  actor: Actor,
  shotId: string,
): Promise<ShotDTO> {
  const { prisma } = deps;
  const shot = await prisma.shot.findFirst({ where: { id: shotId, deletedAt: null } });
  if (!shot) throw new AppError("not_found", "That shot does not exist.", 404);
  const label = shotLabel(shot);
  const previous = await prisma.shot.findFirst({
    where: { sequenceId: shot.sequenceId, deletedAt: null, position: { lt: shot.position } },
    orderBy: [{ position: "desc" }, { id: "desc" }],
  });
  if (!previous) {
    throw new AppError(
      "no_previous_shot",
      `${label} is the first shot: there is nothing to continue from.`,
      422,
    );
  }
  const row = previous.chosenGenerationId
    ? await findVisibleGeneration(prisma, previous.chosenGenerationId)
    : null;
  if (row?.status !== "completed") {
    throw new AppError(
      "no_previous_take",
      `${label}: ${shotLabel(previous)} has no finished chosen take to continue from. Choose one first.`,
      422,
    );
  }
  const take = toGenerationDTO(row);
  const { asset: frame } = await clipFrameToReference(deps, take.id, { atSec: "last" });
  const profile = profileOfClip(take);
  const refs = [...take.references].sort((a, b) => a.position - b.position);
  const kept = refs.slice(0, Math.max(0, profile.images.max - 1));
  const videos = [...take.referenceVideos].sort((a, b) => a.position - b.position);
  const own = remapImageTags(
    dropTags(take.prompt, (i) => i >= kept.length),
    (i) => i + 1,
  ).trim();
  const content: ShotContent = {
    prompt: own ? `${CONTINUE_HINT} ${own}` : CONTINUE_HINT,
    referenceIds: [frame.id, ...kept.map((r) => r.id)],
    referenceNames: ["Last frame", ...kept.map((r) => r.label || r.name)],
    referenceCharacterIds: [null, ...kept.map((r) => r.characterId ?? null)],
    ...(videos.length
      ? {
          referenceVideoIds: videos.map((v) => v.id),
          referenceVideoNames: videos.map((v) => v.label || v.name),
          referenceVideoCharacterIds: videos.map((v) => v.characterId ?? null),
        }
      : {}),
    duration: take.duration,
    provider: take.provider,
    model: take.modelVersion,
    ...(take.resolution ? { resolution: take.resolution } : {}),
  };
  return updateShot(prisma, actor, shot.id, { content });
}
