// Clips past the first version's 10 s, on PGlite and PostgreSQL: the preview engine renders the 15 s its
// profile allows, and comments and ranges reach the end of a 15 s clip and stop there.
import { describe, expect, it } from "vitest";
import type { GenerationDTO } from "@/lib/generations/dto";
import { probeVideo } from "@/lib/media/probe";
import { addComment, listComments } from "@/lib/review/comments";
import { storedPath } from "@/test/support/stored";
import { memberRow } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { fail } from "../support/review";
import { submit, waitFor } from "../support/runtime";

describe.each(await dbKinds())("15 s clips on %s", (kind) => {
  const studio = useStudio(kind, { references: { count: 2, seed: 620 } });
  let long: GenerationDTO;

  it("renders 15 s with sound on the preview engine, free", async () => {
    const { rt, refs } = studio;
    const { generation } = await submit(rt, {
      referenceIds: refs,
      model: "preview",
      resolution: "360p",
      duration: 15,
    });
    expect(generation.estimatedCostUsd).toBe(0);
    long = await waitFor(rt, generation.id, undefined, 120_000);
    expect(long.status).toBe("completed");
    const probe = await probeVideo(await storedPath(rt.store, long.videoUrl!.split("/").pop()!));
    expect([probe.width, probe.height, probe.hasAudio]).toEqual([640, 360, true]);
    expect(Math.abs(probe.durationSec - 15)).toBeLessThanOrEqual(0.1);
    expect(long.videoDurationSec).toBeCloseTo(15, 1);
  }, 150_000);

  it("takes a comment at 14.5 s and a range to the end, and refuses one past it", async () => {
    const { rt } = studio;
    const mara = await memberRow(rt.db.prisma, "Mara", "reviewer");
    const moment = await addComment(rt.db.prisma, mara, {
      generationId: long.id,
      atSec: 14.5,
      body: "the last beat holds too long",
    });
    expect(moment.atSec).toBe(14.5);
    const range = await addComment(rt.db.prisma, mara, {
      generationId: long.id,
      atSec: 12,
      endSec: 15,
      body: "fade out over these",
    });
    expect([range.atSec, range.endSec]).toEqual([12, 15]);
    expect((await listComments(rt.db.prisma, long.id, mara)).map((c) => c.atSec)).toEqual([12, 14.5]);

    const past = await fail(
      addComment(rt.db.prisma, mara, { generationId: long.id, atSec: 15.5, body: "x" }),
    );
    expect(past?.code).toBe("time_out_of_range");
    expect(past?.message).toContain("0:15.5 is past the end of this 15.0 s clip");
    const pastRange = await fail(
      addComment(rt.db.prisma, mara, { generationId: long.id, atSec: 13, endSec: 16, body: "x" }),
    );
    expect(pastRange?.message).toContain("past the end of this 15.0 s clip");
  });
});
