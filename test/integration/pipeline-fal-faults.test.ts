import { readdir } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeFal, FakeOp } from "@/test/fakes/fal-server";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { submit, type TestRuntime, waitFor } from "../support/runtime";

// The whole fal pipeline (the real worker, the real fal provider and its @fal-ai/client, the database)
// against the fake fal server, with a slow or broken network at each step: submit, status, result and the
// download of the finished video. Slow answers (late, but inside the 30 s timeout) must change nothing;
// a dropped connection or an HTTP error on status, result or download is retried until the job completes;
// a submit whose answer is lost is never sent a second time.

/** Late enough to be unmistakably slow, well inside the studio's 30 s call timeout. */
const SLOW_MS = 2_000;

const keyOf = (url: string) => url.split("/").pop()!;

describe.each(await dbKinds())("fal pipeline with a slow or broken network on %s", (kind) => {
  let fake: FakeFal;
  let rt: TestRuntime;
  let refs: string[];
  let n = 0;
  useStudio(kind, {
    fal: { queueMs: 50, runMs: 80 },
    references: { count: 1, seed: 900 },
    ready: (s) => ({ fal: fake, rt, refs } = s),
  });
  afterEach(() => fake.cutHung());

  const jobsFor = (prompt: string) => [...fake.jobs.values()].filter((j) => j.input.prompt === prompt);
  const outputCalls = (requestId: string) =>
    fake.requests.filter((r) => r.path.startsWith(`/files/outputs/${requestId}/`)).length;

  /** Runs one job to its end; the prompt is unique so the fake's jobs can be counted per clip. */
  async function run(label: string) {
    n += 1;
    const prompt = `<IMAGE_REF_0> ${label} (${kind} #${n}). Single continuous shot.`;
    const { generation } = await submit(rt, { referenceIds: refs, prompt });
    const done = await waitFor(rt, generation.id, undefined, 45_000);
    return { done, prompt };
  }

  async function expectCompletedOnce(done: Awaited<ReturnType<typeof run>>["done"], prompt: string) {
    expect(done.status, JSON.stringify(done.error)).toBe("completed");
    expect(jobsFor(prompt)).toHaveLength(1);
    expect(done.requestId).toBe(jobsFor(prompt)[0]!.id);
    expect(await rt.store.exists(keyOf(done.videoUrl!))).toBe(true);
    expect(done.videoDurationSec).toBeGreaterThan(2);
  }

  const retried = (done: { logs: { message: string }[] }) =>
    done.logs.some((l) => l.message.startsWith("Will retry"));

  it.each<FakeOp>(["submit", "status", "result", "output"])(
    "a slow answer on %s (late, inside the timeout) completes the job with one submit",
    async (op) => {
      const submitsBefore = fake.counts.submits;
      // For a submit the job is queued at once and only the answer is late, as on a slow network.
      fake.failNext(op, { delayMs: SLOW_MS, afterWork: op === "submit" });
      const started = Date.now();
      const { done, prompt } = await run(`slow ${op}`);
      await expectCompletedOnce(done, prompt);
      expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS);
      expect(fake.counts.submits - submitsBefore).toBe(1);
      // Nothing was retried: the slow answer was simply waited for.
      expect(retried(done)).toBe(false);
      if (op === "output") expect(outputCalls(done.requestId!)).toBe(1);
      if (op === "result") expect(fake.counts.result[done.requestId!]).toBe(1);
    },
  );

  it.each([
    ["status", "dropped before any answer", { status: 0 }],
    ["result", "dropped before any answer", { status: 0 }],
    ["result", "cut off mid-body", { cutAfterBytes: 12 }],
    ["output", "dropped before any answer", { status: 0 }],
    ["output", "cut off mid-video", { cutAfterBytes: 4_096 }],
  ] as const)("a connection on %s %s is retried and the job completes once", async (op, _how, rule) => {
    const submitsBefore = fake.counts.submits;
    fake.failNext(op, rule);
    const { done, prompt } = await run(`dropped ${op} ${_how}`);
    await expectCompletedOnce(done, prompt);
    expect(fake.counts.submits - submitsBefore).toBe(1);
    expect(retried(done)).toBe(true);
    if (op === "output") expect(outputCalls(done.requestId!)).toBe(2);
    if (op === "result") expect(fake.counts.result[done.requestId!]).toBe(2);
    if (op === "status") expect(fake.statusCalls(done.requestId!)).toBeGreaterThanOrEqual(2);
  });

  it("leaves no partial file behind when a download is cut off", async () => {
    fake.failNext("output", { cutAfterBytes: 4_096, times: 2 });
    const { done, prompt } = await run("cut twice");
    await expectCompletedOnce(done, prompt);
    // Only whole, content-addressed files; the temp folder is empty again. Waited for, not read once:
    // a CI run once saw one temp file at the instant the job completed (cause not found yet; see
    // docs/reliability.md); a leaked file would still be there after the wait and fail the test.
    await expect.poll(() => readdir(rt.store.tmpDir), { timeout: 10_000 }).toEqual([]);
  });

  it.each([
    ["a connection dropped before the job was queued", { status: 0 }],
    ["a connection dropped after the job was queued", { status: 0, afterWork: true }],
    ["an answer cut off mid-body after the job was queued", { cutAfterBytes: 20, afterWork: true }],
  ] as const)("a submit with %s is never sent again", async (_how, rule) => {
    const submitsBefore = fake.counts.submits;
    fake.failNext("submit", rule);
    const { done, prompt } = await run(`lost submit ${_how}`);
    expect(done.status).toBe("failed");
    expect(done.error).toMatchObject({ code: "submit_outcome_unknown", retryable: false });
    expect(done.error?.message).toMatch(/may have started anyway/);
    expect(done.requestId).toBeNull();
    expect(fake.counts.submits - submitsBefore).toBe(1);
    // When fal queued it, the job is there (and billed): exactly one of it.
    expect(jobsFor(prompt)).toHaveLength("afterWork" in rule ? 1 : 0);

    // The worker keeps going (another clip completes), and the failed one is not sent again.
    const other = await run(`after a lost submit ${_how}`);
    await expectCompletedOnce(other.done, other.prompt);
    expect(fake.counts.submits - submitsBefore).toBe(2);
    const row = await rt.db.prisma.generation.findUniqueOrThrow({ where: { id: done.id } });
    expect(row.status).toBe("failed");
  });

  it.each([
    ["result", 429],
    ["result", 500],
    ["result", 502],
    ["result", 503],
    ["result", 504],
    ["output", 429],
    ["output", 500],
    ["output", 502],
    ["output", 503],
    ["output", 504],
  ] as const)("HTTP %s %i is retried and the job completes once", async (op, status) => {
    const submitsBefore = fake.counts.submits;
    fake.failNext(op, { status });
    const { done, prompt } = await run(`${op} ${status}`);
    await expectCompletedOnce(done, prompt);
    expect(fake.counts.submits - submitsBefore).toBe(1);
    expect(retried(done)).toBe(true);
    if (op === "output") expect(outputCalls(done.requestId!)).toBe(2);
    else expect(fake.counts.result[done.requestId!]).toBe(2);
  });
});
