// Model versions through the real service and worker against the fake fal server (which checks each
// submit against its endpoint's schema, test/fakes/fal-schemas.ts): each version's request arrives with
// exactly the fields its profile spells, and whatever the fake would refuse, the studio refuses first,
// with its own message naming the field and the limit, before anything is sent.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { retryGeneration } from "@/lib/generations/rerun";
import { AppError } from "@/lib/http/errors";
import { probeVideo } from "@/lib/media/probe";
import { generationDeps } from "@/lib/server/runtime";
import { V1_1_ENDPOINT, V1_2_ENDPOINT, V1_ENDPOINT } from "@/test/fakes/fal-schemas";
import type { RecordedSubmit } from "@/test/fakes/fal-server";
import { storedPath } from "@/test/support/stored";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { makeImage } from "../support/images";
import { newKey, startTestRuntime, submit, type TestRuntime, waitFor } from "../support/runtime";

const keyOf = (url: string) => url.split("/").pop()!;
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe.each(await dbKinds())("model versions through the fake fal server on %s", (kind) => {
  const studio = useStudio(kind, {
    fal: { queueMs: 30, runMs: 60 },
    references: { count: 11, seed: 300 },
  });
  const rt = () => studio.rt;
  const fake = () => studio.fal;

  /** The body the fake received for a clip, found by its request id. */
  function sentFor(requestId: string | null): RecordedSubmit {
    const found = fake().submits.find((s) => s.requestId === requestId);
    if (!found) throw new Error(`the fake received no submit for ${requestId}`);
    return found;
  }

  /** The sha256 of each image URL's bytes in the fake's storage, in order. */
  function sentImages(body: unknown): string[] {
    return ((body as { image_urls: string[] }).image_urls ?? []).map((url) => {
      const token = /\/files\/uploads\/([^/]+)\//.exec(url)?.[1] ?? "";
      return sha256(fake().files.get(token)!.bytes);
    });
  }

  let imageUrl: Promise<string> | undefined;
  /** One image in the fake's storage, put there as fal's client does, for bodies sent straight to it. */
  function fakeImageUrl(): Promise<string> {
    imageUrl ??= (async () => {
      const headers = { authorization: `Key ${studio.env().FAL_KEY}`, "content-type": "application/json" };
      const slot = await fetch(`${fake().url}/storage/upload/initiate`, {
        method: "POST",
        headers,
        body: JSON.stringify({ content_type: "image/png", file_name: "ref.png" }),
      });
      const { upload_url, file_url } = (await slot.json()) as { upload_url: string; file_url: string };
      const put = await fetch(upload_url, { method: "PUT", body: new Uint8Array(await makeImage()) });
      expect(put.status).toBe(200);
      return file_url;
    })();
    return imageUrl;
  }

  async function assetHashes(ids: string[]): Promise<string[]> {
    const rows = await rt().db.prisma.asset.findMany({ where: { id: { in: ids } } });
    return ids.map((id) => rows.find((r) => r.id === id)!.sha256);
  }

  it("sends a v1.2 clip of 10 images at 1080p and 15 s with exactly the fields its profile spells", async () => {
    const referenceIds = studio.refs.slice(0, 10);
    const { generation } = await submit(rt(), {
      referenceIds,
      model: "fal-v1.2",
      resolution: "1080p",
      duration: 15,
      aspectRatio: "16:9",
    });
    expect(generation).toMatchObject({
      provider: "fal",
      modelVersion: "fal-v1.2",
      modelLabel: "Omni Flash 1.2",
      modelId: V1_2_ENDPOINT,
      resolution: "1080p",
      estimatedCostUsd: 1.8435,
    });
    const done = await waitFor(rt(), generation.id);
    expect(done.status).toBe("completed");
    const sent = sentFor(done.requestId);
    expect(sent.endpoint).toBe(V1_2_ENDPOINT);
    expect(Object.keys(sent.body as object).sort()).toEqual([
      "aspect_ratio",
      "duration",
      "image_urls",
      "prompt",
      "resolution",
    ]);
    expect(sent.body).toMatchObject({
      prompt: generation.prompt,
      aspect_ratio: "16:9",
      duration: 15,
      resolution: "1080p",
    });
    expect(Number.isInteger((sent.body as { duration: unknown }).duration)).toBe(true);
    // image_urls[n] holds the bytes of reference n: <IMAGE_REF_n> binds the image the person meant.
    expect(sentImages(sent.body)).toEqual(await assetHashes(referenceIds));
    const probe = await probeVideo(await storedPath(rt().store, keyOf(done.videoUrl!)));
    expect([probe.width, probe.height]).toEqual([1920, 1080]);
    expect(done.actualCostUsd).toBe(1.8435);
  });

  it("sends a v1.1 clip at 4K, spelled 4k, and stores the 4K video", async () => {
    const { generation } = await submit(rt(), {
      referenceIds: studio.refs.slice(0, 2),
      model: "fal-v1.1",
      resolution: "4k",
      duration: 3,
    });
    expect(generation).toMatchObject({ modelVersion: "fal-v1.1", resolution: "4k", estimatedCostUsd: 0.9 });
    const done = await waitFor(rt(), generation.id);
    expect(done.status).toBe("completed");
    const sent = sentFor(done.requestId);
    expect(sent.endpoint).toBe(V1_1_ENDPOINT);
    expect(sent.body).toEqual({
      prompt: generation.prompt,
      image_urls: expect.any(Array),
      aspect_ratio: "16:9",
      duration: 3,
      resolution: "4k",
    });
    const probe = await probeVideo(await storedPath(rt().store, keyOf(done.videoUrl!)));
    expect([probe.width, probe.height]).toEqual([3840, 2160]);
  });

  it("sends a v1 clip as before versions: its endpoint, four fields, no resolution", async () => {
    const referenceIds = studio.refs.slice(0, 5);
    const { generation } = await submit(rt(), { referenceIds, duration: 6, aspectRatio: "9:16" });
    expect(generation).toMatchObject({
      modelVersion: "fal-v1",
      modelId: V1_ENDPOINT,
      resolution: "720p",
      estimatedCostUsd: 0.78,
    });
    const done = await waitFor(rt(), generation.id);
    expect(done.status).toBe("completed");
    const sent = sentFor(done.requestId);
    expect(sent.endpoint).toBe(V1_ENDPOINT);
    expect(sent.body).toEqual({
      prompt: generation.prompt,
      image_urls: expect.any(Array),
      aspect_ratio: "9:16",
      duration: 6,
    });
    expect(sentImages(sent.body)).toEqual(await assetHashes(referenceIds));
  });

  // Each row: what a person asks, what the studio answers, and the body fal would have been sent, which
  // the fake (fal's schema) refuses: so the studio's refusal is the only one a person ever reads.
  const refusals: {
    name: string;
    ask: Record<string, unknown> & { images: number };
    code: string;
    field: string;
    message: string;
    fal?: { endpoint: string; body: Record<string, unknown> & { images: number } };
  }[] = [
    {
      name: "6 images on v1",
      ask: { images: 6 },
      code: "unsupported_setting",
      field: "referenceIds",
      message: "Omni Flash 1.0 takes at most 5 reference images (this has 6).",
      fal: { endpoint: V1_ENDPOINT, body: { images: 6 } },
    },
    {
      name: "8 images on v1.1",
      ask: { images: 8, model: "fal-v1.1" },
      code: "unsupported_setting",
      field: "referenceIds",
      message: "Omni Flash 1.1 takes at most 7 reference images (this has 8).",
      fal: { endpoint: V1_1_ENDPOINT, body: { images: 8, resolution: "720p" } },
    },
    {
      name: "11 images on v1.2",
      ask: { images: 11, model: "fal-v1.2" },
      code: "invalid_input",
      field: "referenceIds",
      message: "Use at most 10 reference images",
      fal: { endpoint: V1_2_ENDPOINT, body: { images: 11, resolution: "720p" } },
    },
    {
      name: "a resolution on v1",
      ask: { images: 1, model: "fal-v1", resolution: "1080p" },
      code: "unsupported_setting",
      field: "resolution",
      message: "Omni Flash 1.0 renders 720p (asked: 1080p).",
      fal: { endpoint: V1_ENDPOINT, body: { images: 1, resolution: "1080p" } },
    },
    {
      name: "an unknown resolution",
      ask: { images: 1, model: "fal-v1.2", resolution: "4K" },
      code: "invalid_input",
      field: "resolution",
      message: "Resolution must be one of 360p, 720p, 1080p, 4k",
      fal: { endpoint: V1_2_ENDPOINT, body: { images: 1, resolution: "4K" } },
    },
    {
      name: "15 s on v1.1",
      ask: { images: 1, model: "fal-v1.1", duration: 15 },
      code: "unsupported_setting",
      field: "duration",
      message: "Omni Flash 1.1 makes clips of 3 to 10 seconds (asked: 15).",
      fal: { endpoint: V1_1_ENDPOINT, body: { images: 1, duration: 15, resolution: "720p" } },
    },
    {
      name: "15 s on the default version (v1)",
      ask: { images: 1, duration: 15 },
      code: "unsupported_setting",
      field: "duration",
      message: "Omni Flash 1.0 makes clips of 3 to 10 seconds (asked: 15).",
      fal: { endpoint: V1_ENDPOINT, body: { images: 1, duration: 15 } },
    },
    {
      name: "16 s on v1.2",
      ask: { images: 1, model: "fal-v1.2", duration: 16 },
      code: "invalid_input",
      field: "duration",
      message: "Duration must be at most 15 seconds",
      fal: { endpoint: V1_2_ENDPOINT, body: { images: 1, duration: 16, resolution: "720p" } },
    },
    {
      name: "a version of a provider that is not configured",
      ask: { images: 1, model: "atlas" },
      code: "provider_not_configured",
      field: "model",
      message: 'The provider "atlas" is not configured on this studio.',
    },
    {
      name: "a version with another provider",
      ask: { images: 1, model: "fal-v1.2", provider: "preview" },
      code: "unsupported_setting",
      field: "model",
      message: "Omni Flash 1.2 is not served by preview.",
    },
    {
      name: "a version that does not exist",
      ask: { images: 1, model: "fal-v2" },
      code: "invalid_input",
      field: "model",
      message: "Model must be one of fal-v1, fal-v1.1, fal-v1.2, atlas, preview",
    },
  ];

  it.each(refusals)("refuses $name before anything is sent, naming the field and the limit", async (row) => {
    const { images, ...ask } = row.ask;
    const submitsBefore = fake().counts.submits;
    const rowsBefore = await rt().db.prisma.generation.count();
    const err = await submit(rt(), { referenceIds: studio.refs.slice(0, images), ...ask }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    const appError = err as AppError;
    expect({ status: appError.status, code: appError.code }).toEqual({ status: 422, code: row.code });
    expect(appError.message).toContain(row.message);
    expect(appError.fields?.[row.field]).toBeTruthy();
    expect(fake().counts.submits).toBe(submitsBefore);
    expect(await rt().db.prisma.generation.count()).toBe(rowsBefore);

    if (!row.fal) return;
    // The same request spelled for fal: the fake's schema refuses it at the same field.
    const { images: n, ...fields } = row.fal.body;
    const image = await fakeImageUrl();
    const body = {
      prompt: "<IMAGE_REF_0> walks. Single continuous shot.",
      image_urls: Array.from({ length: n }, () => image),
      aspect_ratio: "16:9",
      duration: 5,
      ...fields,
    };
    const res = await fetch(`${fake().url}/${row.fal.endpoint}`, {
      method: "POST",
      headers: { authorization: `Key ${studio.env().FAL_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(422);
    const falField = { referenceIds: "image_urls" }[row.field] ?? row.field;
    const { detail } = (await res.json()) as { detail: { loc: unknown[] }[] };
    expect(detail.map((d) => d.loc[1])).toContain(falField);
  });

  it("retries a clip with its version and tier", async () => {
    const { generation } = await submit(rt(), {
      referenceIds: studio.refs.slice(0, 3),
      model: "fal-v1.2",
      resolution: "360p",
      duration: 4,
    });
    await waitFor(rt(), generation.id);
    const owner = await testOwner(rt().db.prisma);
    const again = await retryGeneration(generationDeps(rt()), owner, generation.id, newKey());
    expect(again.generation).toMatchObject({
      modelVersion: "fal-v1.2",
      resolution: "360p",
      duration: 4,
      retryOfId: generation.id,
      estimatedCostUsd: 0.1092,
    });
    const done = await waitFor(rt(), again.generation.id);
    const sent = sentFor(done.requestId);
    expect(sent.endpoint).toBe(V1_2_ENDPOINT);
    expect(sent.body).toMatchObject({ resolution: "360p", duration: 4 });
  });

  /** A second runtime on the same database and media, with other settings; disposed after `fn`. */
  async function withRuntime(env: Record<string, string>, fn: (other: TestRuntime) => Promise<void>) {
    const other = await startTestRuntime(studio.db, { ...studio.env(), ...env }, { dataDir: rt().dataDir });
    try {
      await fn(other);
    } finally {
      await other.dispose();
    }
  }

  it("makes v1.2 the default when FAL_MODEL_ID names its endpoint", async () => {
    await withRuntime({ FAL_MODEL_ID: V1_2_ENDPOINT }, async (other) => {
      const { generation } = await submit(other, { referenceIds: studio.refs.slice(0, 1), duration: 12 });
      expect(generation).toMatchObject({
        modelVersion: "fal-v1.2",
        resolution: "720p",
        modelId: V1_2_ENDPOINT,
      });
      const done = await waitFor(other, generation.id);
      expect(done.status).toBe("completed");
      const sent = sentFor(done.requestId);
      expect(sent.endpoint).toBe(V1_2_ENDPOINT);
      expect(sent.body).toMatchObject({ duration: 12, resolution: "720p" });
      // The first version can still be named.
      const v1 = await submit(other, { referenceIds: studio.refs.slice(0, 1), model: "fal-v1" });
      expect(v1.generation).toMatchObject({ modelVersion: "fal-v1", modelId: V1_ENDPOINT });
    });
  });

  it("sends v1's request to an endpoint FAL_MODEL_ID names that the studio does not know", async () => {
    const custom = "google/gemini-omni-flash/v9/reference-to-video";
    await withRuntime({ FAL_MODEL_ID: custom }, async (other) => {
      const { generation } = await submit(other, { referenceIds: studio.refs.slice(0, 2), duration: 4 });
      expect(generation).toMatchObject({ modelVersion: "fal-v1", resolution: "720p", modelId: custom });
      const done = await waitFor(other, generation.id);
      expect(done.status).toBe("completed");
      const sent = sentFor(done.requestId);
      expect(sent.endpoint).toBe(custom);
      expect(Object.keys(sent.body as object).sort()).toEqual([
        "aspect_ratio",
        "duration",
        "image_urls",
        "prompt",
      ]);
    });
  });
});
