// What the storyboard sends for a shot (lib/sequences/shot-request.ts) through the route scripts use: the
// server takes it as the shot's takes with the camera note and dialogue in the prompt, and a member's
// daily spend cap refuses a batch past it with the amount left, making no take.
import { afterAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/generations/route";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { createSequence, getSequence } from "@/lib/sequences/service";
import { shotRequest } from "@/lib/sequences/shot-request";
import { addShot } from "@/lib/sequences/shots";
import { addMember } from "../support/accounts";
import { testOwner } from "../support/actors";
import { useStudio } from "../support/fixture";
import { installRuntime, newKey } from "../support/runtime";

describe("generating from the storyboard", () => {
  const studio = useStudio("pglite", {
    fal: { queueMs: 20, runMs: 40 },
    references: { count: 1, seed: 96 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));

  it("makes a shot's takes with its notes in the prompt, and refuses a batch past the spend cap", async () => {
    const prisma = studio.db.prisma;
    const owner = await testOwner(prisma);
    const editor = await addMember(studio.rt, "editor");
    const seq = await createSequence(prisma, owner, {
      projectId: FIRST_PROJECT_ID,
      title: "Harbour",
      aspectRatio: "9:16",
    });
    const shot = await addShot(prisma, owner, seq.id, {
      title: "Pier",
      content: {
        prompt: "<IMAGE_REF_0> waits on the pier.",
        referenceIds: studio.refs,
        referenceNames: ["Mara"],
        duration: 5,
        provider: "fal",
      },
      cameraNote: "slow push in",
      dialogue: "Not again.",
    });
    const send = (takes: number) => {
      const made = shotRequest(shot, seq, takes, newKey());
      if (!made.ok) throw new Error(made.message);
      return POST(
        new Request("http://studio.test/api/generations", {
          method: "POST",
          headers: { ...editor.bearer, "content-type": "application/json" },
          body: JSON.stringify(made.input),
        }),
        { params: Promise.resolve({}) },
      );
    };

    // fal at $0.13 a second: two 5 s takes are $1.30, past a $1.00 cap; one ($0.65) is within it.
    await prisma.user.update({ where: { id: editor.id }, data: { dailySpendCapUsd: 1 } });
    const refused = await send(2);
    expect(refused.status).toBe(403);
    const { error } = await refused.json();
    expect(error.code).toBe("spend_cap");
    expect(error.message).toContain("$1.30");
    expect((await getSequence(prisma, seq.id)).shots[0]!.takeCount).toBe(0);

    const allowed = await send(1);
    expect(allowed.status).toBe(202);
    const { generation } = await allowed.json();
    expect(generation).toMatchObject({
      shotId: shot.id,
      aspectRatio: "9:16",
      prompt: '<IMAGE_REF_0> waits on the pier.\nCamera: slow push in\nDialogue: "Not again."',
    });
    expect((await getSequence(prisma, seq.id)).shots[0]!.takeCount).toBe(1);
  });
});
