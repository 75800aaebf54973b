import "server-only";
import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import ffmpegInstaller from "@ffmpeg-installer/ffmpeg";
import ffprobeInstaller from "@ffprobe-installer/ffprobe";
import sharp from "sharp";
import { z } from "zod";
import type { AspectRatio } from "@/lib/generations/schema";

export const ffmpegPath = process.env.FFMPEG_PATH || ffmpegInstaller.path;
export const ffprobePath = process.env.FFPROBE_PATH || ffprobeInstaller.path;

export interface RunOptions {
  signal?: AbortSignal;
  /** Output time reached so far, from ffmpeg's stats line (about twice a second). */
  onProgress?: (seconds: number) => void;
}

const abortError = (signal: AbortSignal) =>
  signal.reason instanceof Error
    ? signal.reason
    : new DOMException("The operation was aborted", "AbortError");

/** Last lines of stderr that are not stats, short enough to store and show. */
function errorSummary(stderr: string): string {
  const lines = stderr
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(frame|size)=/.test(l));
  return lines.slice(-2).join("; ").slice(0, 300);
}

/**
 * A tool that did not do its job, and why: it could not `start` (spawn failed: no memory, too many
 * processes), was killed by a `signal` (the OOM killer, say), or ran and `exit`ed with an error (it read
 * the input and refused it). Only the last says anything about the input.
 */
export class ToolRunError extends Error {
  constructor(
    message: string,
    readonly kind: "start" | "signal" | "exit",
  ) {
    super(message);
    this.name = "ToolRunError";
  }
}

/** Runs a tool and resolves with its stdout; rejects with a ToolRunError (or the abort reason). */
export function runTool(
  bin: string,
  args: string[],
  { signal, onProgress }: RunOptions = {},
): Promise<Buffer> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const name = path.basename(bin);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let tail = "";
    let spawnError: Error | undefined;
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (onProgress) {
        for (const m of chunk.matchAll(/time=(\d+):(\d+):(\d+(?:\.\d+)?)/g)) {
          onProgress(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]));
        }
      }
      tail = (tail + chunk).slice(-4000);
    });
    // SIGKILL, not SIGTERM: on SIGTERM ffmpeg finishes the file, and an aborted render must stop now.
    const onAbort = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (err) => {
      spawnError = err;
    });
    child.on("close", (code, killedBy) => {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) return reject(abortError(signal));
      if (spawnError)
        return reject(new ToolRunError(`${name} could not start: ${spawnError.message}`, "start"));
      if (code === 0) return resolve(Buffer.concat(out));
      if (code === null)
        return reject(new ToolRunError(`${name} was killed (${killedBy ?? "signal"})`, "signal"));
      reject(new ToolRunError(`${name} failed: ${errorSummary(tail) || `exit code ${code}`}`, "exit"));
    });
  });
}

/** Runs ffmpeg quietly (errors and stats only) and resolves with whatever it wrote to stdout. */
export function runFfmpeg(args: string[], options: RunOptions = {}): Promise<Buffer> {
  return runTool(ffmpegPath, ["-hide_banner", "-nostdin", "-loglevel", "error", "-stats", ...args], options);
}

export interface VideoProbe {
  durationSec: number;
  width: number;
  height: number;
  hasAudio: boolean;
  videoCodec: string | null;
  audioCodec: string | null;
  formatName: string;
}

const probeSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        duration: z.string().optional(),
        disposition: z.object({ attached_pic: z.number().optional() }).optional(),
      }),
    )
    .default([]),
  format: z.object({ format_name: z.string().default(""), duration: z.string().optional() }).default({
    format_name: "",
  }),
});

export async function probeVideo(filePath: string, signal?: AbortSignal): Promise<VideoProbe> {
  const name = path.basename(filePath);
  let raw: Buffer;
  try {
    raw = await runTool(
      ffprobePath,
      ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", filePath],
      { signal },
    );
  } catch (err) {
    if (signal?.aborted) throw err;
    // ffprobe never ran to the end: that says nothing about the file.
    if (err instanceof ToolRunError && err.kind !== "exit") throw err;
    throw new Error(`${name} is not a video: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { streams, format } = probeSchema.parse(JSON.parse(raw.toString("utf8")));
  // Still images probe as one-frame "video" streams (png_pipe, image2): those are not videos.
  const video = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === "audio");
  const durationSec = Number(format.duration ?? video?.duration ?? Number.NaN);
  const isImage = format.format_name === "image2" || format.format_name.endsWith("_pipe");
  if (!video?.width || !video.height || isImage || !(durationSec > 0)) {
    throw new Error(`${name} is not a video (${format.format_name || "unknown format"})`);
  }
  return {
    durationSec,
    width: video.width,
    height: video.height,
    hasAudio: Boolean(audio),
    videoCodec: video.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    formatName: format.format_name,
  };
}

/** A frame as ffmpeg writes it in PPM (P6): a short text header, then RGB bytes. */
interface Frame {
  width: number;
  height: number;
  rgb: Buffer;
}

function parsePpm(data: Buffer): Frame | null {
  // "P6" <ws> width <ws> height <ws> maxval <one ws> pixels; ffmpeg writes no comments.
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 64).toString("latin1"));
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const rgb = data.subarray(m[0].length);
  return rgb.length >= width * height * 3 ? { width, height, rgb } : null;
}

/** Mean brightness (0..255) of a frame, from every 4th pixel: a few ms, where sharp's stats() takes tens. */
function brightness({ rgb }: Frame): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i + 2 < rgb.length; i += 12) {
    sum += rgb[i]! + rgb[i + 1]! + rgb[i + 2]!;
    n += 3;
  }
  return n ? sum / n : 0;
}

/**
 * One frame as a small WebP, for galleries. Defaults to 1 s in, or the middle of a shorter clip. Pass
 * `durationSec` when it is known (or being probed): the frame at 1 s is grabbed meanwhile, since almost
 * every clip lasts 2 s or more.
 */
export async function extractPoster(
  videoPath: string,
  {
    atSec,
    maxWidth = 640,
    signal,
    durationSec: knownDuration,
  }: { atSec?: number; maxWidth?: number; signal?: AbortSignal; durationSec?: number | Promise<number> } = {},
): Promise<Buffer> {
  // Raw RGB (PPM) rather than PNG: no compression in ffmpeg, no decompression here.
  const grab = async (sec: number) =>
    parsePpm(
      await runFfmpeg(
        [
          "-ss",
          sec.toFixed(3),
          "-i",
          videoPath,
          // Scaled by ffmpeg: a 640-wide frame is a quarter of the bytes of a 1280-wide one to pipe,
          // hold and hand to sharp (32 saves at once held 2.7 MB each, and the heap kept it).
          "-vf",
          `scale='min(${maxWidth},iw)':-2:flags=lanczos`,
          ..."-frames:v 1 -an -f image2pipe -c:v ppm -pix_fmt rgb24 -".split(" "),
        ],
        { signal },
      ),
    );
  const DEFAULT_AT = 1;
  const early = atSec === undefined ? grab(DEFAULT_AT) : undefined;
  early?.catch(() => undefined); // awaited below, or dropped when the clip turns out shorter
  const durationSec = await (knownDuration ?? probeVideo(videoPath, signal).then((p) => p.durationSec));
  // Seeking at or past the last frame yields nothing, so stay a little before the end.
  const clamp = (sec: number) => Math.max(0, Math.min(sec, durationSec - 0.1));
  const at = clamp(atSec ?? (durationSec >= 2 ? DEFAULT_AT : durationSec / 2));
  // A fade or a cut can put a black frame exactly at the chosen moment (preview clips fade between
  // references): when the frame is nearly black, try a few other moments and keep the brightest.
  const candidates = atSec !== undefined ? [at] : [at, at * 0.5, durationSec * 0.4, durationSec * 0.7, 0];
  let best: { frame: Frame; light: number } | undefined;
  for (const [i, sec] of candidates.entries()) {
    const moment = clamp(sec);
    const frame = i === 0 && early && moment === DEFAULT_AT ? await early : await grab(moment);
    if (!frame) continue;
    const light = brightness(frame);
    if (!best || light > best.light) best = { frame, light };
    if (light > 16) break;
  }
  if (!best) throw new Error(`${path.basename(videoPath)} has no frame to make a poster from`);
  const { width, height, rgb } = best.frame;
  return (
    sharp(rgb, { raw: { width, height, channels: 3 } })
      .resize({ width: maxWidth, withoutEnlargement: true })
      // effort 0: ~10 ms instead of ~70 ms for a 640 px poster, at about 10 KB instead of 8 KB.
      .webp({ quality: 75, effort: 0 })
      .toBuffer()
  );
}

export interface RenderPreviewOptions {
  imagePaths: string[];
  duration: number;
  aspectRatio: AspectRatio;
  outPath: string;
  prompt?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Pieces rendered side by side; one per core by default. */
  parts?: number;
}

const FPS = 25;
// Measured on 2 cores: superfast beats ultrafast (which writes a far bigger stream on detailed photos and
// ends up slower), and B-frames cost ~20% more CPU for no gain on slow global zooms. Skipping the 4x4 and
// 8x8 intra partitions saves 12 to 14% of x264's CPU for the same size and SSIM on these pans; fullpel
// motion search (subme=0) saved more but wrote 29% more bytes on a detailed picture.
const VIDEO_ARGS = [
  // A keyframe every second (-g 25): a seek, or a click on a comment pinned to a moment, decodes from at
  // most a second before it, instead of from the start (x264 otherwise puts one every 250 frames).
  ..."-c:v libx264 -preset superfast -tune stillimage -crf 26 -bf 0 -g 25 -pix_fmt yuv420p".split(" "),
  ...["-x264-params", "partitions=none"],
  ..."-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv".split(" "),
];
const AUDIO_ARGS = "-c:a aac -b:a 128k".split(" ");
const MUX_ARGS = [
  ..."-map_metadata -1 -movflags +faststart".split(" "),
  ...["-metadata", "comment=Omni Studio preview engine: a slideshow of the references, not AI output"],
];
const SAMPLE_RATE = 44100;
// Images are prepared larger than the frame when they have the pixels: zoompan crops on whole even
// pixels, and the headroom makes those steps smaller on screen, so slow zooms judder less.
const OVERSAMPLE = 1.5;

/**
 * The size a reference is prepared at for a `width` x `height` frame: its own cover crop of that shape,
 * no larger than OVERSAMPLE times the frame, and never smaller than the frame. A picture with fewer
 * pixels than the headroom is only cropped, not enlarged: zoompan scales every frame anyway, and
 * enlarging five 1600x1200 photos to 1920x1080 cost 0.6 s of CPU for nothing.
 */
export function preparedSize(
  image: { width: number; height: number },
  frame: { width: number; height: number },
): { width: number; height: number } {
  const aspect = frame.width / frame.height;
  const coverWidth = Math.min(image.width, image.height * aspect);
  const w = Math.round(Math.min(frame.width * OVERSAMPLE, Math.max(frame.width, coverWidth)));
  return { width: w, height: Math.round(w / aspect) };
}
const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];
const PROGRESSIONS = [
  [0, 4, 5, 3],
  [5, 3, 0, 4],
  [0, 5, 3, 4],
  [3, 0, 4, 5],
];

/** Splits `total` frames into `n` near-equal shares (earlier segments take the remainder). */
const shares = (total: number, n: number) =>
  Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));

/** A sine oscillator stepped by rotating a phasor: far cheaper per sample than Math.sin. */
class Osc {
  private c = 1;
  private s = 0;
  private readonly cw: number;
  private readonly sw: number;
  constructor(
    w: number,
    readonly gl: number,
    readonly gr: number,
  ) {
    this.cw = Math.cos(w);
    this.sw = Math.sin(w);
  }
  next(): number {
    const s = this.s * this.cw + this.c * this.sw;
    this.c = this.c * this.cw - this.s * this.sw;
    this.s = s;
    return s;
  }
}

/**
 * The soundtrack, as interleaved stereo float samples: one chord per image from a progression picked by
 * the prompt's hash (same prompt, same music), a soft detuned pad plus a slow plucked arpeggio.
 * Synthesised here rather than with aevalsrc, whose expression interpreter cost ~0.35 s of CPU per 8 s.
 */
export function synthSoundtrack(prompt: string, segmentSec: number[]): Float32Array {
  const h = createHash("sha256").update(prompt).digest();
  const scale = h[0]! % 3 === 0 ? MINOR : MAJOR;
  const key = 45 + (h[1]! % 8); // A2 .. E3: warm, never shrill
  const progression = PROGRESSIONS[h[2]! % PROGRESSIONS.length]!;
  const beat = Math.round((0.3 + (h[3]! % 4) * 0.05) * SAMPLE_RATE);
  const step = (d: number) => scale[d % 7]! + 12 * Math.floor(d / 7);
  const w = (midi: number) => (2 * Math.PI * 440 * 2 ** ((midi - 69) / 12)) / SAMPLE_RATE;
  const length = Math.round(segmentSec.reduce((a, b) => a + b, 0) * SAMPLE_RATE);
  const out = new Float32Array(length * 2);
  // Chords overlap by this much, so the music never drops out between images.
  const release = Math.round(0.6 * SAMPLE_RATE);
  const attack = 0.4 * SAMPLE_RATE;
  const pluckDecay = Math.exp(-6 / SAMPLE_RATE);
  const pluckAttack = 0.005 * SAMPLE_RATE;
  let start = 0;
  segmentSec.forEach((sec, i) => {
    const degree = progression[i % progression.length]!;
    const root = key + step(degree);
    const oscs = [new Osc(w(root - 12), 0.08, 0.08)];
    for (const m of [root + 12, key + 12 + step(degree + 2), key + 12 + step(degree + 4)]) {
      oscs.push(new Osc(w(m), 0.045, 0.045), new Osc(w(m + 12), 0.007, 0.007));
      oscs.push(new Osc(w(m) * 1.003, 0.025, 0), new Osc(w(m) * 0.997, 0, 0.025));
    }
    const arp = [0, 2, 4, 7].map((d) => w(key + 24 + step(degree + d)));
    const dur = Math.round(sec * SAMPLE_RATE);
    const end = Math.min(length - start, dur + release);
    // Two voices take turns, so a note rings on while the next starts instead of being cut (a click).
    const voices = [0, 1].map(() => ({ osc: new Osc(0, 0, 0), age: 0, amp: 0 }));
    for (let k = 0; k < end; k++) {
      if (k < dur && k % beat === 0) {
        const note = k / beat;
        const pan = note % 2 ? [0.6, 1] : [1, 0.6];
        voices[note % 2] = { osc: new Osc(arp[note % arp.length]!, pan[0]!, pan[1]!), age: 0, amp: 0.05 };
      }
      let left = 0;
      let right = 0;
      for (const o of oscs) {
        const v = o.next();
        left += o.gl * v;
        right += o.gr * v;
      }
      for (const voice of voices) {
        const v = Math.min(1, voice.age++ / pluckAttack) * voice.amp * voice.osc.next();
        voice.amp *= pluckDecay;
        left += voice.osc.gl * v;
        right += voice.osc.gr * v;
      }
      const env = Math.min(1, k / attack, (dur + release - k) / release);
      const n = 2 * (start + k);
      out[n] = out[n]! + env * left;
      out[n + 1] = out[n + 1]! + env * right;
    }
    start += dur;
  });
  const fadeIn = Math.min(0.5 * SAMPLE_RATE, length / 4);
  const fadeOut = Math.min(SAMPLE_RATE, length / 3);
  for (let n = 0; n < length; n++) {
    const g = Math.min(1, n / fadeIn, (length - n) / fadeOut);
    out[2 * n] = Math.max(-1, Math.min(1, out[2 * n]! * g));
    out[2 * n + 1] = Math.max(-1, Math.min(1, out[2 * n + 1]! * g));
  }
  return out;
}

/** Ken Burns moves: zoom in and out alternately, each drifting a different way. */
const MOVES = [
  { z: [1.04, 1.16], x: [0.3, 0.6], y: [0.5, 0.45] },
  { z: [1.16, 1.04], x: [0.7, 0.4], y: [0.4, 0.55] },
  { z: [1.04, 1.16], x: [0.5, 0.5], y: [0.3, 0.6] },
  { z: [1.16, 1.04], x: [0.4, 0.6], y: [0.65, 0.4] },
] as const;

const fadeFrames = (frames: number) => Math.max(1, Math.min(Math.round(0.3 * FPS), Math.floor(frames / 4)));

/** A run of one reference's frames: `offset` frames into its segment of `frames`, `length` long. */
export interface SegmentSlice {
  index: number;
  frames: number;
  offset: number;
  length: number;
}

/**
 * Cuts the timeline (one segment of `frames[i]` per reference) into up to `parts` pieces of near-equal
 * length, to render side by side on several cores. A cut inside a segment is moved out of its fades, so
 * each fade is drawn whole by one piece; pieces come out no shorter than `minFrames`.
 */
export function splitTimeline(frames: number[], parts: number, minFrames = FPS): SegmentSlice[][] {
  const total = frames.reduce((a, b) => a + b, 0);
  const count = Math.max(1, Math.min(parts, Math.floor(total / Math.max(1, minFrames))));
  const starts = frames.map((_, i) => frames.slice(0, i).reduce((a, b) => a + b, 0));
  const cuts: number[] = [0];
  for (let p = 1; p < count; p++) {
    let cut = Math.round((total * p) / count);
    const i = starts.findLastIndex((s) => s <= cut);
    const start = starts[i] as number;
    const fade = fadeFrames(frames[i] as number);
    if (cut > start) cut = Math.min(Math.max(cut, start + fade), start + (frames[i] as number) - fade);
    if (cut > (cuts.at(-1) as number) && cut < total) cuts.push(cut);
  }
  cuts.push(total);
  return cuts.slice(1).map((end, p) => {
    const begin = cuts[p] as number;
    const slices: SegmentSlice[] = [];
    frames.forEach((f, index) => {
      const from = Math.max(begin, starts[index] as number);
      const to = Math.min(end, (starts[index] as number) + f);
      if (to > from)
        slices.push({ index, frames: f, offset: from - (starts[index] as number), length: to - from });
    });
    return slices;
  });
}

/** The filter for one slice of a reference's segment, read from input `input`, labelled `[v<input>]`. */
function sliceVideo(slice: SegmentSlice, input: number, width: number, height: number): string {
  const { index, frames, offset, length } = slice;
  const m = MOVES[index % MOVES.length]!;
  // Progress through the whole segment, so a slice moves exactly as that stretch of the whole would.
  const p = `((on+${offset})/${Math.max(1, frames - 1)})`;
  const lerp = ([a, b]: readonly [number, number]) => `(${a}+${(b - a).toFixed(3)}*${p})`;
  const fade = fadeFrames(frames);
  const filters = [
    // Convert once per image (full-range BT.601 JPEG to TV-range BT.709), not once per frame.
    `[${input}:v]scale=in_range=full:out_range=tv:out_color_matrix=bt709,format=yuv420p`,
    `zoompan=z='${lerp(m.z)}':x='(iw-iw/zoom)*${lerp(m.x)}':y='(ih-ih/zoom)*${lerp(m.y)}':d=${length}:s=${width}x${height}:fps=${FPS}`,
    "setsar=1",
  ];
  // splitTimeline never cuts inside a fade, so a slice has each fade whole or not at all.
  if (offset === 0) filters.push(`fade=t=in:s=0:n=${fade}`);
  if (offset + length === frames) filters.push(`fade=t=out:s=${frames - fade - offset}:n=${fade}`);
  return `${filters.join(",")}[v${input}]`;
}

/** Pieces rendered side by side: one per core (at most 4); each encodes with the cores left to it. */
const PREVIEW_PARTS = Math.max(1, Math.min(4, availableParallelism()));

/**
 * Renders the preview engine's clip: a Ken Burns slideshow of the references with a soundtrack.
 *
 * zoompan and the rest of a filter graph run on one thread, so one ffmpeg keeps a single core busy for
 * most of the render. Instead the timeline is cut into `PREVIEW_PARTS` pieces rendered by one ffmpeg
 * each, while another encodes the soundtrack, and the pieces are then joined without re-encoding.
 */
export async function renderPreview(options: RenderPreviewOptions): Promise<void> {
  const { imagePaths, duration, aspectRatio, outPath, prompt = "", signal, onProgress } = options;
  if (imagePaths.length === 0) throw new Error("renderPreview needs at least one image");
  if (!(duration > 0 && duration <= 60)) throw new Error(`invalid preview duration: ${duration}`);
  const [width, height] = aspectRatio === "9:16" ? [720, 1280] : [1280, 720];
  const frames = shares(Math.round(duration * FPS), imagePaths.length);
  if (frames.some((f) => f < 2)) throw new Error("too many images for so short a preview");
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
    const images = await imagesReady;
    signal?.throwIfAborted();

    const done = pieces.map(() => 0);
    const threads = String(Math.max(1, Math.floor(availableParallelism() / pieces.length)));
    const renders = pieces.map((slices, k) => {
      const graph = slices.map((slice, i) => sliceVideo(slice, i, width, height));
      graph.push(`${slices.map((_, i) => `[v${i}]`).join("")}concat=n=${slices.length}:v=1:a=0[v]`);
      const length = slices.reduce((a, s) => a + s.length, 0);
      return runFfmpeg(
        [
          ...slices.flatMap((s) => ["-i", images[s.index] as string]),
          ...["-filter_complex", graph.join(";"), "-map", "[v]"],
          ...VIDEO_ARGS,
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
