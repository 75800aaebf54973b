import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { handleFalWebhook } from "@/lib/generations/fal-webhook-handler";
import { requestCancel } from "@/lib/generations/service";
import { AppError } from "@/lib/http/errors";
import { probeVideo } from "@/lib/media/probe";
import type { Runtime } from "@/lib/server/runtime";
import type { FakeFal } from "@/test/fakes/fal-server";
import { storedPath } from "@/test/support/stored";
import { dbKinds, type TestDatabase } from "../support/db";
import { useStudio } from "../support/fixture";
import { submit, type TestRuntime, uploadImages, waitFor } from "../support/runtime";

const keyOf = (url: string) => url.split("/").pop()!;

/** A stand-in for the Next route: a real HTTP endpoint that hands fal's webhooks to the same handler. */
async function startWebhookReceiver(getRuntime: () => Runtime) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rt = getRuntime();
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    try {
      const out = await handleFalWebhook(
        { prisma: rt.db.prisma, jwksUrl: rt.config.fal.webhookJwksUrl, wake: () => rt.worker.wake() },
        headers,
        new Uint8Array(Buffer.concat(chunks)),
      );
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
    } catch (err) {
      const status = err instanceof AppError ? err.status : 500;
      res.writeHead(status).end(err instanceof Error ? err.message : "error");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe.each(await dbKinds())("pipeline through the fake fal server on %s", (kind) => {
  const log: string[] = [];
  let fake: FakeFal;
  let rt: TestRuntime;
  let refs: string[];
  const _studio = useStudio(kind, {
    fal: { queueMs: 80, runMs: 120 },
    runtime: { workerOptions: { log: (m) => log.push(m) } },
    references: { count: 2, seed: 200 },
    ready: (s) => ({ fal: fake, rt, refs } = s),
  });
  afterEach(() => fake.holdAll(false));

  it("sends each new take once when a worker pass runs alongside the hand-off from create", async () => {
    fake.holdAll(true);
    const before = fake.counts.submits;
    const { generations } = await submit(rt, { referenceIds: refs, takes: 3 });
    // The create handed its rows to the worker; passes racing for the same rows must not send them again.
    for (let i = 0; i < 5; i++) rt.worker.wake();
    const sent = await Promise.all(
      generations.map((g) => waitFor(rt, g.id, (x) => x.status === "submitted")),
    );
    expect(new Set(sent.map((g) => g.requestId)).size).toBe(3);
    expect(fake.counts.submits - before).toBe(3);
  });

  it("submits, polls, downloads and stores the video, uploading each reference once", async () => {
    const { generation } = await submit(rt, { referenceIds: refs, duration: 5, aspectRatio: "16:9" });
    expect(generation.provider).toBe("fal");
    expect(generation.isPreview).toBe(false);
    expect(generation.estimatedCostUsd).toBeCloseTo(0.65);
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("completed");
    expect(done.requestId).toBeTruthy();
    expect(fake.jobs.get(done.requestId!)?.input).toMatchObject({ duration: 5, aspect_ratio: "16:9" });
    const probe = await probeVideo(await storedPath(rt.store, keyOf(done.videoUrl!)));
    expect([probe.width, probe.height]).toEqual([1280, 720]);
    expect(probe.durationSec).toBeGreaterThan(4.5);
    expect(done.logs.length).toBeGreaterThan(0);

    const uploadsBefore = fake.counts.uploads;
    const second = await submit(rt, { referenceIds: refs });
    await waitFor(rt, second.generation.id);
    expect(fake.counts.uploads).toBe(uploadsBefore);
  });

  it("dates the start of a job that finished between two status calls from fal's inference time", async () => {
    fake.holdAll(true);
    const { generation } = await submit(rt, { referenceIds: refs });
    const sent = await waitFor(rt, generation.id, (x) => x.status === "submitted");
    // The worker's next status call is held while the job starts and finishes at fal: it never sees
    // IN_PROGRESS, only COMPLETED with metrics.inference_time (the fake's run time, 120 ms).
    let open = () => {};
    const gate = new Promise<void>((r) => {
      open = r;
    });
    fake.failNext("status", { until: gate, requestId: sent.requestId! });
    await fake.waitFor(() => fake.heldAnswers("status") > 0);
    await fake.advance(sent.requestId!);
    await fake.advance(sent.requestId!);
    open();
    fake.holdAll(false);
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("completed");
    expect(done.startedAt).not.toBeNull();
    const started = Date.parse(done.startedAt!);
    expect(started).toBeGreaterThanOrEqual(Date.parse(done.submittedAt!));
    expect(Date.parse(done.completedAt!) - started).toBeGreaterThanOrEqual(120);
  });

  it("records a content policy refusal as such and never retries it", async () => {
    const submitsBefore = fake.counts.submits;
    const { generation } = await submit(rt, {
      referenceIds: refs,
      prompt: "<IMAGE_REF_0> [fake:content_policy]",
    });
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatchObject({ code: "content_policy_violation", retryable: false });
    expect(done.error?.message).toMatch(/content policy/i);
    expect(fake.counts.submits - submitsBefore).toBe(1);
    // The server log says it too, once, so whoever runs the studio sees provider failures.
    const lines = log.filter((l) => l.startsWith(`generation ${generation.id} failed:`));
    expect(lines).toEqual([
      `generation ${generation.id} failed: content_policy_violation: ${done.error?.message}`,
    ]);
  });

  it("rides out 503s on status and completes", async () => {
    fake.holdAll(true);
    const { generation } = await submit(rt, { referenceIds: refs });
    const submitted = await waitFor(rt, generation.id, (g) => g.status === "submitted");
    fake.failNext("status", { status: 503, times: 2 });
    fake.holdAll(false);
    fake.release(submitted.requestId!);
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("completed");
    expect(done.logs.some((l) => l.message.startsWith("Will retry"))).toBe(true);
  });

  it("keeps other jobs moving while one provider call hangs", async () => {
    fake.holdAll(true);
    const slow = await submit(rt, { referenceIds: refs, prompt: "<IMAGE_REF_0> the slow one" });
    const { requestId } = await waitFor(rt, slow.generation.id, (g) => g.status === "submitted");
    // This job's next status call hangs; the other job's calls are answered.
    fake.failNext("status", { status: 200, hang: true, requestId: requestId! });
    fake.holdAll(false);
    const quick = await submit(rt, { referenceIds: refs, prompt: "<IMAGE_REF_0> the quick one" });
    expect((await waitFor(rt, quick.generation.id)).status).toBe("completed");
    // The hung call is still open: the slow job has not moved on.
    const row = await rt.db.prisma.generation.findUniqueOrThrow({ where: { id: slow.generation.id } });
    expect(["submitted", "running"]).toContain(row.status);
    fake.cutHung();
    expect((await waitFor(rt, slow.generation.id)).status).toBe("completed");
  });

  it("cancels a running job at the provider", async () => {
    fake.holdAll(true);
    const { generation } = await submit(rt, { referenceIds: refs });
    const submitted = await waitFor(rt, generation.id, (g) => g.status === "submitted");
    await fake.advance(submitted.requestId!);
    await waitFor(rt, generation.id, (g) => g.status === "running");
    await requestCancel({ prisma: rt.db.prisma, wake: () => rt.worker.wake() }, generation.id);
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("canceled");
    expect(fake.counts.cancel[submitted.requestId!]).toBe(1);
    expect(done.videoUrl).toBeNull();
  });

  it("fails with the reason when the output expired before it was copied", async () => {
    await rt.worker.stop();
    try {
      fake.holdAll(true);
      const { generation } = await submit(rt, { referenceIds: refs });
      await rt.worker.runOnce();
      const row = await waitFor(rt, generation.id, (g) => g.status === "submitted");
      await fake.advance(row.requestId!);
      await fake.advance(row.requestId!);
      fake.expireOutput(row.requestId!);
      rt.worker.start();
      const done = await waitFor(rt, generation.id);
      expect(done.status).toBe("failed");
      expect(done.error?.code).toBe("output_expired");
    } finally {
      rt.worker.start();
    }
  });
});

describe.each(await dbKinds())("fal webhooks on %s", (kind) => {
  let fake: FakeFal;
  let rt: TestRuntime;
  let refs: string[];
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  // Before the studio's set-up, which reads its URL (and its teardown runs after the studio's).
  beforeAll(async () => {
    receiver = await startWebhookReceiver(() => rt);
  });
  afterAll(() => receiver.close());
  useStudio(kind, {
    fal: { queueMs: 50, runMs: 80 },
    env: () => ({ PUBLIC_BASE_URL: receiver.url }),
    // Polls are an hour apart: only the webhook can move a job along.
    runtime: { workerOptions: { schedule: { poll: () => 3_600_000, backoff: () => 3_600_000 } } },
    references: { count: 1, seed: 300 },
    ready: (s) => ({ fal: fake, rt, refs } = s),
  });

  /** The row once the worker has let go of it, so only a webhook could change it from here. */
  async function settledRow(id: string) {
    const read = () => rt.db.prisma.generation.findUniqueOrThrow({ where: { id } });
    await expect.poll(async () => (await read()).leaseOwner).toBeNull();
    return read();
  }

  it("completes a job from the signed webhook, and a replay or forgery changes nothing", async () => {
    const { generation } = await submit(rt, { referenceIds: refs });
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("completed");
    const job = fake.jobs.get(done.requestId!)!;
    expect(job.webhookUrl).toContain(`${receiver.url}/api/webhooks/fal?generation=${generation.id}`);
    expect(fake.statusCalls(done.requestId!)).toBe(0);

    // The worker lets go of the row just after marking it completed.
    const before = await settledRow(generation.id);
    const replay = await fake.sendWebhook(done.requestId!);
    expect(replay.status).toBe(200);
    const forged = await fake.sendWebhook(done.requestId!, { foreignKey: true });
    expect(forged.status).toBe(401);
    const stale = await fake.sendWebhook(done.requestId!, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect(stale.status).toBe(401);
    const after = await rt.db.prisma.generation.findUniqueOrThrow({ where: { id: generation.id } });
    expect(after).toEqual(before);
  });

  it("refuses a forged webhook for a job in flight and leaves it running", async () => {
    fake.holdAll(true);
    try {
      const { generation } = await submit(rt, { referenceIds: refs });
      const row = await waitFor(rt, generation.id, (g) => g.status === "submitted");
      // The worker lets go of the row (and sets its next poll) just after the submit.
      const before = await settledRow(generation.id);
      const forged = await fake.sendWebhook(row.requestId!, {
        foreignKey: true,
        url: `${receiver.url}/api/webhooks/fal`,
        body: {
          request_id: row.requestId,
          status: "ERROR",
          payload: { detail: [{ msg: "x", type: "model_error" }] },
        },
      });
      expect(forged.status).toBe(401);
      const unsigned = await fake.sendWebhook(row.requestId!, {
        url: `${receiver.url}/api/webhooks/fal`,
        headers: { "x-fal-webhook-signature": undefined },
      });
      expect(unsigned.status).toBe(401);
      expect(await rt.db.prisma.generation.findUniqueOrThrow({ where: { id: generation.id } })).toEqual(
        before,
      );
    } finally {
      fake.holdAll(false);
    }
  });
});

describe.each(await dbKinds())("restarts on %s", (kind) => {
  let fake: FakeFal;
  let db: TestDatabase;
  const studio = useStudio(kind, {
    fal: { queueMs: 50, runMs: 80 },
    runtime: false,
    ready: (s) => ({ fal: fake, db } = s),
  });
  afterEach(() => fake.holdAll(false));

  async function boot(dataDir?: string, owner?: string) {
    return studio.start({ dataDir, workerOptions: { owner } });
  }

  async function expectCompletedOnce(rt: TestRuntime, id: string) {
    const done = await waitFor(rt, id);
    expect(done.status).toBe("completed");
    expect(fake.counts.submits).toBeGreaterThan(0);
    const submitsForThis = [...fake.jobs.values()].filter((j) => j.input.prompt === done.prompt).length;
    expect(submitsForThis).toBe(1);
    expect(await rt.store.exists(keyOf(done.videoUrl!))).toBe(true);
    return done;
  }

  it("resumes a job that was queued when the server stopped", async () => {
    const a = await studio.start({ startWorker: false });
    const refs = await uploadImages(a, 1, 400);
    const { generation } = await submit(a, { referenceIds: refs, prompt: "<IMAGE_REF_0> restart queued" });
    await a.dispose();
    const b = await boot(a.dataDir);
    await expectCompletedOnce(b, generation.id);
    await b.dispose();
  });

  it("resumes a running job after its worker died holding the lease", async () => {
    fake.holdAll(true);
    const a = await boot();
    const refs = await uploadImages(a, 1, 410);
    const { generation } = await submit(a, { referenceIds: refs, prompt: "<IMAGE_REF_0> restart running" });
    const submitted = await waitFor(a, generation.id, (g) => g.status === "submitted");
    await fake.advance(submitted.requestId!);
    await waitFor(a, generation.id, (g) => g.status === "running");
    await a.dispose();
    // As if the process died mid-step: its lease is still on the row, and has since run out.
    await db.prisma.generation.update({
      where: { id: generation.id },
      data: { leaseOwner: "dead-worker", leaseUntil: new Date(Date.now() - 1_000) },
    });
    const b = await boot(a.dataDir, "second-worker");
    fake.holdAll(false);
    fake.release(submitted.requestId!);
    await expectCompletedOnce(b, generation.id);
    await b.dispose();
  });

  it("does not touch a row another live worker holds", async () => {
    const a = await studio.start({ startWorker: false });
    const refs = await uploadImages(a, 1, 420);
    const { generation } = await submit(a, { referenceIds: refs, prompt: "<IMAGE_REF_0> leased elsewhere" });
    await db.prisma.generation.update({
      where: { id: generation.id },
      data: { leaseOwner: "other-live-worker", leaseUntil: new Date(Date.now() + 60_000) },
    });
    expect(await a.worker.runOnce()).toBe(0);
    const row = await db.prisma.generation.findUniqueOrThrow({ where: { id: generation.id } });
    expect(row.status).toBe("queued");
    expect(row.submitStartedAt).toBeNull();
    await db.prisma.generation.update({
      where: { id: generation.id },
      data: { leaseOwner: null, leaseUntil: null },
    });
    a.worker.start();
    await expectCompletedOnce(a, generation.id);
    await a.dispose();
  });

  it("finishes a job that was saving when the server stopped", async () => {
    // This server backs off for an hour after a failed download, so it cannot finish the job itself.
    const a = await studio.start({
      workerOptions: { schedule: { poll: () => 40, backoff: () => 3_600_000 } },
    });
    const refs = await uploadImages(a, 1, 430);
    fake.failNext("output", { status: 0, times: 1 });
    const { generation } = await submit(a, { referenceIds: refs, prompt: "<IMAGE_REF_0> restart saving" });
    await waitFor(
      a,
      generation.id,
      (g) => g.status === "saving" && g.logs.some((l) => l.message.startsWith("Will retry")),
    );
    await a.dispose();
    // The backoff has passed by the time the server is back.
    await db.prisma.generation.update({ where: { id: generation.id }, data: { nextRunAt: new Date() } });
    const b = await boot(a.dataDir);
    const done = await expectCompletedOnce(b, generation.id);
    expect(done.videoDurationSec).toBeGreaterThan(2);
    await b.dispose();
  });
});
