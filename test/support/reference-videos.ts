import { readFile } from "node:fs/promises";
import path from "node:path";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import type { Runtime } from "@/lib/server/runtime";
import { ingestUploadBytes, uploadOptions } from "@/lib/uploads/ingest-upload";

export type VideoFormat = "mp4" | "mov" | "webm" | "mkv";

export interface VideoOptions {
  seconds: number;
  width?: number;
  height?: number;
  fps?: number;
  /** With a sine-wave sound track (default true). */
  audio?: boolean;
  format?: VideoFormat;
  /** Different seeds give different pictures (and bytes). */
  seed?: number;
}

const CODECS: Record<VideoFormat, string[]> = {
  mp4: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mp4"],
  mov: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mov"],
  webm: [
    ...["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "600k"],
    ...["-c:a", "libopus", "-f", "webm"],
  ],
  mkv: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "matroska"],
};

/**
 * A real video made by ffmpeg from its test sources (a moving test pattern, a tone), written to `dir`;
 * returns its path. The seed shifts the pattern, so two seeds are two different files.
 */
export async function writeVideo(dir: string, name: string, options: VideoOptions): Promise<string> {
  const { seconds, width = 640, height = 360, fps = 25, audio = true, format = "mp4", seed = 1 } = options;
  const out = path.join(dir, name);
  await runFfmpeg([
    ...["-f", "lavfi", "-i", `testsrc2=s=${width}x${height}:d=${seconds}:r=${fps}`],
    ...(audio ? ["-f", "lavfi", "-i", `sine=f=${200 + seed * 40}:d=${seconds}`] : []),
    // The seed tints the picture: a different video, the same length and size.
    ...["-vf", `hue=h=${(seed * 47) % 360}`],
    ...(audio ? ["-shortest"] : ["-an"]),
    ...CODECS[format],
    "-y",
    out,
  ]);
  return out;
}

export async function videoBytes(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(file));
}

/** A multipart/form-data body with one file (and text fields), as a browser sends it, with its type. */
export function multipartBody(
  file: { name: string; bytes: Uint8Array; type?: string },
  fields: Record<string, string> = {},
  boundary = `----omni${Math.random().toString(16).slice(2)}`,
): { body: Buffer; contentType: string } {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
    ),
    Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Uploads `count` short reference videos (2 s, 320x180, with sound) through the upload path's ingest, as
 * the route would; returns their asset ids. `dir` holds the files made.
 */
export async function uploadVideos(rt: Runtime, dir: string, count: number, seed = 1): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `motion-${seed + i}.mp4`;
    const file = await writeVideo(dir, name, { seconds: 2, width: 320, height: 180, seed: seed + i });
    const { asset } = await ingestUploadBytes(
      rt.db.prisma,
      rt.store,
      { bytes: await videoBytes(file), fileName: name },
      uploadOptions({}),
    );
    ids.push(asset.id);
  }
  return ids;
}
