// The clip the media benchmarks (08, 19) serve: 10 s of 1280x720 H.264 at a constant 8 Mbit/s (about
// 10 MB) with a keyframe every second and the moov up front, made with ffmpeg, and a completed generation
// that names it, so the member media route serves it.
import { spawnSync } from "node:child_process";
import type { Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { tool } from "@/lib/media/tools";

export function makeClip(out: string) {
  const args = [
    ..."-hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=30 -t 10".split(" "),
    ..."-c:v libx264 -preset ultrafast -g 30 -pix_fmt yuv420p -b:v 8M -minrate 8M -maxrate 8M -bufsize 2M".split(
      " ",
    ),
    ..."-x264-params nal-hrd=cbr:force-cfr=1 -movflags +faststart".split(" "),
    out,
  ];
  const r = spawnSync(tool("ffmpeg").path, args, { stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
}

/** A completed clip whose video is `videoKey` (`size` bytes). */
export async function recordClip(prisma: Db, videoKey: string, size: number) {
  const createdAt = new Date();
  const id = newId(createdAt.getTime());
  await prisma.generation.create({
    data: {
      id,
      status: "completed",
      provider: "fal",
      modelId: "google/gemini-omni-flash/reference-to-video",
      prompt: "A 10 MB clip for the media benchmark.",
      duration: 10,
      aspectRatio: "16:9",
      idempotencyKey: `bench-${id}`,
      inputHash: `bench-${id}`,
      videoKey,
      estimatedCostUsd: 1.3,
      actualCostUsd: 1.3,
      videoBytes: size,
      videoDurationSec: 10,
      createdAt,
      submittedAt: createdAt,
      startedAt: createdAt,
      completedAt: createdAt,
      nextRunAt: createdAt,
    },
  });
  return id;
}
