import "server-only";
import os from "node:os";
import pLimit from "p-limit";
import { ToolRunError } from "@/lib/media/ffmpeg";
import { needsHoverRendition } from "@/lib/media/hover";
import { extractPoster, probeVideo } from "@/lib/media/probe";
import type { MediaStore } from "@/lib/media/storage";
import { ProviderCallError, type ProviderVideo, type VideoProvider } from "@/lib/providers/types";

/**
 * Probes and posters run at most this many at a time, however many jobs finish together. Each runs
 * ffprobe and ffmpeg (tens of MB each) and holds a frame; 32 at once took the server past 900 MB for no
 * gain in speed on 2 cores, since the tools are CPU-bound.
 */
export const SAVES_AT_ONCE = Math.max(1, Math.min(4, os.availableParallelism()));
const mediaWork = pLimit(SAVES_AT_ONCE);

/** Probes and posters running now, and saves waiting for their turn. */
export function saveLoad(): { running: number; waiting: number } {
  return { running: mediaWork.activeCount, waiting: mediaWork.pendingCount };
}

export interface SavedOutput {
  videoKey: string;
  posterKey: string;
  bytes: number;
  durationSec: number;
  /** The stored frame size, from ffprobe. */
  width: number;
  height: number;
  /**
   * Above 720p: cards hover-play a small rendition instead (lib/media/hover.ts), made after the save so
   * the clip is playable as soon as its file and poster are stored.
   */
  needsHover: boolean;
}

/**
 * Copies the provider's video into our storage (the provider's URL is temporary), checks it is a real
 * video, and makes its poster (at most 640 px wide, WebP, about 10 KB, whatever the clip's tier). Safe to repeat: files are content-addressed, so a retry after a crash
 * writes the same keys.
 */
export async function saveOutput(
  store: MediaStore,
  provider: VideoProvider,
  video: ProviderVideo,
): Promise<SavedOutput> {
  const stream = await provider.openOutput(video);
  let stored: Awaited<ReturnType<MediaStore["putStream"]>>;
  try {
    stored = await store.putStream(stream, "mp4");
  } catch (err) {
    throw new ProviderCallError({
      code: "download_failed",
      message: `Downloading the finished video failed: ${err instanceof Error ? err.message : String(err)}`,
      retryable: true,
    });
  }
  return mediaWork(() => checkAndPoster(store, stored));
}

async function checkAndPoster(
  store: MediaStore,
  stored: Awaited<ReturnType<MediaStore["putStream"]>>,
): Promise<SavedOutput> {
  // The stored file itself, or (S3) a download removed once the probe and the poster are done.
  const local = await store.localFile(stored.key);
  try {
    return await probeAndPoster(store, stored, local.path);
  } finally {
    await local.release();
  }
}

async function probeAndPoster(
  store: MediaStore,
  stored: Awaited<ReturnType<MediaStore["putStream"]>>,
  path: string,
): Promise<SavedOutput> {
  // The probe and the poster run side by side: the poster's usual moment is known before the probe
  // answers (extractPoster grabs it meanwhile), and the clip is playable only once both are done.
  const probing = probeVideo(path);
  const posterMaking = extractPoster(path, { durationSec: probing.then((p) => p.durationSec) });
  posterMaking.catch(() => undefined); // awaited below unless the probe fails first
  let probe: Awaited<ReturnType<typeof probeVideo>>;
  try {
    probe = await probing;
  } catch (err) {
    if (err instanceof ToolRunError) {
      // ffprobe could not run (a busy machine: no memory or processes left). The file is fine as far as
      // we know, and it is content-addressed, so other clips may share it: keep it and try again later.
      throw new ProviderCallError({
        code: "save_failed",
        message: `Checking the finished video failed: ${err.message}`,
        retryable: true,
      });
    }
    // ffprobe read the file and refused it. Identical bytes cannot be another clip's playable video, so
    // removing this content-addressed file takes nothing from anyone.
    await store.delete(stored.key);
    throw new ProviderCallError({
      code: "invalid_output",
      message: "The provider returned a file that is not a playable video.",
      retryable: false,
    });
  }
  const poster = await store.putBuffer(await posterMaking, "webp");
  return {
    videoKey: stored.key,
    posterKey: poster.key,
    bytes: stored.bytes,
    durationSec: probe.durationSec,
    width: probe.width,
    height: probe.height,
    needsHover: needsHoverRendition(probe),
  };
}
