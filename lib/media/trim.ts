import "server-only";
import { runFfmpeg } from "./ffmpeg";

// Reference videos cut and thumbnailed by ffmpeg (lib/uploads/ingest-video.ts, "Use as reference video").
// One ffmpeg run per video decodes the source once and writes every rendition: the cut (when there is
// one), the moving thumbnail and the poster.

/** A cut is scaled to at most this long edge: a reference for motion needs no more, and 720p is small. */
export const TRIM_MAX_EDGE = 1280;
/** The moving thumbnail's long edge and frame rate: a chip's few frames, a few tens of KB. */
export const MOVING_THUMB_EDGE = 160;
export const MOVING_THUMB_FPS = 8;
/** The poster's width, as clips' posters (lib/media/probe.ts extractPoster). */
export const POSTER_WIDTH = 640;

/** Fits a video inside `edge` x `edge` on its long side, never enlarging it; even sizes for H.264. */
const fitLongEdge = (edge: number) =>
  `scale='if(gte(iw,ih),min(${edge},iw),-2)':'if(gte(iw,ih),-2,min(${edge},ih))'`;

export interface RenditionPaths {
  /** The animated WebP of a few frames a second. */
  thumbPath: string;
  /** One still WebP frame. */
  posterPath: string;
}

/**
 * The filter graph's thumbnail and poster branches, fed by `[src]`, and their outputs. The poster is the
 * frame at 1 s, or the middle of a shorter video.
 */
function renditions(src: string, lengthSec: number, paths: RenditionPaths) {
  const posterAt = Math.min(1, lengthSec / 2).toFixed(3);
  const graph =
    `${src}split=2[t][p];` +
    `[t]fps=${MOVING_THUMB_FPS},${fitLongEdge(MOVING_THUMB_EDGE)}:flags=bilinear[thumb];` +
    `[p]select='gte(t\\,${posterAt})',scale='min(${POSTER_WIDTH},iw)':-2:flags=bicubic[poster]`;
  const outputs = [
    ...["-map", "[thumb]", "-t", lengthSec.toFixed(3), "-an", "-c:v", "libwebp_anim", "-loop", "0"],
    ...["-quality", "60", "-compression_level", "3", "-f", "webp", "-y", paths.thumbPath],
    ...["-map", "[poster]", "-frames:v", "1", "-an", "-c:v", "libwebp", "-quality", "75"],
    ...["-f", "webp", "-y", paths.posterPath],
  ];
  return { graph, outputs };
}

export interface CutOptions extends RenditionPaths {
  input: string;
  /** The H.264/AAC MP4 written. */
  outPath: string;
  startSec: number;
  endSec: number;
  /** Whether the source has a sound track to keep (AAC); without one the MP4 has none. */
  withAudio: boolean;
  signal?: AbortSignal;
}

/**
 * Cuts [startSec, endSec) out of `input` as an H.264/AAC MP4 (re-encoded: the cut is frame-accurate, not
 * at the nearest keyframe; scaled to at most TRIM_MAX_EDGE; sound kept when there is some) with its
 * moving thumbnail and poster. Bit-exact flags and no copied metadata: the same source and range give the
 * same bytes.
 */
export async function cutReferenceVideo(options: CutOptions): Promise<void> {
  const { input, outPath, startSec, endSec, withAudio, signal } = options;
  const length = endSec - startSec;
  const { graph, outputs } = renditions("[cut]", length, options);
  const args = [
    // Before -i: seeks to the keyframe before startSec, then decodes (and drops) up to it exactly; reads
    // a little past the end only. Each output's own -t ends it on the frame (an input -t keeps a frame
    // more on each side).
    ...["-ss", startSec.toFixed(3), "-t", (length + 0.5).toFixed(3), "-i", input],
    "-filter_complex",
    `[0:v:0]${fitLongEdge(TRIM_MAX_EDGE)}:flags=bicubic,format=yuv420p,split=2[v][cut];${graph}`,
    ...["-map", "[v]", "-t", length.toFixed(3)],
    ...(withAudio ? ["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2"] : ["-an"]),
    // superfast: about a third less encoding than veryfast for files about twice as large (under 1 MB
    // for 3 s of 720p), in the upload's time budget on two cores.
    ...["-c:v", "libx264", "-preset", "superfast", "-crf", "25", "-movflags", "+faststart"],
    ...["-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact"],
    ...["-flags:v", "+bitexact", "-flags:a", "+bitexact", "-f", "mp4", "-y", outPath],
    ...outputs,
  ];
  await runFfmpeg(args, { signal });
}

/** The moving thumbnail and poster of a whole (short) video kept as it was uploaded. */
export async function videoRenditions(
  input: string,
  lengthSec: number,
  paths: RenditionPaths,
  signal?: AbortSignal,
): Promise<void> {
  const { graph, outputs } = renditions("[0:v:0]", lengthSec, paths);
  await runFfmpeg(["-i", input, "-filter_complex", graph, ...outputs], { signal });
}
