import { randomUUID } from "node:crypto";
import { type APIRequestContext, expect } from "@playwright/test";
import type { AssetDTO, GenerationDTO, GenerationPage } from "@/lib/generations/dto";
import { type ReferenceKind, referenceImage } from "./images";

// Test data through the HTTP API (the composer UI is not under test here): uploads and generations.

export async function uploadReference(
  request: APIRequestContext,
  kind: ReferenceKind,
  name: string,
  seed: number,
): Promise<AssetDTO> {
  const res = await request.post("/api/uploads", {
    multipart: { file: { name, mimeType: "image/png", buffer: await referenceImage(kind, { seed }) } },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { asset: AssetDTO }).asset;
}

export interface NewClip {
  prompt: string;
  references: AssetDTO[];
  referenceNames?: string[];
  duration?: number;
  aspectRatio?: "16:9" | "9:16";
  takes?: number;
  /** Made for this shot of a storyboard: one of its takes. */
  shotId?: string;
}

/** POST /api/generations; returns every take (one unless `takes` is set). */
export async function createClip(request: APIRequestContext, clip: NewClip): Promise<GenerationDTO[]> {
  const res = await request.post("/api/generations", {
    data: {
      prompt: clip.prompt,
      referenceIds: clip.references.map((r) => r.id),
      ...(clip.referenceNames ? { referenceNames: clip.referenceNames } : {}),
      duration: clip.duration ?? 3,
      aspectRatio: clip.aspectRatio ?? "16:9",
      ...(clip.takes ? { takes: clip.takes } : {}),
      ...(clip.shotId ? { shotId: clip.shotId } : {}),
      idempotencyKey: randomUUID(),
    },
  });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { generations: GenerationDTO[] }).generations;
}

export async function getClip(request: APIRequestContext, id: string): Promise<GenerationDTO> {
  const res = await request.get(`/api/generations/${id}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { generation: GenerationDTO }).generation;
}

/** Waits until the clip reaches `status`; fails at once, with the clip's reason, if it ends otherwise. */
export async function waitForStatus(
  request: APIRequestContext,
  id: string,
  status: GenerationDTO["status"],
  timeout = 60_000,
): Promise<GenerationDTO> {
  let last: GenerationDTO | undefined;
  await expect
    .poll(
      async () => {
        last = await getClip(request, id);
        const ended = ["completed", "failed", "canceled"].includes(last.status);
        if (ended && last.status !== status) {
          throw new Error(
            `clip ${id} ended ${last.status}: ${last.error?.code} ${last.error?.message ?? ""}`,
          );
        }
        return last.status;
      },
      { timeout, message: `clip ${id} should become ${status}` },
    )
    .toBe(status);
  return last!;
}

/** One finished clip (on the preview engine) with one reference: for specs about what shows it. */
export async function finishedClip(
  request: APIRequestContext,
  reference: { kind: ReferenceKind; name: string; seed: number },
  prompt: string,
): Promise<GenerationDTO> {
  const ref = await uploadReference(request, reference.kind, reference.name, reference.seed);
  const [clip] = await createClip(request, { prompt, references: [ref] });
  return waitForStatus(request, clip!.id, "completed");
}

export async function listClips(request: APIRequestContext, query = "limit=100"): Promise<GenerationDTO[]> {
  const res = await request.get(`/api/generations?${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as GenerationPage).items;
}
