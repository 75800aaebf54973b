import "server-only";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import sharp from "sharp";
import type { DbTx } from "@/lib/db/client";
import type { Asset } from "@/lib/db/generated/client";
import type { AssetDTO } from "@/lib/generations/dto";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { probeVideo, type VideoProbe } from "@/lib/media/probe";
import type { MediaStore } from "@/lib/media/storage";
import { cutReferenceVideo, type RenditionPaths, videoRenditions } from "@/lib/media/trim";
import { VIDEO_MIME, type VideoContainer } from "@/lib/media/video-container";
import { toAssetDTO } from "./ingest";
import {
  planRange,
  type RangeRequest,
  type TimeRange,
  trimKey,
  VIDEO_FORMATS_TEXT,
  type VideoLimits,
} from "./video-range";

/** A video file the caller holds (a temp file it removes afterwards), with what is known of it. */
export interface VideoSource {
  filePath: string;
  /** Already cleaned for display. */
  name: string;
  sha256: string;
  bytes: number;
  container: VideoContainer;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** An asset whose files are all still in the store (a repeat is answered without any work). */
async function usable(store: MediaStore, asset: Asset | null): Promise<Asset | null> {
  if (!asset) return null;
  const keys = [asset.mediaKey, asset.thumbKey, ...(asset.posterKey ? [asset.posterKey] : [])];
  for (const key of keys) if (!(await store.exists(key))) return null;
  return asset;
}

/** "beach.mov" cut from 10 s to 13 s: "beach 0:10-0:13.mp4". */
export function cutName(name: string, range: TimeRange): string {
  const stem = name.replace(/\.[A-Za-z0-9]{1,5}$/, "") || "video";
  const clock = (sec: number) => {
    const whole = Math.floor(sec);
    const tenth = Math.round((sec - whole) * 10);
    const base = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
    return tenth > 0 && tenth < 10 ? `${base}.${tenth}` : base;
  };
  return `${stem} ${clock(range.startSec)}-${clock(range.endSec)}.mp4`;
}

async function probeOrRefuse(source: VideoSource): Promise<VideoProbe> {
  try {
    return await probeVideo(source.filePath);
  } catch {
    throw new AppError(
      "unsupported_type",
      `${source.name} is not a video we can read (no picture track, or the file is damaged). Use ${VIDEO_FORMATS_TEXT}.`,
      415,
    );
  }
}

/**
 * The picture's upright size: ffmpeg turns the poster upright, and phones store portrait video sideways
 * with a rotation, so a poster that is portrait where the stream is landscape means the two swap.
 */
async function uprightSize(posterPath: string, probe: VideoProbe) {
  const meta = await sharp(posterPath).metadata();
  const portraitPoster = (meta.height ?? 0) > (meta.width ?? 0);
  const portraitProbe = probe.height > probe.width;
  return portraitPoster === portraitProbe
    ? { width: probe.width, height: probe.height }
    : { width: probe.height, height: probe.width };
}

/** Temp paths for a video's thumbnail and poster, removed by `done`. */
async function renditionPaths(store: MediaStore): Promise<RenditionPaths & { done(): Promise<void> }> {
  const thumbPath = await store.tempPath(".webp");
  const posterPath = await store.tempPath(".webp");
  return {
    thumbPath,
    posterPath,
    done: async () => {
      await Promise.all([rm(thumbPath, { force: true }), rm(posterPath, { force: true })]);
    },
  };
}

/** Stores a video's file, thumbnail and poster by content. */
function storeAll(store: MediaStore, file: string, ext: "mp4" | VideoContainer, paths: RenditionPaths) {
  return Promise.all([
    store.putStream(createReadStream(file), ext),
    store.putStream(createReadStream(paths.thumbPath), "webp"),
    store.putStream(createReadStream(paths.posterPath), "webp"),
  ]);
}

async function record(
  db: DbTx,
  data: Omit<Asset, "id" | "createdAt" | "frameOfId" | "frameAtSec">,
): Promise<{ asset: AssetDTO; created: boolean }> {
  const same = await db.asset.findUnique({ where: { sha256: data.sha256 } });
  if (same) return { asset: toAssetDTO(same), created: false };
  try {
    return { asset: toAssetDTO(await db.asset.create({ data: { id: newId(), ...data } })), created: true };
  } catch (err) {
    // The same bytes or the same cut, made at the same moment by another request.
    const raced =
      (await db.asset.findUnique({ where: { sha256: data.sha256 } })) ??
      (data.trimOf ? await db.asset.findUnique({ where: { trimOf: data.trimOf } }) : null);
    if (raced) return { asset: toAssetDTO(raced), created: false };
    throw err;
  }
}

/**
 * Takes a reference video: checked by its content with ffprobe (never its name or declared type), within
 * `limits` (size, length); a longer one is cut to `asked` (startSec, endSec) by cutVideoAsset. Stored by
 * content with a moving thumbnail and a poster: the same bytes give the same asset, and so do the same
 * source and range.
 */
export async function ingestVideo(
  db: DbTx,
  store: MediaStore,
  source: VideoSource,
  asked: RangeRequest,
  limits: VideoLimits,
): Promise<{ asset: AssetDTO; created: boolean }> {
  if (source.bytes > limits.maxBytes) {
    throw new AppError(
      "file_too_large",
      `${source.name} is ${mb(source.bytes)}; reference videos can be at most ${mb(limits.maxBytes)}.`,
      413,
    );
  }
  const whole = asked.startSec === undefined && asked.endSec === undefined;
  if (whole) {
    const known = await usable(store, await db.asset.findUnique({ where: { sha256: source.sha256 } }));
    if (known) return { asset: toAssetDTO(known), created: false };
  }
  const probe = await probeOrRefuse(source);
  const plan = planRange(source.name, probe.durationSec, asked, limits);
  if (!plan.ok) throw new AppError(plan.code, plan.message, 422, { [plan.field]: plan.message });
  if (plan.keep === "range") {
    return cutVideoAsset(db, store, {
      input: source.filePath,
      sourceSha256: source.sha256,
      name: cutName(source.name, plan.range),
      range: plan.range,
      hasAudio: probe.hasAudio,
    });
  }

  const paths = await renditionPaths(store);
  try {
    await videoRenditions(source.filePath, probe.durationSec, paths).catch(() => {
      throw new AppError(
        "undecodable_video",
        `${source.name} looks like a video but its frames cannot be decoded (it may be truncated or corrupt). Export it again and retry.`,
        422,
      );
    });
    const [{ width, height }, [original, thumb, posterFile]] = await Promise.all([
      uprightSize(paths.posterPath, probe),
      storeAll(store, source.filePath, source.container, paths),
    ]);
    return await record(db, {
      sha256: original.sha256,
      kind: "video",
      mime: VIDEO_MIME[source.container],
      width,
      height,
      bytes: original.bytes,
      originalName: source.name,
      mediaKey: original.key,
      thumbKey: thumb.key,
      posterKey: posterFile.key,
      durationSec: probe.durationSec,
      hasAudio: probe.hasAudio,
      trimOf: null,
    });
  } finally {
    await paths.done();
  }
}

export interface CutRequest {
  /** A file ffmpeg can read: an upload's temp file, or a stored clip. */
  input: string;
  /** What makes the cut the same cut again: the source's content hash. */
  sourceSha256: string;
  name: string;
  range: TimeRange;
  hasAudio: boolean;
}

/**
 * Cuts `range` out of a video as an H.264/AAC MP4 reference video asset (lib/media/trim.ts). The same
 * source and range give the same asset, found by Asset.trimOf without encoding again.
 */
export async function cutVideoAsset(
  db: DbTx,
  store: MediaStore,
  cut: CutRequest,
): Promise<{ asset: AssetDTO; created: boolean }> {
  const trimOf = trimKey(cut.sourceSha256, cut.range);
  const known = await usable(store, await db.asset.findUnique({ where: { trimOf } }));
  if (known) return { asset: toAssetDTO(known), created: false };
  const outPath = await store.tempPath(".mp4");
  const paths = await renditionPaths(store);
  try {
    try {
      await cutReferenceVideo({ input: cut.input, outPath, ...paths, ...cut.range, withAudio: cut.hasAudio });
    } catch {
      throw new AppError(
        "undecodable_video",
        `${cut.name} could not be cut: its frames cannot be decoded (it may be truncated or corrupt). Export it again and retry.`,
        422,
      );
    }
    // The cut is upright (ffmpeg turned it): its stream's size is the picture's.
    const [probe, [stored, thumb, posterFile]] = await Promise.all([
      probeVideo(outPath),
      storeAll(store, outPath, "mp4", paths),
    ]);
    const { width, height } = probe;
    const made = await record(db, {
      sha256: stored.sha256,
      kind: "video",
      mime: "video/mp4",
      width,
      height,
      bytes: stored.bytes,
      originalName: cut.name,
      mediaKey: stored.key,
      thumbKey: thumb.key,
      posterKey: posterFile.key,
      durationSec: probe.durationSec,
      hasAudio: probe.hasAudio,
      trimOf,
    });
    return made;
  } finally {
    await Promise.all([rm(outPath, { force: true }), paths.done()]);
  }
}
