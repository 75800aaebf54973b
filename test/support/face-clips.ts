// Clips of a real face for identity benchmarks and load: an 8 s 720p video of one portrait (the face model's
// own sample photos, ./faces.ts) that slowly zooms and pans, stored once and shared by seeded clips.
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import type { MediaStore } from "@/lib/media/storage";
import { ingestImage } from "@/lib/uploads/ingest";
import { type Person, portrait } from "./faces";

/** Writes an H.264/AAC MP4 of `person`'s portrait, 1280x720, `seconds` long, moving (zoom and pan). */
export async function faceClip(person: Person, out: string, seconds = 8): Promise<void> {
  const still = path.join(os.tmpdir(), `omni-face-${person}-${process.pid}.png`);
  await writeFile(still, await portrait(person, { width: 1280 }));
  const frames = seconds * 24;
  await runFfmpeg([
    ...["-v", "error", "-loop", "1", "-i", still],
    ...["-f", "lavfi", "-i", `sine=f=220:d=${seconds}`],
    "-filter_complex",
    // The square portrait on a 16:9 stage, slowly pushed in and panned (no stretching: zoompan keeps 16:9).
    `[0:v]scale=-2:1440,pad=2560:1440:(ow-iw)/2:0:color=0x1c1c22,zoompan=z='1+0.25*on/${frames}':x='iw/2-(iw/zoom/2)+160*on/${frames}':y='ih/2-(ih/zoom/2)':d=${frames}:s=1280x720:fps=24[v]`,
    ...["-map", "[v]", "-map", "1:a", "-t", String(seconds)],
    ...[
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-shortest",
      "-y",
      out,
    ],
  ]);
}

/**
 * `count` completed clips of one face (newest first, newer than any seeded history), each referencing the
 * portrait they show; no ClipIdentity rows, so a studio with scoring on queues and scores them.
 */
export async function seedFaceClips(prisma: Db, store: MediaStore, count: number, person: Person = "ana") {
  const { asset } = await ingestImage(prisma, store, {
    bytes: await portrait(person),
    fileName: `${person}.png`,
  });
  const file = path.join(os.tmpdir(), `omni-face-clip-${person}-${process.pid}.mp4`);
  await faceClip(person, file);
  const bytes = await readFile(file);
  const video = await store.putBuffer(bytes, "mp4");
  const now = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = newId();
    const at = new Date(now + 60_000 + i * 1000);
    await prisma.generation.create({
      data: {
        id,
        status: "completed",
        provider: "preview",
        modelId: "preview",
        prompt: `<IMAGE_REF_0> turns to the camera and smiles. Take ${i + 1}.`,
        duration: 8,
        aspectRatio: "16:9",
        idempotencyKey: `face-${id}`,
        inputHash: `face-${id}`,
        estimatedCostUsd: 0,
        videoKey: video.key,
        videoBytes: bytes.length,
        videoDurationSec: 8,
        createdAt: at,
        completedAt: at,
        references: { create: [{ position: 0, assetId: asset.id, label: person }] },
      },
    });
    ids.push(id);
  }
  return { ids, assetId: asset.id, videoKey: video.key, file };
}
