import "server-only";
import type { Db } from "@/lib/db/client";
import type { AssetDTO } from "@/lib/generations/dto";
import { AppError } from "@/lib/http/errors";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { probeVideo } from "@/lib/media/probe";
import type { MediaStore } from "@/lib/media/storage";
import { ingestImage } from "@/lib/uploads/ingest";
import { parseInput } from "@/lib/validation/parse";
import { finishedClipVideo } from "./clip-reference";
import { clipFrameSchema } from "./frame-schema";

/** Closer to the end than this, a moment is the last frame (a seek there finds no frame). */
const END_SLACK_SEC = 0.1;
/** How far past the end a time may be and still mean the end (players report a little over). */
const PAST_END_SLACK_SEC = 0.05;

/**
 * One frame of a stored video at full resolution, as PNG bytes: at `atSec`, or its last frame. PNG is
 * lossless and ffmpeg's encoder deterministic, so the same frame gives the same bytes (the same asset).
 */
export async function extractFrame(videoPath: string, at: number | "last", signal?: AbortSignal) {
  // zlib level 3: a third faster to encode than the default, about a tenth larger.
  const out = ["-frames:v", "1", "-an", "-f", "image2pipe", "-c:v", "png", "-compression_level", "3", "-"];
  // The last frame: decode the final half second and take it reversed (seeking to the very end yields none).
  const args =
    at === "last"
      ? ["-sseof", "-0.5", "-i", videoPath, "-vf", "reverse", ...out]
      : ["-ss", at.toFixed(3), "-i", videoPath, ...out];
  return runFfmpeg(args, { signal });
}

/**
 * "Continue from here": a finished clip's frame (at `atSec`, or "last") becomes a reference image asset,
 * stored and deduplicated like any upload, marked as taken from this clip at that moment (its lineage;
 * the same frame asked again is the same asset). Refused, changing nothing, for a clip that is not
 * finished or a time past its end.
 */
export async function clipFrameToReference(
  deps: { prisma: Db; store: MediaStore },
  id: string,
  raw: unknown,
): Promise<{ asset: AssetDTO; created: boolean }> {
  const { atSec } = parseInput(clipFrameSchema, raw);
  const { prisma, store } = deps;
  const { row, videoKey } = await finishedClipVideo(deps, id, "has frames to continue from");
  // The stored video as a local file for ffmpeg (on S3 a download, removed once the frame is read).
  const { last, at, bytes } = await store.withLocalFile(videoKey, async (filePath) => {
    const { durationSec } = await probeVideo(filePath);
    if (atSec !== "last" && atSec > durationSec + PAST_END_SLACK_SEC) {
      const message = `atSec ${atSec} s is past the clip's end: it is ${durationSec.toFixed(2)} s long. Give 0 to ${durationSec.toFixed(2)}, or "last".`;
      throw new AppError("frame_out_of_range", message, 422, { atSec: message });
    }
    const last = atSec === "last" || atSec >= durationSec - END_SLACK_SEC;
    const at = last ? durationSec : atSec;
    return { last, at, bytes: await extractFrame(filePath, last ? "last" : atSec) };
  });
  if (bytes.byteLength === 0) {
    throw new AppError(
      "frame_unavailable",
      `No frame could be read at ${at.toFixed(2)} s of this clip.`,
      422,
      {
        atSec: "no frame there",
      },
    );
  }
  const moment = last ? "last" : `${at.toFixed(2)}s`;
  const result = await ingestImage(prisma, store, {
    bytes,
    fileName: `clip-${row.id.slice(-8)}-frame-${moment}.png`,
  });
  // Lineage: the first clip a frame was taken from stays its source (an asset already marked says so).
  const frameOf = { generationId: row.id, atSec: Math.round(at * 1000) / 1000 };
  const marked = await prisma.asset.updateMany({
    where: { id: result.asset.id, frameOfId: null },
    data: { frameOfId: frameOf.generationId, frameAtSec: frameOf.atSec },
  });
  return { asset: marked.count === 1 ? { ...result.asset, frameOf } : result.asset, created: result.created };
}
