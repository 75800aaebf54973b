import "server-only";
import type { Db } from "@/lib/db/client";
import type { Asset } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import type { ModelProfile } from "@/lib/models/profiles";
import { DURATION_SLACK_SEC } from "@/lib/uploads/video-range";
import type { CreateGenerationInput } from "./schema";

// A clip's reference videos (referenceVideoIds): found, checked against the chosen version (each video's
// length and size), and turned into the rows stored beside the clip (GenerationVideoReference), in order:
// position n is the prompt's <VIDEO_REF_n>.

export interface VideoReferenceRow {
  assetId: string;
  position: number;
  label: string;
  characterId: string | null;
}

const sec = (n: number) => `${Number(n.toFixed(2))} s`;

function refuse(message: string, field: string, detail: string, code = "unknown_reference"): never {
  throw new AppError(code, message, 422, { [field]: detail });
}

/** Refuses a video listed among the images (referenceIds): it would be sent as an image. */
function checkImageKinds(referenceIds: readonly string[], byId: ReadonlyMap<string, Asset>): void {
  const videos = referenceIds
    .map((id, i) => ({ asset: byId.get(id), i }))
    .filter((r) => r.asset?.kind === "video");
  if (videos.length === 0) return;
  const which = videos.map(({ i }) => `reference ${i + 1} (<IMAGE_REF_${i}>)`).join(", ");
  refuse(
    `${which} ${videos.length === 1 ? "is a video" : "are videos"}: list reference videos in referenceVideoIds, where the prompt names them <VIDEO_REF_n>.`,
    "referenceIds",
    "a video is listed among the images",
    "wrong_reference_kind",
  );
}

export interface ResolvedVideos {
  /** The rows to store beside the clip, in order. */
  rows: VideoReferenceRow[];
  /** The stored rows of a new clip, as a read with their assets would return them. */
  rowsFor(generationId: string): (VideoReferenceRow & { generationId: string; asset: Asset })[];
}

/**
 * The request's reference videos, checked: each is an uploaded video, within the version's length and
 * size; and none of the images (`images`, by id) is a video.
 */
export async function resolveReferenceVideos(
  prisma: Db,
  input: CreateGenerationInput,
  profile: ModelProfile,
  images: ReadonlyMap<string, Asset>,
): Promise<ResolvedVideos> {
  checkImageKinds(input.referenceIds, images);
  const { rows, byId } = await findVideos(prisma, input, profile);
  return {
    rows,
    rowsFor: (generationId) => rows.map((r) => ({ ...r, generationId, asset: byId.get(r.assetId)! })),
  };
}

async function findVideos(
  prisma: Db,
  input: CreateGenerationInput,
  profile: ModelProfile,
): Promise<{ rows: VideoReferenceRow[]; byId: Map<string, Asset> }> {
  const ids = input.referenceVideoIds ?? [];
  if (ids.length === 0) return { rows: [], byId: new Map() };
  const assets = await prisma.asset.findMany({ where: { id: { in: ids } } });
  const byId = new Map(assets.map((a) => [a.id, a]));
  const tagOf = (i: number) => `reference video ${i + 1} (<VIDEO_REF_${i}>)`;

  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !byId.has(id));
  if (missing.length > 0) {
    refuse(
      `${missing.map(({ i }) => tagOf(i)).join(", ")} ${missing.length === 1 ? "is" : "are"} not an uploaded video. Upload it again.`,
      "referenceVideoIds",
      `unknown asset id(s): ${missing.map((m) => m.id).join(", ")}`,
    );
  }
  const images = ids.map((id, i) => ({ asset: byId.get(id)!, i })).filter((r) => r.asset.kind !== "video");
  if (images.length > 0) {
    refuse(
      `${images.map(({ i }) => tagOf(i)).join(", ")} ${images.length === 1 ? "is an image" : "are images"}: list images in referenceIds, where the prompt names them <IMAGE_REF_n>.`,
      "referenceVideoIds",
      "an image is listed among the videos",
      "wrong_reference_kind",
    );
  }
  const limits = profile.videos;
  if (limits) {
    for (const [i, id] of ids.entries()) {
      const asset = byId.get(id)!;
      const length = asset.durationSec ?? 0;
      if (length > limits.maxSeconds + DURATION_SLACK_SEC) {
        refuse(
          `${tagOf(i)}, ${asset.originalName}, is ${sec(length)} long; ${profile.label} takes reference videos of at most ${sec(limits.maxSeconds)}. Cut it shorter and upload it again.`,
          "referenceVideoIds",
          `${profile.label} takes videos of at most ${sec(limits.maxSeconds)}`,
          "unsupported_setting",
        );
      }
      if (asset.bytes > limits.maxBytes) {
        refuse(
          `${tagOf(i)}, ${asset.originalName}, is ${(asset.bytes / 1024 / 1024).toFixed(1)} MB; ${profile.label} takes reference videos of at most ${(limits.maxBytes / 1024 / 1024).toFixed(0)} MB.`,
          "referenceVideoIds",
          `${profile.label} takes videos of at most ${(limits.maxBytes / 1024 / 1024).toFixed(0)} MB`,
          "unsupported_setting",
        );
      }
    }
  }
  const rows = ids.map((assetId, position) => ({
    assetId,
    position,
    label: input.referenceVideoNames?.[position] || byId.get(assetId)!.originalName,
    characterId: input.referenceVideoCharacterIds?.[position] ?? null,
  }));
  return { rows, byId };
}

/** What the reference videos add to a request's identity: nothing without any, so it hashes as before. */
export function videoHashFields(input: CreateGenerationInput) {
  const ids = input.referenceVideoIds ?? [];
  return ids.length ? { referenceVideoIds: ids, referenceVideoNames: input.referenceVideoNames ?? [] } : {};
}

/** The saved characters a request names, for its images and its videos, each once. */
export function requestCharacterIds(input: CreateGenerationInput): string[] {
  const all = [...(input.referenceCharacterIds ?? []), ...(input.referenceVideoCharacterIds ?? [])];
  return [...new Set(all.filter((c): c is string => Boolean(c)))];
}
