// Continuing a shot from the previous one (issue 19), on PGlite and PostgreSQL: the previous shot's chosen
// take's last frame becomes the shot's first reference (marked with that clip), beside the take's own
// references and characters, with its settings and the prompt's tags moved up; the first shot, and a
// shot whose previous one has no finished chosen take, are refused naming the shot, changing nothing.
import { describe, expect, it } from "vitest";
import { createCharacter } from "@/lib/characters/service";
import type { Db } from "@/lib/db/client";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { CONTINUE_HINT, continueFromPrevious } from "@/lib/sequences/continue-shot";
import { createSequence, getSequence } from "@/lib/sequences/service";
import { addShot, updateShot } from "@/lib/sequences/shots";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { refusal } from "../support/refusal";
import { submit, type TestRuntime, waitFor } from "../support/runtime";

describe.each(await dbKinds())("continue a shot from the previous one on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, { references: { count: 2, seed: 1340 }, ready: (s) => ({ rt, refs } = s) });
  const prisma = (): Db => rt.db.prisma;

  it("starts the shot from the previous take's last frame, beside its references", async () => {
    const owner = await testOwner(prisma());
    const [mara, pier] = refs as [string, string];
    const hero = await createCharacter(prisma(), owner, { name: "Mara", images: [{ assetId: mara }] });
    const seq = await createSequence(prisma(), owner, {
      projectId: FIRST_PROJECT_ID,
      title: "Harbour chase",
      aspectRatio: "16:9",
    });
    const first = await addShot(prisma(), owner, seq.id, { title: "Pier" });
    const second = await addShot(prisma(), owner, seq.id, { title: "Gulls", content: { prompt: "old" } });
    const third = await addShot(prisma(), owner, seq.id, { title: "Boat" });

    const start = await refusal(continueFromPrevious({ prisma: prisma(), store: rt.store }, owner, first.id));
    expect(start.message).toBe('Shot 1 "Pier" is the first shot: there is nothing to continue from.');
    const early = await refusal(
      continueFromPrevious({ prisma: prisma(), store: rt.store }, owner, second.id),
    );
    expect([early.status, early.message]).toEqual([
      422,
      'Shot 2 "Gulls": Shot 1 "Pier" has no finished chosen take to continue from. Choose one first.',
    ]);
    expect((await getSequence(prisma(), seq.id)).shots[1]?.content).toEqual({ prompt: "old" });

    const made = await submit(rt, {
      prompt: "<IMAGE_REF_0> runs along <IMAGE_REF_1>.",
      referenceIds: [mara, pier],
      referenceNames: ["Mara", "Pier"],
      referenceCharacterIds: [hero.id, null],
      shotId: first.id,
      duration: 4,
    });
    const take = await waitFor(rt, made.generation.id, (g) => g.status === "completed");
    await updateShot(prisma(), owner, first.id, { chosenGenerationId: take.id });

    const shot = await continueFromPrevious({ prisma: prisma(), store: rt.store }, owner, second.id);
    const frameId = shot.content.referenceIds?.[0];
    const frame = await prisma().asset.findUniqueOrThrow({ where: { id: frameId! } });
    expect(frame.frameOfId).toBe(take.id);
    expect(frame.frameAtSec).toBeGreaterThan(3.5);
    expect([frame.width, frame.height]).toEqual([1280, 720]);
    expect(shot.content).toEqual({
      prompt: `${CONTINUE_HINT} <IMAGE_REF_1> runs along <IMAGE_REF_2>.`,
      referenceIds: [frameId, mara, pier],
      referenceNames: ["Last frame", "Mara", "Pier"],
      referenceCharacterIds: [null, hero.id, null],
      duration: 4,
      provider: "preview",
      model: "preview",
      resolution: "720p",
    });
    // Signed on the sequence's trail, with what it replaced.
    const event = await prisma().reviewEvent.findFirst({
      where: { sequenceId: seq.id, kind: "shot_update" },
      orderBy: { createdAt: "desc" },
    });
    expect(event?.to).toMatchObject({ shotId: second.id });

    // Its takes can be made straight from it.
    const next = await submit(rt, {
      ...shot.content,
      referenceIds: shot.content.referenceIds!,
      shotId: second.id,
    });
    expect((await waitFor(rt, next.generation.id)).status).toBe("completed");
    expect(third.position).toBe(2);
  }, 120_000);
});
