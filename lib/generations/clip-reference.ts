import "server-only";
import type { Db } from "@/lib/db/client";
import type { AssetDTO } from "@/lib/generations/dto";
import { AppError } from "@/lib/http/errors";
import { probeVideo } from "@/lib/media/probe";
import type { MediaStore } from "@/lib/media/storage";
import { profileById } from "@/lib/models/profiles";
import { cutName, cutVideoAsset } from "@/lib/uploads/ingest-video";
import { planRange, videoLimitsFor } from "@/lib/uploads/video-range";
import { parseInput } from "@/lib/validation/parse";
import { clipReferenceVideoSchema } from "./clip-reference-schema";
import { findVisibleGeneration } from "./repo";

/**
 * A finished clip's row and the key of its stored video, for what is made from it (a reference video, a
 * frame; `store.withLocalFile` gives ffmpeg a local path). Refused as not found, not finished ("only a finished clip <can>") or missing from storage.
 */
export async function finishedClipVideo(
  deps: { prisma: Db; store: MediaStore },
  id: string,
  can: string,
): Promise<{
  row: NonNullable<Awaited<ReturnType<typeof findVisibleGeneration>>>;
  videoKey: string;
}> {
  const row = await findVisibleGeneration(deps.prisma, id);
  if (!row) throw new AppError("not_found", "That clip does not exist (it may have been deleted).", 404);
  if (row.status !== "completed" || !row.videoKey) {
    throw new AppError("not_finished", `This clip is ${row.status}: only a finished clip ${can}.`, 409);
  }
  if (!(await deps.store.exists(row.videoKey))) {
    throw new AppError("media_missing", "This clip's video is missing from the studio's storage.", 410);
  }
  return { row, videoKey: row.videoKey };
}

/**
 * "Use as reference video": cuts the range asked of a finished clip's stored video into a reference video
 * asset (H.264/AAC MP4, at most the version's length; lib/uploads/ingest-video.ts cutVideoAsset). The same
 * clip and range give the same asset. Refused, changing nothing, for a clip that is not finished or a
 * range that does not fit.
 */
export async function clipToReferenceVideo(
  deps: { prisma: Db; store: MediaStore },
  id: string,
  raw: unknown,
): Promise<{ asset: AssetDTO; created: boolean }> {
  const input = parseInput(clipReferenceVideoSchema, raw);
  const { prisma, store } = deps;
  const { row, videoKey } = await finishedClipVideo(deps, id, "can become a reference video");
  let limits = videoLimitsFor();
  if (input.model) {
    const profile = profileById(input.model);
    if (!profile.videos) {
      throw new AppError("unsupported_setting", `${profile.label} takes no reference videos.`, 422, {
        model: `${profile.label} takes no reference videos: pick a version that does`,
      });
    }
    limits = videoLimitsFor(profile);
  }
  // The stored video as a local file for ffmpeg (on S3 a download, removed once the cut is stored).
  return store.withLocalFile(videoKey, (filePath) =>
    cutFromClip(prisma, store, row, videoKey, filePath, input, limits),
  );
}

async function cutFromClip(
  prisma: Db,
  store: MediaStore,
  row: { id: string },
  videoKey: string,
  filePath: string,
  input: ReturnType<typeof clipReferenceVideoSchema.parse>,
  limits: ReturnType<typeof videoLimitsFor>,
): Promise<{ asset: AssetDTO; created: boolean }> {
  const probe = await probeVideo(filePath);
  const name = `clip-${row.id.slice(-8)}.mp4`;
  const plan = planRange("the clip", probe.durationSec, input, limits);
  if (!plan.ok) {
    // "the clip is 8 s long; ..." starts a sentence here.
    const message = plan.message.replace(/^the clip/, "The clip");
    throw new AppError(plan.code, message, 422, { [plan.field]: message });
  }
  const range = plan.keep === "range" ? plan.range : { startSec: 0, endSec: probe.durationSec };
  return cutVideoAsset(prisma, store, {
    input: filePath,
    // The stored file's key is its content hash.
    sourceSha256: videoKey.slice(0, 64),
    name: cutName(name, range),
    range,
    hasAudio: probe.hasAudio,
  });
}
