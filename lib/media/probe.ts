import "server-only";
import path from "node:path";
import sharp from "sharp";
import { z } from "zod";
import { runFfmpeg, runTool, ToolRunError } from "./ffmpeg";
import { tool } from "./tools";

export interface VideoProbe {
  durationSec: number;
  width: number;
  height: number;
  hasAudio: boolean;
  videoCodec: string | null;
  audioCodec: string | null;
  formatName: string;
  /** Frames a second of the video stream (its average rate, else its base rate), or null when unknown. */
  fps: number | null;
  /** The video stream's own length, which can differ a little from the file's (its sound's); else null. */
  videoDurationSec: number | null;
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
        avg_frame_rate: z.string().optional(),
        r_frame_rate: z.string().optional(),
        disposition: z.object({ attached_pic: z.number().optional() }).optional(),
      }),
    )
    .default([]),
  format: z.object({ format_name: z.string().default(""), duration: z.string().optional() }).default({
    format_name: "",
  }),
});

/** "30000/1001" -> 29.97; "0/0", missing or absurd -> null. */
export function frameRate(...rates: (string | undefined)[]): number | null {
  for (const rate of rates) {
    const [num, den = "1"] = (rate ?? "").split("/");
    const value = Number(num) / Number(den);
    if (Number.isFinite(value) && value > 0 && value <= 1000) return value;
  }
  return null;
}

export async function probeVideo(filePath: string, signal?: AbortSignal): Promise<VideoProbe> {
  const name = path.basename(filePath);
  let raw: Buffer;
  try {
    raw = await runTool(
      tool("ffprobe").path,
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
    fps: frameRate(video.avg_frame_rate, video.r_frame_rate),
    videoDurationSec: Number(video.duration) > 0 ? Number(video.duration) : null,
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
