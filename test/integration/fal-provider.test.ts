import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FAL_MODEL_ID } from "@/lib/config/env";
import { profileById } from "@/lib/models/profiles";
import { createFalProvider, REFERENCE_URL_TTL_MS, type ReferenceUrlCache } from "@/lib/providers/fal";
import { verifyFalWebhook, webhookToOutcome } from "@/lib/providers/fal-webhook";
import { fileAt } from "@/lib/providers/reference-files";
import {
  ProviderCallError,
  type ProviderInput,
  type ProviderJob,
  type ProviderReference,
  type VideoProvider,
} from "@/lib/providers/types";
import { type FakeFal, startFakeFal } from "@/test/fakes/fal-server";

const KEY = "fal-test-key-7d1c0e5b-secret";
const ffprobe: string = createRequire(import.meta.url)("@ffprobe-installer/ffprobe").path;

let fake: FakeFal;
let dir: string;
let reference: ProviderReference;
const cacheRows = new Map<string, { url: string; expiresAt: Date }>();
const seenUrls: string[] = [];
const errorsSeen: ProviderCallError[] = [];

const cache: ReferenceUrlCache = {
  async get(assetId) {
    const row = cacheRows.get(assetId);
    return row && row.expiresAt.getTime() > Date.now() ? row.url : undefined;
  },
  async set(assetId, url, expiresAt) {
    cacheRows.set(assetId, { url, expiresAt });
  },
};

function provider(key = KEY): VideoProvider {
  return createFalProvider({
    key,
    modelId: DEFAULT_FAL_MODEL_ID,
    baseUrl: fake.url,
    referenceUrlCache: cache,
    fetch: (input, init) => {
      seenUrls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    },
  });
}

const input = (prompt: string, extra: Partial<ProviderInput> = {}): ProviderInput => ({
  modelId: DEFAULT_FAL_MODEL_ID,
  profile: profileById("fal-v1"),
  resolution: "720p",
  prompt,
  duration: 4,
  aspectRatio: "16:9",
  references: [reference],
  ...extra,
});

async function submitJob(p: VideoProvider, i: ProviderInput, webhookUrl?: string): Promise<ProviderJob> {
  const { requestId } = await p.submit(i, { generationId: "gen-1", webhookUrl });
  return { generationId: "gen-1", requestId, input: i };
}

async function rejection(promise: Promise<unknown>): Promise<ProviderCallError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderCallError);
  errorsSeen.push(err as ProviderCallError);
  return err as ProviderCallError;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  // Storage and output URLs on a real fal host name: the provider must rewrite those too.
  fake = await startFakeFal({ key: KEY, queueMs: 50, runMs: 100, publicOrigin: "https://v3.fal.media" });
  dir = await mkdtemp(path.join(os.tmpdir(), "fal-provider-test-"));
  const png = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 80, b: 40 } },
  })
    .png()
    .toBuffer();
  const filePath = path.join(dir, "hero.png");
  await writeFile(filePath, png);
  reference = {
    assetId: "asset_hero_0001",
    sha256: "x",
    mime: "image/png",
    withFile: fileAt(filePath),
    fileName: "hero.png",
  };
});

afterAll(async () => {
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("fal provider against the fake fal server", () => {
  it("uploads a reference once, then runs the job to a real MP4 it can open", async () => {
    const p = provider();
    const job = await submitJob(p, input("A fox runs <IMAGE_REF_0> [fake:hold]"));
    expect(fake.counts.uploads).toBe(1);
    const put = fake.requests.find((r) => r.method === "PUT" && r.path.startsWith("/storage/upload/put/"));
    expect(put?.headers["content-type"]).toBe("image/png");
    expect(put?.headers.authorization).toBeUndefined();
    const row = cacheRows.get(reference.assetId)!;
    expect(row.url).toMatch(/^https:\/\/v3\.fal\.media\/files\/uploads\/.+\/hero\.png$/);
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - REFERENCE_URL_TTL_MS)).toBeLessThan(60_000);

    const sent = fake.jobs.get(job.requestId)!.input;
    expect(sent).toEqual({
      prompt: job.input.prompt,
      image_urls: [row.url],
      aspect_ratio: "16:9",
      duration: 4,
    });

    expect(await p.status(job)).toEqual({ state: "queued", queuePosition: 0, logs: [] });
    await fake.advance(job.requestId);
    const running = await p.status(job);
    expect(running.state).toBe("running");
    expect(running.logs[0]?.message).toBe("Starting generation");
    await fake.advance(job.requestId);
    // metrics.inference_time (the fake's run time, 100 ms) comes through as how long the job ran.
    expect(await p.status(job)).toMatchObject({ state: "completed", ranSeconds: 0.1 });

    const result = await p.result(job);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.video).toMatchObject({ contentType: "video/mp4", fileName: "output.mp4" });
    const bytes = await readAll(await p.openOutput(result.video));
    expect(bytes.length).toBe(result.video.bytes);
    expect(bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");
    const file = path.join(dir, "out.mp4");
    await writeFile(file, bytes);
    const { stdout } = await promisify(execFile)(ffprobe, [
      ...["-v", "error", "-show_entries", "stream=codec_name,width,height:format=duration"],
      ...["-of", "json", file],
    ]);
    const probe = JSON.parse(stdout) as {
      streams: { codec_name: string; width?: number }[];
      format: { duration: string };
    };
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(["aac", "h264"]);
    expect(probe.streams.find((s) => s.codec_name === "h264")?.width).toBe(1280);
    expect(Number(probe.format.duration)).toBeCloseTo(4, 0);

    // Same asset again: the cached URL is reused, nothing is uploaded.
    const second = await submitJob(p, input("Again <IMAGE_REF_0>", { aspectRatio: "9:16", duration: 3 }));
    expect(fake.counts.uploads).toBe(1);
    expect(fake.jobs.get(second.requestId)!.input.image_urls).toEqual([row.url]);

    // Every request went to the fake, including the storage PUT and the CDN download.
    expect(seenUrls.length).toBeGreaterThan(0);
    expect(seenUrls.every((u) => u.startsWith(fake.url))).toBe(true);
  });

  it("passes the webhook URL through; fal's signed webhook verifies, forgeries do not", async () => {
    const received: { headers: Headers; body: Buffer }[] = [];
    let refuseNext = true;
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        received.push({ headers, body: Buffer.concat(chunks) });
        // The first delivery fails, like a studio restarting: the fake must deliver again.
        res.statusCode = refuseNext ? 500 : 200;
        refuseNext = false;
        res.end("{}");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    const check = (i: number) =>
      verifyFalWebhook({
        headers: received[i]!.headers,
        rawBody: new Uint8Array(received[i]!.body),
        jwksUrl: fake.jwksUrl,
      });
    try {
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/fal?g=gen-1`;
      const job = await submitJob(provider(), input("With a webhook <IMAGE_REF_0>"), hook);
      expect(fake.jobs.get(job.requestId)!.webhookUrl).toBe(hook);
      await fake.waitFor(() => fake.deliveries.length >= 2);
      expect(fake.deliveries.map((d) => [d.attempt, d.status])).toEqual([
        [1, 500],
        [2, 200],
      ]);
      const verified = await check(1);
      if (!verified.ok) throw new Error(verified.reason);
      expect(verified.payload.request_id).toBe(job.requestId);
      expect(webhookToOutcome(verified.payload)).toMatchObject({
        ok: true,
        video: { contentType: "video/mp4" },
      });

      // A replay of the same bytes verifies too (the handler must be idempotent), forgeries don't.
      await fake.sendWebhook(job.requestId);
      expect(await check(2)).toMatchObject({ ok: true });
      await fake.sendWebhook(job.requestId, { foreignKey: true });
      expect(await check(3)).toMatchObject({ ok: false });
      await fake.sendWebhook(job.requestId, { timestamp: Math.floor(Date.now() / 1000) - 600 });
      expect(await check(4)).toMatchObject({ ok: false });
      await fake.sendWebhook(job.requestId, { headers: { "x-fal-webhook-user-id": "someone-else" } });
      expect(await check(5)).toMatchObject({ ok: false });
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it("maps a content-policy refusal to a final error", async () => {
    const p = provider();
    const job = await submitJob(p, input("[fake:content_policy] something <IMAGE_REF_0>"));
    await fake.waitForState(job.requestId, "COMPLETED");
    expect((await p.status(job)).state).toBe("completed");
    const result = await p.result(job);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "content_policy_violation", retryable: false },
    });
    if (!result.ok) expect(result.error.message).toMatch(/content policy refused the prompt/);
  });

  it("names the reference in image errors and re-uploads after fal could not download it", async () => {
    const p = provider();
    fake.nextOutcome("image_too_small");
    const small = await submitJob(p, input("Small <IMAGE_REF_0>"));
    await fake.waitForState(small.requestId, "COMPLETED");
    const smallResult = await p.result(small);
    expect(smallResult).toMatchObject({ ok: false, error: { code: "image_too_small", retryable: false } });
    if (!smallResult.ok)
      expect(smallResult.error.message).toContain('Reference image 1 (<IMAGE_REF_0>, "hero.png") is smaller');

    fake.nextOutcome("file_download_error");
    const lost = await submitJob(p, input("Lost <IMAGE_REF_0>"));
    await fake.waitForState(lost.requestId, "COMPLETED");
    expect(await p.result(lost)).toMatchObject({ ok: false, error: { code: "file_download_error" } });
    const uploads = fake.counts.uploads;
    await submitJob(p, input("Fresh upload <IMAGE_REF_0>"));
    expect(fake.counts.uploads).toBe(uploads + 1);
  });

  it("tells a failed job from a flaky result endpoint", async () => {
    const p = provider();
    const early = await submitJob(p, input("Not yet <IMAGE_REF_0> [fake:hold]"));
    const notReady = await rejection(p.result(early));
    expect(notReady.error).toMatchObject({ code: "result_not_ready", retryable: true });

    const job = await submitJob(p, input("Flaky <IMAGE_REF_0>"));
    await fake.waitForState(job.requestId, "COMPLETED");
    fake.failNext("result", { status: 503 });
    expect((await rejection(p.result(job))).error).toMatchObject({
      code: "provider_unavailable",
      retryable: true,
    });
    expect(await p.result(job)).toMatchObject({ ok: true });

    fake.nextOutcome("model_error");
    const broken = await submitJob(p, input("Crash <IMAGE_REF_0>"));
    await fake.waitForState(broken.requestId, "COMPLETED");
    expect(await p.result(broken)).toMatchObject({
      ok: false,
      error: { code: "provider_unavailable", retryable: true },
    });
  });

  it("refuses bad input with fal's 422 and never retries a submit by itself", async () => {
    const p = provider();
    const invalid = await rejection(submitJob(p, input("Too long <IMAGE_REF_0>", { duration: 11 })));
    expect(invalid.error).toMatchObject({ code: "invalid_request", retryable: false });
    expect(invalid.message).toContain("duration: Input should be less than or equal to 10.");
    expect(invalid.httpStatus).toBe(422);

    const before = fake.counts.submits;
    fake.failNext("submit", { status: 503 });
    const unavailable = await rejection(submitJob(p, input("Busy <IMAGE_REF_0>")));
    expect(unavailable.error).toMatchObject({ code: "provider_unavailable", retryable: true });
    expect(fake.counts.submits).toBe(before + 1);

    fake.failNext("submit", { status: 0 });
    const dropped = await rejection(submitJob(p, input("Dropped <IMAGE_REF_0>")));
    expect(dropped.error).toMatchObject({ code: "submit_outcome_unknown", retryable: false });
    expect(fake.counts.submits).toBe(before + 2);
  });

  it("surfaces a 503 on status as retryable, and the next poll works", async () => {
    const p = provider();
    const job = await submitJob(p, input("Poll <IMAGE_REF_0> [fake:hold]"));
    fake.failNext("status", { status: 503 });
    const err = await rejection(p.status(job));
    expect(err.error).toMatchObject({ code: "provider_unavailable", retryable: true });
    expect(err.message).toContain("runner_scheduling_failure");
    expect(fake.statusCalls(job.requestId)).toBe(1);
    expect(await p.status(job)).toMatchObject({ state: "queued" });
    expect(fake.statusCalls(job.requestId)).toBe(2);
  });

  it("cancels a queued job and reports finished and unknown ones", async () => {
    const p = provider();
    const job = await submitJob(p, input("Cancel me <IMAGE_REF_0> [fake:hold]"));
    expect(await p.cancel(job)).toBe("canceled");
    expect((await p.status(job)).state).toBe("completed");
    expect(await p.result(job)).toMatchObject({ ok: false, error: { code: "canceled" } });
    expect(await p.cancel(job)).toBe("already_completed");
    expect(await p.cancel({ ...job, requestId: "00000000-0000-0000-0000-000000000000" })).toBe("not_found");
  });

  it("reports an expired output as final and a CDN hiccup as retryable", async () => {
    const p = provider();
    const job = await submitJob(p, input("Expiring <IMAGE_REF_0>"));
    await fake.waitForState(job.requestId, "COMPLETED");
    const result = await p.result(job);
    if (!result.ok) throw new Error(result.error.message);
    fake.failNext("output", { status: 503 });
    expect((await rejection(p.openOutput(result.video))).error.retryable).toBe(true);
    fake.expireOutput(job.requestId);
    const expired = await rejection(p.openOutput(result.video));
    expect(expired.error).toMatchObject({ code: "output_expired", retryable: false });
    expect(expired.httpStatus).toBe(404);
  });

  it("says the key was refused without ever showing it", async () => {
    const wrongKey = "fal-wrong-key-5f2a-very-secret";
    const err = await rejection(submitJob(provider(wrongKey), input("Who am I <IMAGE_REF_0>")));
    expect(err.error).toMatchObject({ code: "provider_auth", retryable: false });
    expect(err.message).toContain("FAL_KEY");
    for (const e of errorsSeen) {
      for (const secret of [KEY, wrongKey]) {
        expect(e.message).not.toContain(secret);
        expect(JSON.stringify(e.error)).not.toContain(secret);
      }
    }
  });
});
