import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/http/errors";
import {
  isModelVersionId,
  isResolution,
  LEGACY_RESOLUTION,
  RESOLUTION_LABELS,
  type Resolution,
} from "@/lib/models/profiles";
import { finalTiers } from "./final-tiers";
import { findVisibleGeneration, type GenerationRecord } from "./repo";

export { finalTiers };

import { type Created, createGeneration, type GenerationDeps } from "./service";

// A clip's inputs run again: Retry (the same clip once more) and Make final (a draft's inputs at a higher
// tier, as a new clip linked to its draft). Both are the maker's: whoever asks makes the new clip.

/**
 * The request that made a clip: same references and names, same provider when it is still configured
 * (else the default), same version and tier where that provider still serves the version, same seed and
 * thinking level.
 */
function sameInputs(deps: GenerationDeps, row: GenerationRecord, idempotencyKey: unknown) {
  const provider = deps.providers.get(row.provider);
  // The tier goes with the version: a clip whose version is no longer served is made at the default's own.
  const sameVersion =
    isModelVersionId(row.modelVersion) && provider?.profiles.some((p) => p.id === row.modelVersion);
  return {
    prompt: row.prompt,
    referenceIds: row.references.map((r) => r.assetId),
    referenceNames: row.references.map((r) => r.label || r.asset.originalName),
    referenceCharacterIds: row.references.map((r) => r.characterId),
    // Reference videos, in order (absent for a clip without any, so its request hashes as before).
    ...(row.videoReferences.length
      ? {
          referenceVideoIds: row.videoReferences.map((r) => r.assetId),
          referenceVideoNames: row.videoReferences.map((r) => r.label || r.asset.originalName),
          referenceVideoCharacterIds: row.videoReferences.map((r) => r.characterId),
        }
      : {}),
    duration: row.duration,
    aspectRatio: row.aspectRatio,
    idempotencyKey,
    ...(provider ? { provider: row.provider } : {}),
    ...(sameVersion ? { model: row.modelVersion } : {}),
    ...(sameVersion && isResolution(row.resolution) ? { resolution: row.resolution } : {}),
    ...(row.seed !== null && provider?.capabilities.seed ? { seed: row.seed } : {}),
    ...(row.thinkingLevel !== null && provider ? { thinkingLevel: row.thinkingLevel } : {}),
    // A re-run of a shot's take is another take of it; of any other clip, a clip of the same project.
    ...(row.shotId ? { shotId: row.shotId } : row.projectId ? { projectId: row.projectId } : {}),
  };
}

async function clipOrThrow(deps: GenerationDeps, id: string): Promise<GenerationRecord> {
  const row = await findVisibleGeneration(deps.prisma, id);
  if (!row) throw new AppError("not_found", "That clip does not exist (it may have been deleted).", 404);
  return row;
}

/** Runs a clip's inputs again as a new generation (one take), so a seeded clip is reproduced. */
export async function retryGeneration(
  deps: GenerationDeps,
  actor: Actor,
  id: string,
  idempotencyKey: unknown,
): Promise<Created> {
  const row = await clipOrThrow(deps, id);
  return createGeneration({ ...deps, retryOfId: row.id }, actor, sameInputs(deps, row, idempotencyKey));
}

/**
 * Re-renders a finished draft's inputs at a higher tier as a new clip linked to it (`draftOfId`); the
 * compare view then shows the two side by side. Refused, naming what is allowed, for a clip that is not
 * finished, a tier its version does not offer, or one not above the draft's own.
 */
export async function makeFinal(
  deps: GenerationDeps,
  actor: Actor,
  id: string,
  resolution: Resolution,
  idempotencyKey: unknown,
): Promise<Created> {
  const row = await clipOrThrow(deps, id);
  if (row.status !== "completed") {
    throw new AppError(
      "not_finished",
      "Only a finished clip can be made final: wait for it to finish, or use Retry.",
      409,
    );
  }
  const tiers = finalTiers(row);
  if (!tiers.includes(resolution)) {
    const own = isResolution(row.resolution) ? row.resolution : LEGACY_RESOLUTION;
    throw new AppError(
      "unsupported_setting",
      tiers.length
        ? `resolution: this ${RESOLUTION_LABELS[own]} clip can be made final at ${tiers.map((t) => RESOLUTION_LABELS[t]).join(" or ")}.`
        : `resolution: this clip is already at its version's highest tier (${RESOLUTION_LABELS[own]}).`,
      422,
      { resolution: tiers.length ? `one of ${tiers.join(", ")}` : "no higher tier" },
    );
  }
  return createGeneration({ ...deps, draftOfId: row.id }, actor, {
    ...sameInputs(deps, row, idempotencyKey),
    resolution,
  });
}
