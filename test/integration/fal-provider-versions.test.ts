// The fake fal server's three endpoints (v1, v1.1, v1.2) refuse, with fal's 422 shape, what each
// version's schema would: bodies sent straight to the fake, so the fake is shown not to be a pushover;
// then the real fal provider against it, spelling each version's request and polling it at owner/alias.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeVideo } from "@/lib/media/probe";
import { profileById } from "@/lib/models/profiles";
import { createFalProvider, type ReferenceUrlCache } from "@/lib/providers/fal";
import { fileAt } from "@/lib/providers/reference-files";
import { ProviderCallError, type ProviderInput, type ProviderReference } from "@/lib/providers/types";
import { V1_1_ENDPOINT, V1_2_ENDPOINT, V1_ENDPOINT } from "@/test/fakes/fal-schemas";
import { FAKE_FAL_KEY, type FakeFal, startFakeFal } from "@/test/fakes/fal-server";
import { makeImage } from "../support/images";
import { makeVideo } from "../support/videos";

const auth = { authorization: `Key ${FAKE_FAL_KEY}` };
let fake: FakeFal;
let dir: string;
let image: string;
let shortVideo: string;
let longVideo: string;
let notAVideo: string;

/** Puts bytes in the fake's storage the way fal's client does, and returns the file's URL. */
async function upload(f: FakeFal, bytes: Buffer, contentType: string, name: string): Promise<string> {
  const res = await fetch(`${f.url}/storage/upload/initiate?storage_type=fal-cdn-v3`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ content_type: contentType, file_name: name }),
  });
  const { upload_url, file_url } = (await res.json()) as { upload_url: string; file_url: string };
  const put = await fetch(upload_url, {
    method: "PUT",
    headers: { "content-type": contentType },
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBe(200);
  return file_url;
}

async function post(endpoint: string, body: unknown, f = fake) {
  const res = await fetch(`${f.url}/${endpoint}`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

type Item = { loc: (string | number)[]; type: string; msg: string; ctx?: Record<string, unknown> };
const details = (r: { body: Record<string, unknown> }) => r.body.detail as Item[];
/** The refusal's item at `loc`, which must be there. */
function at(r: { body: Record<string, unknown> }, ...loc: (string | number)[]): Item {
  const found = details(r).find((d) => JSON.stringify(d.loc) === JSON.stringify(["body", ...loc]));
  if (!found) throw new Error(`no item at ${loc.join(".")} in ${JSON.stringify(r.body)}`);
  return found;
}

const many = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);
const base = { prompt: "<IMAGE_REF_0> walks. Single continuous shot.", aspect_ratio: "16:9", duration: 5 };

beforeAll(async () => {
  fake = await startFakeFal({ queueMs: 30, runMs: 60 });
  dir = await mkdtemp(path.join(os.tmpdir(), "fal-versions-"));
  image = await upload(fake, await makeImage({ width: 400, height: 300 }), "image/png", "hero.png");
  shortVideo = await upload(fake, await makeVideo({ seconds: 3 }), "video/mp4", "walk.mp4");
  longVideo = await upload(fake, await makeVideo({ seconds: 5 }), "video/mp4", "long.mp4");
  notAVideo = await upload(fake, await makeImage({ width: 64, height: 64 }), "video/mp4", "still.mp4");
});

afterAll(async () => {
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the fake fal server refuses what each version's schema would", () => {
  it("v1: at most 5 images, no resolution, no reference videos, 3 to 10 s, image_urls required", async () => {
    const jobsBefore = fake.jobs.size;
    const r = await post(V1_ENDPOINT, {
      ...base,
      image_urls: many(6, image),
      resolution: "1080p",
      reference_video_urls: [shortVideo],
      duration: 11,
    });
    expect(r.status).toBe(422);
    expect(at(r, "image_urls")).toMatchObject({ type: "too_long", ctx: { max_length: 5, actual_length: 6 } });
    expect(at(r, "resolution")).toMatchObject({ type: "extra_forbidden" });
    expect(at(r, "reference_video_urls")).toMatchObject({ type: "extra_forbidden" });
    expect(at(r, "duration")).toMatchObject({ type: "less_than_equal", ctx: { le: 10 } });
    expect(details(r)).toHaveLength(4);
    expect(at(await post(V1_ENDPOINT, base), "image_urls").type).toBe("missing");
    // 15 s on a version that stops at 10, alone.
    const fifteen = await post(V1_ENDPOINT, { ...base, image_urls: [image], duration: 15 });
    expect(details(fifteen)).toEqual([
      expect.objectContaining({ loc: ["body", "duration"], msg: "Input should be less than or equal to 10" }),
    ]);
    // Refused bodies make no job, and each is recorded with its endpoint and answer.
    expect(fake.jobs.size).toBe(jobsBefore);
    expect(fake.lastSubmit).toMatchObject({ endpoint: V1_ENDPOINT, status: 422, body: { duration: 15 } });
    expect(fake.lastSubmit?.requestId).toBeUndefined();
  });

  it("v1.1: at most 7 images and 3 videos of at most 3 s, its four tiers spelled exactly, 3 to 10 s", async () => {
    const tooMany = await post(V1_1_ENDPOINT, {
      ...base,
      image_urls: many(8, image),
      reference_video_urls: many(4, shortVideo),
    });
    expect(tooMany.status).toBe(422);
    expect(at(tooMany, "image_urls")).toMatchObject({ type: "too_long", ctx: { max_length: 7 } });
    expect(at(tooMany, "reference_video_urls")).toMatchObject({ type: "too_long", ctx: { max_length: 3 } });

    for (const resolution of ["4K", "2k", "720", 1080]) {
      const r = await post(V1_1_ENDPOINT, { ...base, image_urls: [image], resolution });
      expect(details(r), String(resolution)).toEqual([
        expect.objectContaining({
          loc: ["body", "resolution"],
          type: "literal_error",
          msg: "Input should be '360p', '720p', '1080p' or '4k'",
        }),
      ]);
    }
    const fifteen = await post(V1_1_ENDPOINT, { ...base, image_urls: [image], duration: 15 });
    expect(at(fifteen, "duration")).toMatchObject({ type: "less_than_equal", ctx: { le: 10 } });

    // Each video is read back from storage and probed: too long, not a video, not downloadable.
    const videos = await post(V1_1_ENDPOINT, {
      ...base,
      reference_video_urls: [shortVideo, longVideo, notAVideo],
    });
    expect(details(videos)).toHaveLength(2);
    const long = at(videos, "reference_video_urls", 1);
    expect(long).toMatchObject({ type: "video_duration_too_long", ctx: { max_duration: 3 } });
    expect(long.ctx?.provided_duration).toBeGreaterThan(4.9);
    expect(at(videos, "reference_video_urls", 2).type).toBe("unsupported_video_format");
    const gone = await post(V1_1_ENDPOINT, {
      ...base,
      reference_video_urls: [`${fake.url}/files/uploads/nothing-here/x.mp4`],
    });
    expect(at(gone, "reference_video_urls", 0).type).toBe("file_download_error");

    // Images are optional on v1.1: one video alone, at 4k, is taken.
    const ok = await post(V1_1_ENDPOINT, {
      ...base,
      prompt: "<VIDEO_REF_0> [fake:hold]",
      reference_video_urls: [shortVideo],
      resolution: "4k",
    });
    expect(ok.status).toBe(200);
  });

  it("v1.2: up to 10 images, 3 videos and 15 s; 11 images or 16 s are refused; queue URLs drop /v1.2/...", async () => {
    const refused = await post(V1_2_ENDPOINT, { ...base, image_urls: many(11, image), duration: 16 });
    expect(at(refused, "image_urls")).toMatchObject({ type: "too_long", ctx: { max_length: 10 } });
    expect(at(refused, "duration")).toMatchObject({ type: "less_than_equal", ctx: { le: 15 } });
    const fractional = await post(V1_2_ENDPOINT, { ...base, image_urls: [image], duration: 7.5 });
    expect(at(fractional, "duration").type).toBe("int_type");
    const extra = await post(V1_2_ENDPOINT, { ...base, image_urls: [image], seed: 4 });
    expect(at(extra, "seed").type).toBe("extra_forbidden");

    const body = {
      ...base,
      prompt: "<IMAGE_REF_9> meets <VIDEO_REF_2> [fake:hold]",
      image_urls: many(10, image),
      reference_video_urls: many(3, shortVideo),
      resolution: "4k",
      duration: 15,
    };
    const ok = await post(V1_2_ENDPOINT, body);
    expect(ok.status).toBe(200);
    const id = ok.body.request_id as string;
    expect(ok.body.status_url).toBe(`${fake.url}/google/gemini-omni-flash/requests/${id}/status`);
    expect(fake.lastSubmit).toEqual(
      expect.objectContaining({ endpoint: V1_2_ENDPOINT, status: 200, requestId: id, body }),
    );
    expect(fake.jobs.get(id)).toMatchObject({ app: "google/gemini-omni-flash", endpoint: V1_2_ENDPOINT });

    const status = (p: string) => fetch(`${fake.url}/${p}/requests/${id}/status`, { headers: auth });
    expect((await status("google/gemini-omni-flash")).status).toBe(202);
    // A queue URL that keeps the endpoint's sub-path is not fal's: it finds nothing.
    expect((await status("google/gemini-omni-flash/v1.2")).status).toBe(404);
    const cancel = await fetch(`${fake.url}/google/gemini-omni-flash/requests/${id}/cancel`, {
      method: "PUT",
      headers: auth,
    });
    expect(await cancel.json()).toEqual({ status: "CANCELLATION_REQUESTED" });
  });

  it("takes a configurable longest reference video", async () => {
    const lenient = await startFakeFal({ videoMaxSeconds: 6 });
    try {
      const video = await upload(lenient, await makeVideo({ seconds: 5 }), "video/mp4", "five.mp4");
      const ok = await post(V1_1_ENDPOINT, { ...base, reference_video_urls: [video] }, lenient);
      expect(ok.status).toBe(200);
    } finally {
      await lenient.close();
    }
  });
});

describe("the fal provider speaks each version to the fake", () => {
  const rows = new Map<string, string>();
  const cache: ReferenceUrlCache = {
    get: async (id) => rows.get(id),
    set: async (id, url) => void rows.set(id, url),
  };
  let refs: ProviderReference[];
  beforeAll(async () => {
    refs = [];
    for (let i = 0; i < 10; i++) {
      const filePath = path.join(dir, `ref-${i}.png`);
      await writeFile(filePath, await makeImage({ seed: 40 + i, width: 320, height: 240 }));
      refs.push({
        assetId: `asset_${i}`,
        sha256: `s${i}`,
        mime: "image/png",
        withFile: fileAt(filePath),
        fileName: `ref-${i}.png`,
      });
    }
  });
  const provider = () =>
    createFalProvider({
      key: FAKE_FAL_KEY,
      modelId: V1_ENDPOINT,
      baseUrl: fake.url,
      referenceUrlCache: cache,
    });
  const input = (over: Partial<ProviderInput>): ProviderInput => ({
    modelId: V1_ENDPOINT,
    profile: profileById("fal-v1"),
    resolution: "720p",
    prompt: "<IMAGE_REF_0> waves. Single continuous shot.",
    duration: 4,
    aspectRatio: "16:9",
    references: refs.slice(0, 1),
    ...over,
  });

  it("sends v1.2's body to its endpoint, polls at owner/alias and gets the tier it asked for", async () => {
    const p = provider();
    const i = input({
      modelId: V1_2_ENDPOINT,
      profile: profileById("fal-v1.2"),
      resolution: "1080p",
      duration: 15,
      references: refs,
    });
    const { requestId } = await p.submit(i, { generationId: "g-12" });
    const sent = fake.submits.find((s) => s.requestId === requestId)!;
    expect(sent.endpoint).toBe(V1_2_ENDPOINT);
    expect(sent.body).toEqual({
      prompt: i.prompt,
      image_urls: refs.map((r) => rows.get(r.assetId)),
      aspect_ratio: "16:9",
      duration: 15,
      resolution: "1080p",
    });
    const job = { generationId: "g-12", requestId, input: i };
    await fake.waitForState(requestId, "COMPLETED", 30_000);
    expect((await p.status(job)).state).toBe("completed");
    const result = await p.result(job);
    if (!result.ok) throw new Error(result.error.message);
    const file = path.join(dir, "v12.mp4");
    const chunks: Uint8Array[] = [];
    for await (const c of (await p.openOutput(result.video)) as unknown as AsyncIterable<Uint8Array>)
      chunks.push(c);
    await writeFile(file, Buffer.concat(chunks));
    const probe = await probeVideo(file);
    expect([probe.width, probe.height]).toEqual([1920, 1080]);
    expect(probe.durationSec).toBeGreaterThan(14.5);
    // Every queue call went to owner/alias, none to the endpoint's sub-path.
    const calls = fake.requests.filter((r) => r.path.includes(`/requests/${requestId}`));
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c.path).toMatch(/^\/google\/gemini-omni-flash\/requests\//);
  });

  it("surfaces the fake's 422 as fal's refusal naming the field, when a request slips past the studio", async () => {
    const p = provider();
    const before = fake.jobs.size;
    const err = await p
      .submit(input({ modelId: V1_1_ENDPOINT, profile: profileById("fal-v1.1"), duration: 15 }), {
        generationId: "g-11",
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ProviderCallError);
    expect((err as ProviderCallError).httpStatus).toBe(422);
    expect((err as ProviderCallError).error).toMatchObject({
      code: "invalid_request",
      message: "fal rejected the request: duration: Input should be less than or equal to 10.",
    });
    expect(fake.jobs.size).toBe(before);
  });
});
