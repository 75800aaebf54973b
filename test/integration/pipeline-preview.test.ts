import { describe, expect, it } from "vitest";
import { listGenerations } from "@/lib/generations/repo";
import { requestCancel } from "@/lib/generations/service";
import { AppError } from "@/lib/http/errors";
import { probeVideo } from "@/lib/media/probe";
import { storedPath } from "@/test/support/stored";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { newKey, submit, type TestRuntime, waitFor } from "../support/runtime";

const keyOf = (url: string) => url.split("/").pop()!;

describe.each(await dbKinds())("pipeline with the preview engine on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, {
    references: { count: 2, seed: 100 },
    ready: (s) => ({ rt, refs } = s),
  });

  it("takes two references to a stored, playable 9:16 video with sound and a poster", async () => {
    const { generation } = await submit(rt, { referenceIds: refs, duration: 3, aspectRatio: "9:16" });
    expect(generation.status).toBe("queued");
    expect(generation.isPreview).toBe(true);
    expect(generation.estimatedCostUsd).toBe(0);
    expect(generation.references.map((r) => r.id)).toEqual(refs);

    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("completed");
    expect(done.error).toBeNull();
    expect(done.videoUrl).toMatch(/^\/api\/media\/[a-f0-9]{64}\.mp4$/);
    expect(done.posterUrl).toMatch(/^\/api\/media\/[a-f0-9]{64}\.webp$/);
    expect(done.requestId).toBeTruthy();
    expect(done.submittedAt && done.completedAt).toBeTruthy();
    // A render often ends between two status calls; its start is then dated from its render time.
    expect(done.startedAt).not.toBeNull();
    expect(Date.parse(done.startedAt!)).toBeGreaterThanOrEqual(Date.parse(done.submittedAt!));
    expect(Date.parse(done.startedAt!)).toBeLessThanOrEqual(Date.parse(done.completedAt!));
    const probe = await probeVideo(await storedPath(rt.store, keyOf(done.videoUrl!)));
    expect([probe.width, probe.height]).toEqual([720, 1280]);
    expect(probe.hasAudio).toBe(true);
    expect(probe.durationSec).toBeGreaterThan(2.8);
    expect(probe.durationSec).toBeLessThan(3.3);
    expect(done.videoDurationSec).toBeCloseTo(probe.durationSec, 1);
    expect(await rt.store.exists(keyOf(done.posterUrl!))).toBe(true);
  });

  it("creates one job for a double click and refuses the key with other inputs", async () => {
    const key = newKey();
    const [a, b] = await Promise.all([
      submit(rt, { referenceIds: refs, idempotencyKey: key }),
      submit(rt, { referenceIds: refs, idempotencyKey: key }),
    ]);
    expect(a.generation.id).toBe(b.generation.id);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    expect(await rt.db.prisma.generation.count({ where: { idempotencyKey: key } })).toBe(1);

    const conflict = await submit(rt, {
      referenceIds: refs,
      idempotencyKey: key,
      prompt: "<IMAGE_REF_0> other",
    }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(AppError);
    expect((conflict as AppError).status).toBe(409);
    await waitFor(rt, a.generation.id);
  });

  it("refuses unknown references and creates nothing", async () => {
    const before = await rt.db.prisma.generation.count();
    const err = await submit(rt, { referenceIds: [refs[0]!, "doesnotexist1"] }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("unknown_reference");
    expect((err as AppError).message).toContain("reference 2 (<IMAGE_REF_1>)");
    expect(await rt.db.prisma.generation.count()).toBe(before);
  });

  it("cancels a queued job before it is sent", async () => {
    await rt.worker.stop();
    try {
      const { generation } = await submit(rt, { referenceIds: refs });
      const canceled = await requestCancel({ prisma: rt.db.prisma, wake: () => {} }, generation.id);
      expect(canceled.status).toBe("canceled");
      expect(canceled.requestId).toBeNull();
    } finally {
      rt.worker.start();
    }
  });

  it("pages through history newest first with no gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: { createdAt: Date; id: string } | undefined;
    const all = await rt.db.prisma.generation.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    for (;;) {
      const page = await listGenerations(rt.db.prisma, { cursor, limit: 2 });
      seen.push(...page.items.map((g) => g.id));
      if (!page.nextCursor) break;
      const { decodeCursor } = await import("@/lib/generations/repo");
      cursor = decodeCursor(page.nextCursor)!;
    }
    expect(seen).toEqual(all.map((g) => g.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
