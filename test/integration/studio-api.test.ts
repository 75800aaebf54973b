import { describe, expect, it } from "vitest";
import { createCharacter } from "@/lib/characters/service";
import { deleteGeneration, restoreGeneration } from "@/lib/generations/deletion";
import { findVisibleGeneration, listGenerations } from "@/lib/generations/repo";
import { retryGeneration } from "@/lib/generations/rerun";
import { spendToday } from "@/lib/generations/spend";
import type { AppError } from "@/lib/http/errors";
import { generationDeps } from "@/lib/server/runtime";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { newKey, submit, type TestRuntime, uploadImages, waitFor } from "../support/runtime";

const deps = generationDeps;

describe.each(await dbKinds())("takes, retry, delete, filters and spend on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, {
    references: { count: 2, seed: 500 },
    ready: (s) => ({ rt, refs } = s),
  });

  it("makes takes as one group with the composer's reference names, once per key", async () => {
    const key = newKey();
    const input = {
      referenceIds: refs,
      takes: 3,
      referenceNames: ["Mara", "Night market"],
      idempotencyKey: key,
    };
    const first = await submit(rt, input);
    expect(first.generations).toHaveLength(3);
    expect(first.generations.map((g) => g.takeIndex)).toEqual([0, 1, 2]);
    expect(new Set(first.generations.map((g) => g.takeGroupId)).size).toBe(1);
    expect(first.generations.every((g) => g.takeCount === 3)).toBe(true);
    expect(first.generation.references.map((r) => r.label)).toEqual(["Mara", "Night market"]);

    const again = await submit(rt, input);
    expect(again.created).toBe(false);
    expect(again.generations.map((g) => g.id)).toEqual(first.generations.map((g) => g.id));
    expect(
      await rt.db.prisma.generation.count({ where: { takeGroupId: first.generation.takeGroupId } }),
    ).toBe(3);
    for (const g of first.generations) await waitFor(rt, g.id);
  });

  it("defaults reference names to the file names and refuses a names list of the wrong length", async () => {
    const { generation } = await submit(rt, { referenceIds: refs });
    expect(generation.references.map((r) => r.label)).toEqual(["ref-500.png", "ref-501.png"]);
    const err = await submit(rt, { referenceIds: refs, referenceNames: ["only one"] }).catch(
      (e: unknown) => e,
    );
    expect((err as AppError).fields?.referenceNames).toContain("one name per reference");
    await waitFor(rt, generation.id);
  });

  it("retries a failed clip with the same inputs as a new clip, once per key", async () => {
    const { generation } = await submit(rt, { referenceIds: refs, referenceNames: ["A", "B"], duration: 4 });
    await waitFor(rt, generation.id);
    await rt.db.prisma.generation.update({
      where: { id: generation.id },
      data: {
        status: "failed",
        errorCode: "provider_unavailable",
        errorMessage: "fal was down",
        videoKey: null,
      },
    });
    const key = newKey();
    const owner = await testOwner(rt.db.prisma);
    const retry = await retryGeneration(deps(rt), owner, generation.id, key);
    const twice = await retryGeneration(deps(rt), owner, generation.id, key);
    expect(twice.generation.id).toBe(retry.generation.id);
    expect(retry.generation.id).not.toBe(generation.id);
    expect(retry.generation).toMatchObject({
      prompt: generation.prompt,
      duration: 4,
      retryOfId: generation.id,
    });
    expect(retry.generation.references.map((r) => [r.id, r.label])).toEqual([
      [refs[0], "A"],
      [refs[1], "B"],
    ]);
    expect((await waitFor(rt, retry.generation.id)).status).toBe("completed");
  });

  it("deletes a finished clip from every view and brings it back on undo", async () => {
    const { generation } = await submit(rt, { referenceIds: refs, prompt: "<IMAGE_REF_0> to be deleted" });
    await waitFor(rt, generation.id);
    await deleteGeneration(rt.db.prisma, await testOwner(rt.db.prisma), generation.id);
    expect(await findVisibleGeneration(rt.db.prisma, generation.id)).toBeNull();
    const page = await listGenerations(rt.db.prisma, { limit: 100 });
    expect(page.items.map((g) => g.id)).not.toContain(generation.id);

    const restored = await restoreGeneration(rt.db.prisma, await testOwner(rt.db.prisma), generation.id);
    expect(restored.id).toBe(generation.id);
    expect(restored.videoUrl).toBeTruthy();
    expect((await listGenerations(rt.db.prisma, { limit: 100 })).items.map((g) => g.id)).toContain(
      generation.id,
    );
  });

  it("refuses to delete a clip still being made", async () => {
    await rt.worker.stop();
    try {
      const { generation } = await submit(rt, { referenceIds: refs });
      const err = await deleteGeneration(rt.db.prisma, await testOwner(rt.db.prisma), generation.id).catch(
        (e: unknown) => e,
      );
      expect((err as AppError).code).toBe("still_running");
      expect(await findVisibleGeneration(rt.db.prisma, generation.id)).not.toBeNull();
    } finally {
      rt.worker.start();
    }
  });

  it("filters by status and searches the prompt, case-insensitively", async () => {
    const { generation } = await submit(rt, {
      referenceIds: refs,
      prompt: "<IMAGE_REF_0> under a PURPLE umbrella",
    });
    await waitFor(rt, generation.id);
    const found = await listGenerations(rt.db.prisma, { limit: 50, q: "purple Umbrella" });
    expect(found.items.map((g) => g.id)).toEqual([generation.id]);
    const failed = await listGenerations(rt.db.prisma, { limit: 50, filter: "failed" });
    expect(failed.items.length).toBeGreaterThan(0);
    expect(failed.items.every((g) => g.status === "failed")).toBe(true);
    const completed = await listGenerations(rt.db.prisma, { limit: 50, filter: "completed" });
    expect(completed.items.every((g) => g.status === "completed")).toBe(true);
    expect(completed.items.map((g) => g.id)).toContain(generation.id);
  });

  it("searches the names of a clip's references and of their saved characters, not only the prompt", async () => {
    const owner = await testOwner(rt.db.prisma);
    // An image no other clip here used: every clip of a character's images is its (lineage).
    const [face] = await uploadImages(rt, 1, 4242);
    const character = await createCharacter(rt.db.prisma, owner, {
      name: "Captain Quillon",
      images: [{ assetId: face! }],
    });
    const { generation } = await submit(rt, {
      referenceIds: [face!, refs[1]!],
      prompt: "<IMAGE_REF_0> waves from <IMAGE_REF_1>",
      referenceNames: ["Zephyrine hero", "Lantern dock"],
      referenceCharacterIds: [character.id, null],
    });
    await waitFor(rt, generation.id);
    const ids = async (q: string) =>
      (await listGenerations(rt.db.prisma, { limit: 50, q })).items.map((g) => g.id);
    expect(await ids("zephyrine")).toEqual([generation.id]);
    expect(await ids("LANTERN DOCK")).toEqual([generation.id]);
    expect(await ids("quillon")).toEqual([generation.id]);
    // A clip made of the character's image without inserting the character is found by its name too.
    const bare = await submit(rt, { referenceIds: [face!], prompt: "<IMAGE_REF_0> alone" });
    await waitFor(rt, bare.generation.id);
    expect((await ids("quillon")).sort()).toEqual([generation.id, bare.generation.id].sort());
    expect(await ids("waves from")).toEqual([generation.id]);
    expect(await ids("no such name anywhere")).toEqual([]);
  });

  it("counts today's spend: completed at cost, in flight at estimate, failures and yesterday free", async () => {
    const now = new Date();
    const yesterday = new Date(now.getTime() - 36 * 3600_000);
    const before = (await spendToday(rt.db.prisma, now)).todayUsd;
    const mk = (id: string, data: Record<string, unknown>) =>
      rt.db.prisma.generation.create({
        data: {
          id,
          provider: "fal",
          modelId: "m",
          prompt: "p",
          duration: 8,
          aspectRatio: "16:9",
          idempotencyKey: `spend-${id}`,
          inputHash: "h",
          estimatedCostUsd: 1.04,
          nextRunAt: new Date(Date.now() + 3_600_000),
          ...data,
        },
      });
    await mk(`spendaaaa${kind}`, { status: "completed", actualCostUsd: 1.04 });
    await mk(`spendbbbb${kind}`, { status: "running", estimatedCostUsd: 0.65 });
    await mk(`spendcccc${kind}`, { status: "failed" });
    await mk(`spenddddd${kind}`, { status: "completed", actualCostUsd: 1.3, createdAt: yesterday });
    const spend = await spendToday(rt.db.prisma, now);
    expect(spend.todayUsd).toBeCloseTo(before + 1.69, 4);
    expect(spend.since.endsWith("T00:00:00.000Z")).toBe(true);
  });
});
