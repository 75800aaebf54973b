// Drafts and finals (issue 16): a clip made at 360p is re-rendered with the same inputs at a higher tier
// as a new clip linked to its draft, through the real service and worker (the preview engine offers every
// tier), on both databases.
import { describe, expect, it } from "vitest";
import { makeFinal } from "@/lib/generations/rerun";
import type { AppError } from "@/lib/http/errors";
import { generationDeps } from "@/lib/server/runtime";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { newKey, submit, type TestRuntime, waitFor } from "../support/runtime";

describe.each(await dbKinds())("make final on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, { references: { count: 2, seed: 640 }, ready: (s) => ({ rt, refs } = s) });

  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as AppError,
    );

  it("re-renders a 360p draft's inputs at 1080p as a new clip linked to it, once per key", async () => {
    const owner = await testOwner(rt.db.prisma);
    const { generation: draft } = await submit(rt, {
      referenceIds: refs,
      referenceNames: ["Mara", "Harbour"],
      resolution: "360p",
      duration: 4,
      aspectRatio: "9:16",
    });
    expect(draft).toMatchObject({ resolution: "360p", modelVersion: "preview", draftOfId: null });
    // Not finished yet: nothing to make final.
    const early = await refusal(makeFinal(generationDeps(rt), owner, draft.id, "1080p", newKey()));
    expect(early?.code).toBe("not_finished");
    await waitFor(rt, draft.id);

    const key = newKey();
    const made = await makeFinal(generationDeps(rt), owner, draft.id, "1080p", key);
    expect(made.created).toBe(true);
    expect(made.generation).toMatchObject({
      draftOfId: draft.id,
      resolution: "1080p",
      modelVersion: "preview",
      prompt: draft.prompt,
      duration: 4,
      aspectRatio: "9:16",
    });
    expect(made.generation.references.map((r) => [r.id, r.label])).toEqual(
      draft.references.map((r) => [r.id, r.label]),
    );
    // A double click makes it once.
    const again = await makeFinal(generationDeps(rt), owner, draft.id, "1080p", key);
    expect(again.created).toBe(false);
    expect(again.generation.id).toBe(made.generation.id);
    expect(await rt.db.prisma.generation.count({ where: { draftOfId: draft.id } })).toBe(1);
    await waitFor(rt, made.generation.id);
  });

  it("refuses a tier that is not above the draft's, or one the version does not offer, changing nothing", async () => {
    const owner = await testOwner(rt.db.prisma);
    const { generation } = await submit(rt, { referenceIds: refs, resolution: "1080p" });
    await waitFor(rt, generation.id);
    const before = await rt.db.prisma.generation.count();
    const lower = await refusal(makeFinal(generationDeps(rt), owner, generation.id, "720p", newKey()));
    expect(lower?.status).toBe(422);
    expect(lower?.message).toBe("resolution: this 1080p clip can be made final at 4K.");
    const { generation: top } = await submit(rt, { referenceIds: refs, resolution: "4k", duration: 3 });
    await waitFor(rt, top.id);
    const highest = await refusal(makeFinal(generationDeps(rt), owner, top.id, "4k", newKey()));
    expect(highest?.message).toBe("resolution: this clip is already at its version's highest tier (4K).");
    const missing = await refusal(makeFinal(generationDeps(rt), owner, "nosuchclip1", "1080p", newKey()));
    expect(missing?.status).toBe(404);
    expect(await rt.db.prisma.generation.count()).toBe(before + 1);
  });
});
