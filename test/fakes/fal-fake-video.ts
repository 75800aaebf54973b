import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const CACHE_DIR = path.join(os.tmpdir(), "omni-studio-fake-fal");
const pending = new Map<string, Promise<FakeVideo>>();

export interface FakeVideo {
  path: string;
  bytes: number;
  width: number;
  height: number;
}

/** Frame size (16:9) and frame rate of each tier: fewer frames above 720p keep a 4K render to seconds. */
const TIERS: Record<string, { width: number; height: number; fps: number }> = {
  "360p": { width: 640, height: 360, fps: 24 },
  "720p": { width: 1280, height: 720, fps: 24 },
  "1080p": { width: 1920, height: 1080, fps: 12 },
  "4k": { width: 3840, height: 2160, fps: 6 },
};

/**
 * A real MP4 (H.264 + AAC) like the model's output: 720p (the only tier before v1.1), or the tier the
 * request names. Made once per (aspect, duration, tier) and kept in the temp dir. Written under a unique
 * name and renamed, so parallel test processes never see half a file.
 */
export function fakeVideo(aspectRatio: string, duration: number, resolution = "720p"): Promise<FakeVideo> {
  const tier = TIERS[resolution] ?? TIERS["720p"]!;
  const [width, height] = aspectRatio === "9:16" ? [tier.height, tier.width] : [tier.width, tier.height];
  const key = `v1-${width}x${height}-${duration}s${tier.fps === 24 ? "" : `-${tier.fps}fps`}`;
  let made = pending.get(key);
  if (!made) {
    made = make(key, width, height, duration, tier.fps);
    pending.set(key, made);
    made.catch(() => pending.delete(key));
  }
  return made;
}

async function make(
  key: string,
  width: number,
  height: number,
  duration: number,
  fps: number,
): Promise<FakeVideo> {
  const file = path.join(CACHE_DIR, `${key}.mp4`);
  const existing = await stat(file).catch(() => undefined);
  if (existing && existing.size > 0) return { path: file, bytes: existing.size, width, height };

  await mkdir(CACHE_DIR, { recursive: true });
  const tmp = path.join(CACHE_DIR, `${key}.${process.pid}.${randomUUID()}.tmp.mp4`);
  const ffmpeg: string = require("@ffmpeg-installer/ffmpeg").path;
  try {
    await run(
      ffmpeg,
      [
        ["-hide_banner", "-loglevel", "error", "-y"],
        ["-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=${fps}:duration=${duration}`],
        ["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=44100:duration=${duration}`],
        ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-b:v", "250k"],
        ["-c:a", "aac", "-b:a", "48k", "-shortest", "-movflags", "+faststart", "-f", "mp4", tmp],
      ].flat(),
    );
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
  const made = await stat(file);
  return { path: file, bytes: made.size, width, height };
}
