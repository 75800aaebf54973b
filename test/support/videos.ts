import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

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
