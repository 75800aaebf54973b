// The pure half of stitching a sequence (lib/sequences/stitch.ts runs it): which size and frame rate the
// export gets, how many frames each shot keeps, the ffmpeg filter graph, and the ffmetadata file that
// carries the chapters and the sequence's record.

export interface Size {
  width: number;
  height: number;
}

/** What stitching needs to know of a shot's file (from lib/media/probe.ts). */
export interface ShotInput extends Size {
  /** The video stream's length: the shot's length in the export (its sound is fitted to it). */
  videoSec: number;
  fps: number | null;
  hasAudio: boolean;
}

/** Each cut's sound fades out and the next fades in over this long: no click, too short to hear. */
export const CUT_FADE_SEC = 0.03;
export const AUDIO_RATE = 48_000;
/** The frame rates an export may have; a file claiming more (a variable-rate phone clip) is capped. */
const MAX_FPS = 60;
const DEFAULT_FPS = 30;

/** The export's size: the one most shots have (ties: the first shot's), or the one asked for. */
export function chooseSize(shots: Size[], asked?: Size): Size {
  if (asked) return { width: even(asked.width), height: even(asked.height) };
  const counts = new Map<string, { size: Size; count: number }>();
  for (const { width, height } of shots) {
    const key = `${width}x${height}`;
    const seen = counts.get(key) ?? { size: { width, height }, count: 0 };
    seen.count++;
    counts.set(key, seen);
  }
  // A Map iterates in first-seen order, and only a strictly higher count wins: ties keep the earliest.
  let best: Size | undefined;
  let bestCount = 0;
  for (const { size, count } of counts.values()) {
    if (count > bestCount) {
      best = size;
      bestCount = count;
    }
  }
  if (!best) throw new Error("A sequence with no shots has no size");
  return { width: even(best.width), height: even(best.height) };
}

/** The export's frame rate: the one asked for, else the first shot's, rounded (23.976 -> 24). */
export function chooseFps(shots: { fps: number | null }[], asked?: number): number {
  const rate = asked ?? shots[0]?.fps ?? DEFAULT_FPS;
  return Math.min(MAX_FPS, Math.max(1, Math.round(rate)));
}

/** H.264 in 4:2:0 wants even sizes. */
const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** Frames a shot keeps at the export's rate: its video's length, to the nearest frame (at least one). */
export const shotFrames = (videoSec: number, fps: number) => Math.max(1, Math.round(videoSec * fps));

/** Seconds with enough digits that ffmpeg lands on the same sample (a microsecond is < 1/20 sample). */
const sec = (n: number) => n.toFixed(6);

/**
 * One filter graph for the whole export: per shot, the picture fitted inside the export's size (scaled
 * down or up keeping its shape, then padded with black: letterbox or pillarbox, never stretched), at the
 * export's frame rate, cut or held to exactly `frames[i]` frames; its sound (or silence when it has none)
 * resampled to 48 kHz stereo, fitted to the same length (padded or trimmed), faded in and out over
 * CUT_FADE_SEC; then every shot's pair joined by `concat`. Inputs are `[i:v:0]` / `[i:a:0]`; outputs `[v]`
 * and `[a]`. Timestamps start at 0 in each shot (ffmpeg shifts each file to its first packet) and are
 * kept as they are, so a sound that starts after the picture stays where it was against it.
 */
export function filterGraph(shots: ShotInput[], size: Size, fps: number, frames: number[]): string {
  const { width: w, height: h } = size;
  const parts: string[] = [];
  const pairs: string[] = [];
  shots.forEach((shot, i) => {
    const n = frames[i]!;
    const length = n / fps;
    // The largest even size of the shot's shape inside the export's (written out rather than with
    // force_original_aspect_ratio / force_divisible_by, which the bundled ffmpeg 4.1 lacks).
    const scale = `min(${w}/iw,${h}/ih)`;
    const fit =
      shot.width === w && shot.height === h
        ? ""
        : `scale='2*trunc(${scale}*iw/2)':'2*trunc(${scale}*ih/2)':flags=bicubic,` +
          `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:black,`;
    // fps's start_time=0 fills from 0 if the picture starts late; tpad then holds the last frame a
    // little, and trim cuts at exactly n frames, whatever rounding fps did at either end.
    parts.push(
      `[${i}:v:0]${fit}setsar=1,fps=${fps}:start_time=0,format=yuv420p,` +
        `tpad=stop_mode=clone:stop=2,trim=end_frame=${n}[v${i}]`,
    );
    const source = shot.hasAudio
      ? `[${i}:a:0]aresample=${AUDIO_RATE}:first_pts=0,`
      : `anullsrc=r=${AUDIO_RATE}:cl=stereo,`;
    const fade = Math.min(CUT_FADE_SEC, length / 2);
    parts.push(
      `${source}aformat=sample_fmts=fltp:sample_rates=${AUDIO_RATE}:channel_layouts=stereo,` +
        `apad,atrim=end=${sec(length)},` +
        `afade=t=in:d=${sec(fade)},afade=t=out:st=${sec(length - fade)}:d=${sec(fade)}[a${i}]`,
    );
    pairs.push(`[v${i}][a${i}]`);
  });
  parts.push(`${pairs.join("")}concat=n=${shots.length}:v=1:a=1[v][a]`);
  return parts.join(";");
}

export interface Chapter {
  title: string;
  startSec: number;
  endSec: number;
}

/** The chapters: one per shot, from the frames each keeps, so they fall exactly on the cuts. */
export function chapters(titles: string[], frames: number[], fps: number): Chapter[] {
  let start = 0;
  return titles.map((title, i) => {
    const end = start + frames[i]!;
    const chapter = { title, startSec: start / fps, endSec: end / fps };
    start = end;
    return chapter;
  });
}

/** ffmetadata's escaping: `=`, `;`, `#`, `\` and newlines get a backslash; NUL cannot be carried. */
export function escapeFfmetadata(value: string): string {
  return value.replace(/\0/g, "").replace(/[=;#\\\n]/g, (c) => `\\${c}`);
}

/**
 * An ffmetadata file (ffmpeg's own text format) with a [CHAPTER] per chapter, in milliseconds, titles
 * escaped. The global tags go on ffmpeg's command line instead (lib/sequences/stitch.ts): ffmpeg 4.1,
 * the bundled fallback, cuts an ffmetadata value at about 1 KB, and the record is longer.
 */
export function ffmetadata(list: Chapter[]): string {
  const lines = [";FFMETADATA1"];
  for (const c of list) {
    lines.push(
      "[CHAPTER]",
      "TIMEBASE=1/1000",
      `START=${Math.round(c.startSec * 1000)}`,
      `END=${Math.round(c.endSec * 1000)}`,
      `title=${escapeFfmetadata(c.title)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
