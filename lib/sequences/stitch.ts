import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { probeVideo, type VideoProbe } from "@/lib/media/probe";
import {
  AUDIO_RATE,
  type Chapter,
  chapters,
  chooseFps,
  chooseSize,
  ffmetadata,
  filterGraph,
  type ShotInput,
  shotFrames,
} from "./stitch-plan";

export interface StitchShot {
  file: string;
  title: string;
  record: { shotId: string; generationId: string; prompt: string; references: string[] };
}

export interface StitchOptions {
  out: string;
  size?: { width: number; height: number };
  fps?: number;
  title?: string;
  signal?: AbortSignal;
  /** 0..1 of the export's length written so far. */
  onProgress?: (fraction: number) => void;
}

export interface StitchResult {
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  chapters: Chapter[];
}

/** A shot that cannot be stitched, named by its title and place in the sequence. */
export class StitchInputError extends Error {
  constructor(
    message: string,
    readonly shotIndex: number,
  ) {
    super(message);
    this.name = "StitchInputError";
  }
}

// x264's veryfast at CRF 20: a clean picture at about 3 Mbit/s for 720p. A 6-shot, 48 s 720p sequence
// takes about 13.5 CPU s (7x real time on 2 idle cores; 3.7 to 5.7x measured on the shared machine:
// docs/performance.md, 15). AAC at 192 kbit/s stereo.
const ENCODE = [
  ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p"],
  ...["-c:a", "aac", "-b:a", "192k", "-ar", String(AUDIO_RATE), "-ac", "2"],
];

const label = (shot: StitchShot, i: number) => `Shot ${i + 1} "${shot.title || "untitled"}"`;

async function probeShot(shot: StitchShot, i: number, signal?: AbortSignal): Promise<VideoProbe> {
  const found = await stat(shot.file).catch(() => null);
  if (!found?.isFile()) {
    throw new StitchInputError(
      `${label(shot, i)}: its clip file is missing (${path.basename(shot.file)})`,
      i,
    );
  }
  try {
    return await probeVideo(shot.file, signal);
  } catch (err) {
    if (signal?.aborted) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new StitchInputError(`${label(shot, i)}: ${why}`, i);
  }
}

/**
 * Stitches the shots' clips, in order, into one H.264/AAC MP4 at `out`: one size and frame rate (chosen
 * from the shots unless given), each shot fitted without stretching, its sound kept (silence where it
 * has none) with a 30 ms fade at each cut, a chapter per shot, and the sequence's record in the
 * metadata. One ffmpeg run; written beside `out` and renamed at the end, so a failed or aborted run
 * leaves nothing.
 */
export async function stitchSequence(shots: StitchShot[], options: StitchOptions): Promise<StitchResult> {
  const { out, signal, onProgress } = options;
  if (shots.length === 0) throw new Error("A sequence with no shots cannot be exported");
  const probes = await Promise.all(shots.map((shot, i) => probeShot(shot, i, signal)));
  const inputs: ShotInput[] = probes.map((p) => ({
    width: p.width,
    height: p.height,
    fps: p.fps,
    hasAudio: p.hasAudio,
    videoSec: p.videoDurationSec ?? p.durationSec,
  }));
  const size = chooseSize(inputs, options.size);
  const fps = chooseFps(inputs, options.fps);
  const frames = inputs.map((s) => shotFrames(s.videoSec, fps));
  const list = chapters(
    shots.map((s, i) => s.title || `Shot ${i + 1}`),
    frames,
    fps,
  );
  const durationSec = list.at(-1)!.endSec;

  const stem = `${leftoverPrefix(out)}${randomBytes(4).toString("hex")}`;
  const partial = `${stem}.part`;
  const metaFile = `${stem}.ffmeta`;
  try {
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(metaFile, ffmetadata(list));
    const args = [
      // Two decoding threads per input: ffmpeg opens every input at once, and its default (one thread per
      // core, plus one) costs each input its own frames per thread; one input decodes at a time anyway.
      ...shots.flatMap((s) => ["-threads", "2", "-i", path.resolve(s.file)]),
      ...["-f", "ffmetadata", "-i", metaFile],
      ...["-filter_complex", filterGraph(inputs, size, fps, frames)],
      ...["-map", "[v]", "-map", "[a]", ...ENCODE],
      // Chapters from the ffmetadata file, and no global tags from any input (ffmpeg would copy the first
      // clip's record): only ours, as lib/media/metadata.ts writes a clip's (NUL would cut a value).
      ...["-map_metadata", String(shots.length), "-map_chapters", String(shots.length)],
      ...Object.entries(recordTags(shots, list, options.title)).flatMap(([key, value]) => [
        "-metadata",
        `${key}=${value.replace(/\0/g, "")}`,
      ]),
      // use_metadata_tags keeps our own omni_* keys, as lib/media/metadata.ts does for a clip.
      ...["-movflags", "+faststart+use_metadata_tags", "-f", "mp4", "-y", partial],
    ];
    await runFfmpeg(args, {
      signal,
      onProgress: onProgress && ((s) => onProgress(Math.min(1, Math.max(0, s / durationSec)))),
    });
    await rename(partial, out);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await rm(metaFile, { force: true });
  }
  onProgress?.(1);
  return { durationSec, width: size.width, height: size.height, fps, chapters: list };
}

/** Where a run's temp files beside `out` begin: `.<name>.` then a random part. */
const leftoverPrefix = (out: string) => path.join(path.dirname(out), `.${path.basename(out)}.`);

/**
 * Removes what a run killed mid-way (a crash, a restart: no chance to clean up) left beside `out`: its
 * partial MP4 and ffmetadata file. The export job calls it before it runs again.
 */
export async function removeStitchLeftovers(out: string): Promise<void> {
  const prefix = path.basename(leftoverPrefix(out));
  const names = await readdir(path.dirname(out)).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix) && /\.[0-9a-f]{8}\.(part|ffmeta)$/.test(n))
      .map((n) => rm(path.join(path.dirname(out), n), { force: true })),
  );
}

/**
 * The export's global metadata: its title, the sequence's record as JSON in `comment` (as a clip's
 * record is: lib/generations/record.ts), and the clip ids in `omni_generation_ids`.
 */
export function recordTags(shots: StitchShot[], list: Chapter[], title?: string): Record<string, string> {
  const record = {
    generator: "Omni Studio",
    kind: "sequence",
    title: title ?? null,
    shots: shots.map((s, i) => ({
      title: s.title,
      shotId: s.record.shotId,
      clipId: s.record.generationId,
      prompt: s.record.prompt,
      references: s.record.references,
      startSec: Number(list[i]!.startSec.toFixed(3)),
      endSec: Number(list[i]!.endSec.toFixed(3)),
    })),
  };
  return {
    ...(title ? { title } : {}),
    comment: JSON.stringify(record),
    omni_generation_ids: shots.map((s) => s.record.generationId).join(","),
  };
}
