import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { AspectRatio } from "@/lib/generations/schema";
import { abortError, runFfmpeg } from "@/lib/media/ffmpeg";
import { RESOLUTION_SIZES, type Resolution } from "@/lib/models/profiles";
import { SAMPLE_RATE, synthSoundtrack } from "./sound";
import { FPS, preparedSize, shares, sliceMovingVideo, sliceVideo, splitTimeline } from "./timeline";

export interface RenderPreviewOptions {
  imagePaths: string[];
  /** Reference videos, shown moving after the pictures, each looped to fill its share of the clip. */
  videoPaths?: string[];
  duration: number;
  aspectRatio: AspectRatio;
  /** Frame size (RESOLUTION_SIZES, turned for 9:16); 720p when left out. */
  resolution?: Resolution;
  outPath: string;
  prompt?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Pieces rendered side by side; one per core by default. */
  parts?: number;
}

// Measured on 2 cores: superfast beats ultrafast at 720p (ultrafast writes a far bigger stream on
// detailed photos there and ends up slower), and B-frames cost ~20% more CPU for no gain on slow global
// zooms. Skipping the 4x4 and 8x8 intra partitions saves 12 to 14% of x264's CPU for the same size and
// SSIM on these pans; fullpel motion search (subme=0) saved more but wrote 29% more bytes on a detailed
// picture. Larger frames trade a little quality for speed and size: at 4K x264 is three quarters of the
// render, and ultrafast at CRF 28 took 31% less CPU than superfast at CRF 26 and wrote 32% fewer bytes
// (15 s from five detailed 1600x1200 photos: 18.9 against 27.4 CPU s, 11.0 against 16.1 MB).
const ENCODE: Record<Resolution, { preset: string; crf: number }> = {
  "360p": { preset: "superfast", crf: 26 },
  "720p": { preset: "superfast", crf: 26 },
  "1080p": { preset: "superfast", crf: 27 },
  "4k": { preset: "ultrafast", crf: 28 },
};

const videoArgs = (resolution: Resolution) => [
  ..."-c:v libx264 -tune stillimage -bf 0 -pix_fmt yuv420p".split(" "),
  ...["-preset", ENCODE[resolution].preset, "-crf", String(ENCODE[resolution].crf)],
  // A keyframe every second (-g 25): a seek, or a click on a comment pinned to a moment, decodes from at
  // most a second before it, instead of from the start (x264 otherwise puts one every 250 frames).
  ..."-g 25 -x264-params partitions=none".split(" "),
  ..."-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv".split(" "),
];
const AUDIO_ARGS = "-c:a aac -b:a 128k".split(" ");
const MUX_ARGS = [
  ..."-map_metadata -1 -movflags +faststart".split(" "),
  ...["-metadata", "comment=Omni Studio preview engine: a slideshow of the references, not AI output"],
];
/** Pieces rendered side by side: one per core (at most 4); each encodes with the cores left to it. */
const PREVIEW_PARTS = Math.max(1, Math.min(4, availableParallelism()));

/**
 * Renders the preview engine's clip: a Ken Burns slideshow of the reference pictures, then the reference
 * videos playing (looped to their share of the clip), with a soundtrack.
 *
 * zoompan and the rest of a filter graph run on one thread, so one ffmpeg keeps a single core busy for
 * most of the render. Instead the timeline is cut into `PREVIEW_PARTS` pieces rendered by one ffmpeg
 * each, while another encodes the soundtrack, and the pieces are then joined without re-encoding.
 */
export async function renderPreview(options: RenderPreviewOptions): Promise<void> {
  const { imagePaths, duration, aspectRatio, outPath, prompt = "", signal, onProgress } = options;
  const videoPaths = options.videoPaths ?? [];
  const count = imagePaths.length + videoPaths.length;
  if (count === 0) throw new Error("renderPreview needs at least one image or video");
  if (!(duration > 0 && duration <= 60)) throw new Error(`invalid preview duration: ${duration}`);
  const resolution = options.resolution ?? "720p";
  const size = RESOLUTION_SIZES[resolution];
  const [width, height] = aspectRatio === "9:16" ? [size.height, size.width] : [size.width, size.height];
  const frames = shares(Math.round(duration * FPS), count);
  if (frames.some((f) => f < 2)) throw new Error("too many references for so short a preview");
  const pieces = splitTimeline(frames, options.parts ?? PREVIEW_PARTS);

  await mkdir(path.dirname(outPath), { recursive: true });
  const work = await mkdtemp(path.join(tmpdir(), "omni-preview-"));
  const partial = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${randomUUID()}.partial`);
  // One failed piece stops the others.
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const settle = async <T>(all: Promise<T>[]): Promise<T[]> => {
    const results = await Promise.allSettled(all);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) {
      stop.abort(failed.reason);
      throw signal?.aborted ? abortError(signal) : failed.reason;
    }
    return results.map((r) => (r as PromiseFulfilledResult<T>).value);
  };
  try {
    signal?.throwIfAborted();
    onProgress?.(0);
    // rotate() applies EXIF orientation; cover-fit here means the video never shows black bars. Runs on
    // libvips' threads while this thread writes the soundtrack.
    const prepared = imagePaths.map(async (src, i) => {
      const dest = path.join(work, `ref-${i}.jpg`);
      const image = sharp(src, { failOn: "error" });
      const meta = await image.metadata();
      // EXIF orientations 5 to 8 turn the picture a quarter: its upright size is the other way round.
      const upright =
        (meta.orientation ?? 1) >= 5
          ? { width: meta.height ?? height, height: meta.width ?? width }
          : { width: meta.width ?? width, height: meta.height ?? height };
      const size = preparedSize(upright, { width, height });
      await image
        .rotate()
        .resize(size.width, size.height, { fit: "cover" })
        .flatten({ background: "#101014" })
        .jpeg({ quality: 92 })
        .toFile(dest);
      return dest;
    });
    // Settled from now on, and awaited below: a picture that fails while the soundtrack is being
    // written must not be an unhandled rejection in between.
    const imagesReady = settle(prepared);
    imagesReady.catch(() => {});
    const total = frames.reduce((x, y) => x + y, 0) / FPS;
    const audio = synthSoundtrack(
      prompt,
      frames.map((f) => f / FPS),
    );
    const audioPath = path.join(work, "soundtrack.f32");
    await writeFile(audioPath, new Uint8Array(audio.buffer, audio.byteOffset, audio.byteLength));
    const soundtrack = path.join(work, "soundtrack.m4a");
    const encodeAudio = runFfmpeg(
      [
        ...["-f", "f32le", "-ar", String(SAMPLE_RATE), "-ac", "2", "-i", audioPath],
        ...AUDIO_ARGS,
        ...["-f", "mp4", "-y", soundtrack],
      ],
      { signal: stop.signal },
    );
    encodeAudio.catch(() => {}); // awaited with the pieces below
    // Segment i shows picture i, then the videos in their order.
    const sources = [...(await imagesReady), ...videoPaths];
    const isVideo = (index: number) => index >= imagePaths.length;
    signal?.throwIfAborted();

    const done = pieces.map(() => 0);
    const threads = String(Math.max(1, Math.floor(availableParallelism() / pieces.length)));
    const renders = pieces.map((slices, k) => {
      const graph = slices.map((slice, i) =>
        (isVideo(slice.index) ? sliceMovingVideo : sliceVideo)(slice, i, width, height),
      );
      graph.push(`${slices.map((_, i) => `[v${i}]`).join("")}concat=n=${slices.length}:v=1:a=0[v]`);
      const length = slices.reduce((a, s) => a + s.length, 0);
      return runFfmpeg(
        [
          ...slices.flatMap((s) => [
            ...(isVideo(s.index) ? ["-stream_loop", "-1"] : []),
            ...["-i", sources[s.index] as string],
          ]),
          ...["-filter_complex", graph.join(";"), "-map", "[v]"],
          ...videoArgs(resolution),
          ...["-threads", threads, "-r", String(FPS), "-frames:v", String(length), "-f", "mp4", "-y"],
          path.join(work, `part-${k}.mp4`),
        ],
        {
          signal: stop.signal,
          onProgress:
            onProgress &&
            ((s) => {
              done[k] = Math.min(s, length / FPS);
              onProgress(Math.min(0.99, done.reduce((a, b) => a + b, 0) / total));
            }),
        },
      );
    });
    await settle([encodeAudio, ...renders]);
    // The concat demuxer joins the pieces' streams as they are; names relative to the list's folder.
    const list = path.join(work, "parts.txt");
    await writeFile(list, pieces.map((_, k) => `file 'part-${k}.mp4'\n`).join(""));
    await runFfmpeg(
      [
        ...["-f", "concat", "-i", list, "-i", soundtrack, "-map", "0:v", "-map", "1:a", "-c", "copy"],
        ...MUX_ARGS,
        ...["-t", total.toFixed(3), "-f", "mp4", "-y", partial],
      ],
      { signal: stop.signal },
    );
    await rename(partial, outPath);
    onProgress?.(1);
  } catch (err) {
    stop.abort(err);
    await rm(partial, { force: true });
    throw err;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await rm(work, { recursive: true, force: true });
  }
}
