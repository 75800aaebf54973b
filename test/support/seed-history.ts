// Fills a database with a realistic history of finished clips, fast (batched inserts, shared media), for
// load tests and benchmarks. Rows are terminal (completed, failed or canceled), so no worker touches them.
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import type { Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { MediaStore } from "@/lib/media/storage";
import { ingestImage } from "@/lib/uploads/ingest";
import { fakeVideo } from "@/test/fakes/fal-fake-video";
import { makeImage } from "./images";

export interface SeedOptions {
  count: number;
  /** Distinct reference images shared by the clips (each clip uses 1 to 5 of them). */
  references?: number;
  /** Distinct posters; cards show them, so a screenful of cards should not all share one file. */
  posterVariants?: number;
  /** createdAt of the newest clip; older ones are `stepMs` apart. */
  newestAt?: Date;
  stepMs?: number;
  provider?: string;
}

export interface SeededHistory {
  ids: string[];
  assetIds: string[];
  videoKey: string;
  posterKeys: string[];
}

const WORDS =
  "a lighthouse keeper walks along the cliff at dawn while gulls circle the beam and waves break on black rocks below".split(
    " ",
  );

/** A 640x360 WebP like the posters the pipeline makes: a gradient frame with some photographic grain. */
async function posterLike(seed: number): Promise<Buffer> {
  const frame = await makeImage({ seed, width: 640, height: 360 });
  const grain = await sharp({
    create: {
      width: 640,
      height: 360,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .png()
    .toBuffer();
  return sharp(frame)
    .composite([{ input: grain, blend: "overlay" }])
    .blur(0.6)
    .webp({ quality: 75 })
    .toBuffer();
}

export async function seedHistory(
  prisma: Db,
  store: MediaStore,
  options: SeedOptions,
): Promise<SeededHistory> {
  const { count, references = 8, posterVariants = 48, stepMs = 60_000, provider = "fal" } = options;
  const newestAt = options.newestAt ?? new Date();

  const assetIds: string[] = [];
  for (let i = 0; i < references; i++) {
    const bytes = await makeImage({ seed: 9000 + i, width: 1024, height: 768, format: "jpeg" });
    const { asset } = await ingestImage(prisma, store, { bytes, fileName: `seed-ref-${i + 1}.jpg` });
    assetIds.push(asset.id);
  }
  const video = await fakeVideo("16:9", 5);
  const { key: videoKey, bytes: videoBytes } = await store.putBuffer(await readFile(video.path), "mp4");
  const posterKeys: string[] = [];
  for (let i = 0; i < posterVariants; i++)
    posterKeys.push((await store.putBuffer(await posterLike(i + 1), "webp")).key);

  const ids: string[] = [];
  const BATCH = 500;
  for (let start = 0; start < count; start += BATCH) {
    const generations = [];
    const refs = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const createdAt = new Date(newestAt.getTime() - i * stepMs);
      const id = newId(createdAt.getTime());
      ids.push(id);
      const refCount = 1 + (i % 5);
      const kind = i % 50 === 7 ? "failed" : i % 50 === 31 ? "canceled" : "completed";
      const words = Array.from({ length: 12 }, (_, w) => WORDS[(i * 7 + w * 3) % WORDS.length]).join(" ");
      const tags = Array.from({ length: refCount }, (_, r) => `<IMAGE_REF_${r}>`).join(" and ");
      generations.push({
        id,
        status: kind as "completed" | "failed" | "canceled",
        provider,
        modelId: "google/gemini-omni-flash/reference-to-video",
        prompt: `Clip ${i + 1}: ${tags}. ${words}. Single continuous shot.`,
        duration: 3 + (i % 8),
        aspectRatio: i % 4 === 3 ? "9:16" : "16:9",
        idempotencyKey: `seed-${id}`,
        inputHash: `seed-${id}`,
        requestId: `seed-req-${id}`,
        estimatedCostUsd: 0.1 * (3 + (i % 8)),
        actualCostUsd: kind === "completed" ? 0.1 * (3 + (i % 8)) : null,
        videoKey: kind === "completed" ? videoKey : null,
        posterKey: kind === "completed" ? posterKeys[i % posterKeys.length] : null,
        videoBytes: kind === "completed" ? videoBytes : null,
        videoDurationSec: kind === "completed" ? 5 : null,
        errorCode: kind === "failed" ? "content_policy_violation" : null,
        errorMessage: kind === "failed" ? "The provider refused this prompt or one of its images." : null,
        errorRetryable: kind === "failed" ? false : null,
        favorite: i % 13 === 0,
        createdAt,
        submittedAt: createdAt,
        startedAt: createdAt,
        completedAt: new Date(createdAt.getTime() + 40_000),
        nextRunAt: createdAt,
      });
      for (let r = 0; r < refCount; r++) {
        refs.push({
          generationId: id,
          position: r,
          assetId: assetIds[(i + r) % assetIds.length] as string,
          label: `ref ${r + 1}`,
        });
      }
    }
    await prisma.generation.createMany({ data: generations });
    await prisma.generationReference.createMany({ data: refs });
  }
  return { ids, assetIds, videoKey, posterKeys };
}
