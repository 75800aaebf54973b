import "server-only";
import { runFfmpeg } from "./ffmpeg";

// Reference videos cut and thumbnailed by ffmpeg (lib/uploads/ingest-video.ts, "Use as reference video").

/** A cut is scaled to at most this long edge: a reference for motion needs no more, and 720p is small. */
export const TRIM_MAX_EDGE = 1280;
/** The moving thumbnail's short edge and frame rate: a chip's few frames, a few tens of KB. */
export const MOVING_THUMB_EDGE = 160;
export const MOVING_THUMB_FPS = 8;

/** Fits a video inside `edge` x `edge` on its long side, never enlarging it; even sizes for H.264. */
const fitLongEdge = (edge: number) =>
  `scale='if(gte(iw,ih),min(${edge},iw),-2)':'if(gte(iw,ih),-2,min(${edge},ih))'`;
/** Scales the short side to `edge`, never enlarging it. */
const fitShortEdge = (edge: number) =>
  `scale='if(gte(iw,ih),-2,min(${edge},iw))':'if(gte(iw,ih),min(${edge},ih),-2)'`;

const movingThumbOutput = (thumbPath: string) => [
  "-an",
  "-c:v",
  "libwebp_anim",
  "-loop",
  "0",
  "-quality",
  "60",
  "-compression_level",
  "3",
  "-f",
  "webp",
  "-y",
  thumbPath,
];

const thumbFilter = `fps=${MOVING_THUMB_FPS},${fitShortEdge(MOVING_THUMB_EDGE)}:flags=bilinear`;

export interface CutOptions {
  input: string;
  /** The H.264/AAC MP4 written. */
  outPath: string;
  /** The animated WebP thumbnail written beside it. */
  thumbPath: string;
  startSec: number;
  endSec: number;
  /** Whether the source has a sound track to keep (AAC); without one the MP4 has none. */
  withAudio: boolean;
  signal?: AbortSignal;
}

/**
 * Cuts [startSec, endSec) out of `input` as an H.264/AAC MP4 (re-encoded: the cut is frame-accurate, not
 * at the nearest keyframe; scaled to at most TRIM_MAX_EDGE; sound kept when there is some) and writes its
 * moving thumbnail, in one ffmpeg run that decodes the source once. Bit-exact flags and no copied metadata:
 * the same source and range give the same bytes.
 */
export async function cutReferenceVideo(options: CutOptions): Promise<void> {
  const { input, outPath, thumbPath, startSec, endSec, withAudio, signal } = options;
  const length = endSec - startSec;
  const args = [
    // Before -i: seeks to the keyframe before startSec, then decodes (and drops) up to it exactly; reads
    // a little past the end only. Each output's own -t below ends it on the frame (an input -t keeps a
    // frame more on each side).
    "-ss",
    startSec.toFixed(3),
    "-t",
    (length + 0.5).toFixed(3),
    "-i",
    input,
    "-filter_complex",
    `[0:v:0]${fitLongEdge(TRIM_MAX_EDGE)}:flags=bicubic,format=yuv420p,split=2[v][t];[t]${thumbFilter}[th]`,
    "-map",
    "[v]",
    "-t",
    length.toFixed(3),
    ...(withAudio ? ["-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2"] : ["-an"]),
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-crf",
    "23",
    "-movflags",
    "+faststart",
    "-map_metadata",
    "-1",
    "-map_chapters",
    "-1",
    "-fflags",
    "+bitexact",
    "-flags:v",
    "+bitexact",
    "-flags:a",
    "+bitexact",
    "-f",
    "mp4",
    "-y",
    outPath,
    "-map",
    "[th]",
    "-t",
    length.toFixed(3),
    ...movingThumbOutput(thumbPath),
  ];
  await runFfmpeg(args, { signal });
}

/** The moving thumbnail of a whole (short) video kept as it was uploaded. */
export async function movingThumbnail(input: string, thumbPath: string, signal?: AbortSignal): Promise<void> {
  await runFfmpeg(["-i", input, "-map", "0:v:0", "-vf", thumbFilter, ...movingThumbOutput(thumbPath)], {
    signal,
  });
}
