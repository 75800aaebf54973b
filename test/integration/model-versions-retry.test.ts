// Versions across providers: fal and AtlasCloud together, through both fakes. A retry keeps its clip's
// version and tier while that version is served; when it is not (fal no longer configured), the retry
// goes to the default provider at that provider's own tier instead of being refused for a tier nobody
// chose this time. AtlasCloud's one tier holds like fal v1's.
import { describe, expect, it } from "vitest";
import { retryGeneration } from "@/lib/generations/rerun";
import { AppError } from "@/lib/http/errors";
import { generationDeps } from "@/lib/server/runtime";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { newKey, startTestRuntime, submit, waitFor } from "../support/runtime";

describe.each(await dbKinds())("versions with fal and AtlasCloud on %s", (kind) => {
  const studio = useStudio(kind, {
    fal: { queueMs: 30, runMs: 60 },
    atlas: true,
    references: { count: 2, seed: 340 },
  });

  it("refuses a tier AtlasCloud does not render, sending nothing to either provider", async () => {
    const before = { fal: studio.fal.counts.submits, atlas: studio.atlas.counts.submits };
    const err = await submit(studio.rt, {
      referenceIds: studio.refs,
      model: "atlas",
      resolution: "1080p",
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      status: 422,
      code: "unsupported_setting",
      message: "Omni Flash (AtlasCloud) renders 720p (asked: 1080p).",
      fields: { resolution: "Omni Flash (AtlasCloud) renders 720p (asked: 1080p)" },
    });
    expect({ fal: studio.fal.counts.submits, atlas: studio.atlas.counts.submits }).toEqual(before);
  });

  it("retries a v1.2 4K clip on the default provider at its tier once fal is gone", async () => {
    const { generation } = await submit(studio.rt, {
      referenceIds: studio.refs,
      model: "fal-v1.2",
      resolution: "4k",
      duration: 3,
    });
    await waitFor(studio.rt, generation.id);
    const owner = await testOwner(studio.rt.db.prisma);
    const atlasOnly = await startTestRuntime(
      studio.db,
      { ...studio.env(), FAL_KEY: "", VIDEO_PROVIDER: "atlas" },
      { dataDir: studio.rt.dataDir },
    );
    try {
      const again = await retryGeneration(generationDeps(atlasOnly), owner, generation.id, newKey());
      expect(again.generation).toMatchObject({
        provider: "atlas",
        modelVersion: "atlas",
        resolution: "720p",
        retryOfId: generation.id,
      });
    } finally {
      await atlasOnly.dispose();
    }
  });
});
