import { describe, expect, it } from "vitest";
import { retryGeneration } from "@/lib/generations/rerun";
import { createGeneration } from "@/lib/generations/service";
import type { AppError } from "@/lib/http/errors";
import { probeVideo } from "@/lib/media/probe";
import { generationDeps } from "@/lib/server/runtime";
import type { FakeAtlas } from "@/test/fakes/atlas-server";
import { storedPath } from "@/test/support/stored";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { newKey, type TestRuntime, waitFor } from "../support/runtime";

const keyOf = (url: string) => url.split("/").pop()!;

describe.each(await dbKinds())("pipeline through the fake AtlasCloud server on %s", (kind) => {
  let atlas: FakeAtlas;
  let rt: TestRuntime;
  let refs: string[];
  const studio = useStudio(kind, {
    fal: { queueMs: 50, runMs: 80 },
    atlas: true,
    references: { count: 1, seed: 600 },
    ready: (s) => ({ atlas, rt, refs } = s),
  });

  const make = async (r: TestRuntime, input: Record<string, unknown>) =>
    createGeneration(generationDeps(r), await testOwner(r.db.prisma), {
      prompt: "<IMAGE_REF_0> walks on. Single continuous shot.",
      referenceIds: refs,
      duration: 4,
      aspectRatio: "9:16",
      idempotencyKey: newKey(),
      provider: "atlas",
      ...input,
    });

  it("makes a clip with the chosen seed and thinking level, priced per second with a minimum", async () => {
    expect(rt.provider.id).toBe("fal");
    const { generation } = await make(rt, { seed: 1234, thinkingLevel: "high", duration: 3 });
    expect(generation).toMatchObject({ provider: "atlas", seed: 1234, thinkingLevel: "high" });
    expect(generation.estimatedCostUsd).toBeCloseTo(0.405);
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("completed");
    const job = atlas.jobs.get(done.requestId!)!;
    expect(job.body).toMatchObject({
      model: "google/gemini-omni-flash/reference-to-video",
      duration: 3,
      aspect_ratio: "9:16",
      resolution: "720p",
      thinking_level: "high",
      seed: 1234,
    });
    expect((job.body.images as string[])[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
    const probe = await probeVideo(await storedPath(rt.store, keyOf(done.videoUrl!)));
    expect([probe.width, probe.height]).toEqual([720, 1280]);
  });

  it("reuses the uploaded reference and reproduces a seeded clip on retry", async () => {
    const uploads = atlas.counts.uploads;
    const { generation } = await make(rt, { seed: 77 });
    await waitFor(rt, generation.id);
    const again = await retryGeneration(
      generationDeps(rt),
      await testOwner(rt.db.prisma),
      generation.id,
      newKey(),
    );
    expect(again.generation).toMatchObject({ provider: "atlas", seed: 77, prompt: generation.prompt });
    const done = await waitFor(rt, again.generation.id);
    expect(atlas.jobs.get(done.requestId!)!.body.seed).toBe(77);
    expect(atlas.counts.uploads).toBe(uploads);
  });

  it("records a failure with AtlasCloud's message", async () => {
    const { generation } = await make(rt, { prompt: "<IMAGE_REF_0> [atlas:fail]" });
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatchObject({ code: "provider_error", retryable: false });
    expect(done.error?.message).toContain("The model could not render this prompt.");
  });

  it("says so when the AtlasCloud balance is empty, without retrying the submit", async () => {
    const submits = atlas.counts.submits;
    const { generation } = await make(rt, { prompt: "<IMAGE_REF_0> [atlas:no_balance]" });
    const done = await waitFor(rt, generation.id);
    expect(done.error).toMatchObject({ code: "insufficient_balance", retryable: false });
    expect(done.error?.message).toMatch(/top up/i);
    expect(atlas.counts.submits - submits).toBe(1);
  });

  it("rides out 429 while polling and completes", async () => {
    atlas.holdAll(true);
    const { generation } = await make(rt, {});
    const submitted = await waitFor(rt, generation.id, (g) => g.status === "submitted");
    atlas.failNext("poll", { status: 429, times: 2 });
    atlas.holdAll(false);
    atlas.release(submitted.requestId!);
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("completed");
    expect(done.logs.some((l) => l.message.startsWith("Will retry"))).toBe(true);
  });

  it("retries a submit refused with 429, but never one answered with 500", async () => {
    atlas.failNext("submit", { status: 429, times: 1 });
    const ok = await make(rt, {});
    expect((await waitFor(rt, ok.generation.id)).status).toBe("completed");

    const before = atlas.counts.submits;
    atlas.failNext("submit", { status: 500, times: 1 });
    const unknown = await make(rt, {});
    const done = await waitFor(rt, unknown.generation.id);
    expect(done.error?.code).toBe("submit_outcome_unknown");
    expect(atlas.counts.submits - before).toBe(1);
  });

  it("refuses AtlasCloud-only settings on fal, naming the field", async () => {
    const err = await make(rt, { provider: "fal", seed: 5 }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("unsupported_setting");
    // Controls belong to the version (lib/models/profiles.ts): fal's default here is Omni Flash 1.0.
    expect((err as AppError).fields?.seed).toContain("Omni Flash 1.0 has no seed control");
  });

  it("finishes a job after a restart mid-run", async () => {
    atlas.holdAll(true);
    const { generation } = await make(rt, { prompt: "<IMAGE_REF_0> restart atlas" });
    const submitted = await waitFor(rt, generation.id, (g) => g.status === "submitted");
    await rt.dispose();
    atlas.holdAll(false);
    atlas.release(submitted.requestId!);
    rt = await studio.restart();
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("completed");
    expect(
      [...atlas.jobs.values()].filter((j) => j.body.prompt === "<IMAGE_REF_0> restart atlas"),
    ).toHaveLength(1);
  });
});
