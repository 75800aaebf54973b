// Characters stay bound across shots (issue 19), on PGlite and PostgreSQL: after a character's images
// change, the shots with no chosen take that hold images it no longer has are listed and brought up to
// date (each image swapped in its place, signed on the sequence's trail); shots with a chosen take, and
// shots of other characters, are left alone; naming a shot that is not waiting is refused.
import { describe, expect, it } from "vitest";
import { createCharacter, updateCharacter } from "@/lib/characters/service";
import type { Db } from "@/lib/db/client";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { refreshCharacterShots, staleShots } from "@/lib/sequences/character-shots";
import { createSequence, getSequence } from "@/lib/sequences/service";
import { addShot, updateShot } from "@/lib/sequences/shots";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { submit, type TestRuntime, waitFor } from "../support/runtime";

describe.each(await dbKinds())("a character's shots on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, { references: { count: 4, seed: 1330 }, ready: (s) => ({ rt, refs } = s) });
  const prisma = (): Db => rt.db.prisma;

  it("offers the shots still to be made and swaps the images the character no longer has", async () => {
    const owner = await testOwner(prisma());
    const [front, side, pier, fresh] = refs as [string, string, string, string];
    const mara = await createCharacter(prisma(), owner, {
      name: "Mara",
      images: [{ assetId: front }, { assetId: side }],
    });
    const seq = await createSequence(prisma(), owner, {
      projectId: FIRST_PROJECT_ID,
      title: "Harbour chase",
      aspectRatio: "16:9",
    });
    const content = {
      prompt: "<IMAGE_REF_0> on <IMAGE_REF_1>, <IMAGE_REF_2> behind",
      referenceIds: [front, pier, side],
      referenceCharacterIds: [mara.id, null, mara.id],
    };
    const todo = await addShot(prisma(), owner, seq.id, { title: "Pier", content });
    const done = await addShot(prisma(), owner, seq.id, { title: "Gulls", content });
    const stranger = await addShot(prisma(), owner, seq.id, {
      title: "Boat",
      content: { referenceIds: [front], referenceCharacterIds: [null] },
    });
    const take = await submit(rt, { referenceIds: [front], shotId: done.id });
    await waitFor(rt, take.generation.id, (g) => g.status === "completed");
    await updateShot(prisma(), owner, done.id, { chosenGenerationId: take.generation.id });
    expect(await staleShots(prisma(), mara.id)).toEqual([]);

    // The side view is replaced by a new picture, which becomes the main image.
    await updateCharacter(prisma(), owner, mara.id, {
      name: "Mara",
      images: [{ assetId: front }, { assetId: fresh }],
      mainAssetId: fresh,
    });
    const stale = await staleShots(prisma(), mara.id);
    expect(stale).toEqual([
      {
        shotId: todo.id,
        sequenceId: seq.id,
        sequenceTitle: "Harbour chase",
        label: 'Shot 1 "Pier"',
        stale: 1,
      },
    ]);

    const refused = await refreshCharacterShots(prisma(), owner, mara.id, { shotIds: [done.id] }).then(
      () => null,
      (e: { status: number; fields?: Record<string, string> }) => e,
    );
    expect(refused?.status).toBe(422);
    expect(refused?.fields).toEqual({ shotIds: `not a shot to update: ${done.id}` });

    const updated = await refreshCharacterShots(prisma(), owner, mara.id, {});
    expect(updated.map((s) => s.shotId)).toEqual([todo.id]);
    const shots = (await getSequence(prisma(), seq.id)).shots;
    const byId = new Map(shots.map((s) => [s.id, s]));
    // In its place: the prompt's tags still point where they did.
    expect(byId.get(todo.id)?.content.referenceIds).toEqual([front, pier, fresh]);
    expect(byId.get(todo.id)?.content.prompt).toBe(content.prompt);
    expect(byId.get(done.id)?.content.referenceIds).toEqual([front, pier, side]);
    expect(byId.get(stranger.id)?.content.referenceIds).toEqual([front]);
    expect(await staleShots(prisma(), mara.id)).toEqual([]);
    const trail = await prisma().reviewEvent.findMany({
      where: { sequenceId: seq.id, kind: "shot_update" },
      orderBy: { createdAt: "asc" },
    });
    expect(trail.at(-1)?.to).toMatchObject({ shotId: todo.id });
  }, 120_000);
});
