import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { runTool } from "@/lib/media/ffmpeg";
import { tool } from "@/lib/media/tools";

const run = promisify(execFile);
const ffmpeg: string = createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg").path;

/** A real, small MP4 (H.264 + AAC) of the given length: a reference video to send. */
export async function makeVideo(
  options: { seconds: number; width?: number; height?: number } = { seconds: 3 },
): Promise<Buffer> {
  const { seconds, width = 160, height = 90 } = options;
  const dir = await mkdtemp(path.join(os.tmpdir(), "test-video-"));
  const file = path.join(dir, "clip.mp4");
  try {
    await run(ffmpeg, [
      ...["-hide_banner", "-loglevel", "error", "-y"],
      ...["-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=12:duration=${seconds}`],
      ...["-f", "lavfi", "-i", `sine=frequency=330:sample_rate=44100:duration=${seconds}`],
      ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"],
      ...["-movflags", "+faststart", file],
    ]);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** ffprobe's JSON of a file: its streams (frames counted), format tags and chapters. */
export async function ffprobe(file: string) {
  const raw = await runTool(tool("ffprobe").path, [
    ...["-v", "error", "-print_format", "json", "-count_frames"],
    ...["-show_format", "-show_streams", "-show_chapters", file],
  ]);
  return JSON.parse(raw.toString("utf8")) as {
    streams: {
      codec_type: string;
      width?: number;
      height?: number;
      r_frame_rate: string;
      nb_read_frames?: string;
      duration: string;
      sample_rate?: string;
      channels?: number;
    }[];
    format: { duration: string; tags: Record<string, string> };
    chapters: { start_time: string; end_time: string; tags: { title: string } }[];
  };
}
