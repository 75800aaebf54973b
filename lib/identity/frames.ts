// Pictures for the face model: a clip's frame at a moment (ffmpeg) and a reference image (sharp), both
// as RGB bytes no larger than the model needs.
import { spawn } from "node:child_process";
import sharp from "sharp";
import type { RgbFrame } from "./face-engine";

/**
 * Frames are looked at no taller than this: the detector looks at 512 x 512 whatever it is given, and a
 * face filling a tenth of the frame still gives the recognition net more than its 150 px crop.
 */
export const FRAME_MAX_HEIGHT = 540;
/** Reference images are scaled to fit this box first (a 9000 px photo's face needs no more). */
export const IMAGE_MAX_SIDE = 960;

export interface VideoSize {
  width: number;
  height: number;
}

function frameSize(size: VideoSize) {
  const scale = Math.min(1, FRAME_MAX_HEIGHT / size.height);
  return {
    width: Math.max(2, Math.round((size.width * scale) / 2) * 2),
    height: Math.max(2, Math.round((size.height * scale) / 2) * 2),
  };
}

/**
 * Frames every `step` seconds from `start`, in one decoding pass (seeking for each would decode from the
 * key frame before it every time): at most `count` of them, scaled to at most FRAME_MAX_HEIGHT lines.
 */
export async function framesEvery(
  ffmpeg: string,
  file: string,
  size: VideoSize,
  start: number,
  step: number,
  count: number,
) {
  const { width, height } = frameSize(size);
  const args = ["-v", "error", "-nostdin", "-ss", start.toFixed(3), "-i", file, "-frames:v", String(count)];
  args.push("-vf", `fps=${1 / step},scale=${width}:${height}`, "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
  const data = await runRaw(ffmpeg, args, `frames of ${file}`);
  const one = width * height * 3;
  const frames: RgbFrame[] = [];
  for (let at = 0; at + one <= data.length; at += one) {
    frames.push({ data: new Uint8Array(data.buffer, data.byteOffset + at, one), width, height });
  }
  return frames;
}

/** The frame at `t` seconds, scaled to at most FRAME_MAX_HEIGHT lines; null past the end. */
export async function frameAt(ffmpeg: string, file: string, t: number, size: VideoSize) {
  const { width, height } = frameSize(size);
  const args = ["-v", "error", "-nostdin", "-ss", t.toFixed(3), "-i", file, "-frames:v", "1"];
  args.push("-vf", `scale=${width}:${height}`, "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
  const data = await runRaw(ffmpeg, args, `the frame at ${t} s`);
  if (data.length < width * height * 3) return null;
  return { data: new Uint8Array(data.buffer, data.byteOffset, width * height * 3), width, height };
}

function runRaw(ffmpeg: string, args: string[], what: string) {
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`ffmpeg could not read ${what}: ${err.trim().slice(-200)}`));
      resolve(Buffer.concat(chunks));
    });
  });
}

/** A reference image as RGB (EXIF rotation applied, alpha dropped), fitted into IMAGE_MAX_SIDE. */
export async function imageFrame(file: string): Promise<RgbFrame> {
  const { data, info } = await sharp(file)
    .rotate()
    .resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: "inside", withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}
