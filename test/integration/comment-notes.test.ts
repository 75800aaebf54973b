// What a comment can carry, on PGlite and PostgreSQL: a range within the clip, a drawing on the picture's
// 0-1 plane (bad shapes refused, nothing stored), @mentions of members (the mention hook told of the new
// ones), and comments from before accounts given to the owner.
import { describe, expect, it, vi } from "vitest";
import { listMentionMembers } from "@/lib/accounts/members-lookup";
import type { Actor } from "@/lib/auth/actor";
import { attributeOrphanComments } from "@/lib/review/attribution";
import { addComment, editComment, listComments } from "@/lib/review/comments";
import { onMentioned } from "@/lib/review/mentions";
import { memberRow } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { fail, linkGuest as guest } from "../support/review";
import { submit, type TestRuntime, waitFor } from "../support/runtime";

// Watch that the mention hook (it puts notices in the inbox) is called, and with what.
vi.mock("@/lib/review/mentions", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/review/mentions")>();
  return { ...real, onMentioned: vi.fn(real.onMentioned) };
});

describe.each(await dbKinds())("what a comment carries, on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, {
    references: { count: 3, seed: 700 },
    ready: (s) => ({ rt, refs } = s),
  });

  it("range comments end after they start and within the clip", async () => {
    const ana = await memberRow(rt.db.prisma, "Ana", "reviewer");
    const { generation } = await submit(rt, { referenceIds: [refs[2]!], duration: 3 });
    const done = await waitFor(rt, generation.id);
    const range = await addComment(rt.db.prisma, ana, {
      generationId: done.id,
      atSec: 0.5,
      endSec: 2.25,
      body: "The pan drifts",
    });
    expect(range).toMatchObject({ atSec: 0.5, endSec: 2.25 });

    const pastEnd = await fail(
      addComment(rt.db.prisma, ana, { generationId: done.id, atSec: 1, endSec: 3.7, body: "x" }),
    );
    expect(pastEnd).toMatchObject({
      status: 422,
      code: "time_out_of_range",
      fields: { endSec: expect.any(String) },
    });
    expect(pastEnd?.message).toBe("The range's end, 0:03.7, is past the end of this 3.0 s clip.");
    const backwards = await fail(
      addComment(rt.db.prisma, ana, { generationId: done.id, atSec: 2, endSec: 1, body: "x" }),
    );
    expect(backwards?.fields).toEqual({
      endSec: "endSec must be after atSec (2 s): a range ends after it starts",
    });
    expect((await listComments(rt.db.prisma, done.id)).map((c) => c.id)).toEqual([range.id]);
  });

  it("keeps a drawing on the 0-1 plane and refuses bad shapes without storing anything", async () => {
    const ana = await memberRow(rt.db.prisma, "Ana", "reviewer");
    const { generation } = await submit(rt, { referenceIds: [refs[2]!], duration: 3 });
    const done = await waitFor(rt, generation.id);
    const box = {
      tool: "box",
      color: "red",
      points: [
        [0.1, 0.2],
        [0.4, 0.6],
      ],
    };
    const bad: [unknown, RegExp][] = [
      [
        {
          shapes: [
            {
              ...box,
              points: [
                [0.1, 0.2],
                [1.2, 0.6],
              ],
            },
          ],
        },
        /drawing\.shapes\[0\]\.points\[1\] \(x\)/i,
      ],
      [{ shapes: [{ ...box, color: "magenta" }] }, /color must be one of red, yellow, green, blue, white/],
      [{ shapes: Array.from({ length: 21 }, () => box) }, /at most 20 shapes/],
      [
        {
          shapes: [
            { tool: "pen", color: "red", points: Array.from({ length: 501 }, (_, i) => [i / 501, 0.5]) },
          ],
        },
        /at most 500 points/,
      ],
      [{ shapes: [{ ...box, tool: "lasso" }] }, /tool must be one of arrow, box, pen/],
      [[box], /must be an object \{ shapes/],
    ];
    for (const [drawing, message] of bad) {
      const err = await fail(
        addComment(rt.db.prisma, ana, { generationId: done.id, atSec: 1, body: "look", drawing }),
      );
      expect(err?.status).toBe(422);
      expect(Object.keys(err?.fields ?? {})).toEqual(["drawing"]);
      expect(err?.message).toMatch(message);
    }
    expect(await rt.db.prisma.comment.count({ where: { generationId: done.id } })).toBe(0);

    const drawing = {
      shapes: [
        {
          tool: "arrow",
          color: "yellow",
          points: [
            [0.2, 0.8],
            [0.5, 0.333333],
          ],
        },
        box,
        {
          tool: "pen",
          color: "white",
          points: [
            [0, 0],
            [0.5, 0.5],
            [1, 1],
          ],
        },
      ],
    };
    const drawn = await addComment(rt.db.prisma, ana, {
      generationId: done.id,
      atSec: 1,
      body: "here",
      drawing,
    });
    expect(drawn.drawing?.shapes[0]?.points[1]).toEqual([0.5, 0.3333]);
    const [listed] = await listComments(rt.db.prisma, done.id);
    expect(listed?.drawing?.shapes.map((s) => s.tool)).toEqual(["arrow", "box", "pen"]);
  });

  it("stores whom a comment names with @, and calls the mention hook for members other than the author", async () => {
    const hook = vi.mocked(onMentioned);
    const [ada, bo, gone] = [
      await memberRow(rt.db.prisma, "Ada Lovelace", "reviewer"),
      await memberRow(rt.db.prisma, "Bo Wen", "reviewer"),
      await memberRow(rt.db.prisma, "Old Timer", "reviewer"),
    ];
    await rt.db.prisma.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    // The @ menu offers members by name, never one removed from the team.
    const menu = await listMentionMembers(rt.db.prisma);
    expect(menu.find((m) => m.id === ada.id)).toEqual({ id: ada.id, name: "Ada Lovelace", initials: "AL" });
    expect(menu.some((m) => m.id === gone.id)).toBe(false);
    expect(menu.map((m) => m.name)).toEqual([...menu.map((m) => m.name)].sort());
    const { generation } = await submit(rt, { referenceIds: [refs[0]!], duration: 3 });
    const done = await waitFor(rt, generation.id);
    hook.mockClear();
    const c = await addComment(rt.db.prisma, ada, {
      generationId: done.id,
      atSec: 1,
      body: "@bo wen can you look? cc @Ada Lovelace, @Old Timer",
    });
    expect(c.mentions.map((m) => m.userId).sort()).toEqual([ada.id, bo.id].sort());
    expect(hook).toHaveBeenCalledTimes(1);
    expect(hook.mock.calls[0]?.[1]).toMatchObject({
      commentId: c.id,
      generationId: done.id,
      mentionedUserIds: [bo.id],
      actor: { id: ada.id },
    });

    // An edit names whom the new text names; only the newly named are announced.
    hook.mockClear();
    const cy = await memberRow(rt.db.prisma, "Cyrus Vale", "reviewer");
    const edited = await editComment(rt.db.prisma, ada, {
      commentId: c.id,
      body: "@Cyrus Vale and @Bo Wen, please",
    });
    expect(edited.mentions.map((m) => m.userId).sort()).toEqual([bo.id, cy.id].sort());
    expect(hook.mock.calls.map((call) => call[1].mentionedUserIds)).toEqual([[cy.id]]);

    // A hook that fails takes the comment back with it: nothing half-stored.
    hook.mockRejectedValueOnce(new Error("inbox down"));
    const before = await rt.db.prisma.comment.count();
    await expect(
      addComment(rt.db.prisma, bo, { generationId: done.id, atSec: 2, body: "@Ada Lovelace?" }),
    ).rejects.toThrow("inbox down");
    expect(await rt.db.prisma.comment.count()).toBe(before);
  });

  it("gives comments no account wrote to the owner, and leaves guests' alone", async () => {
    const { generation } = await submit(rt, { referenceIds: [refs[0]!], duration: 3 });
    const done = await waitFor(rt, generation.id);
    // One from before accounts (a name typed in a browser), one by the interim token holder, one by a guest.
    await rt.db.prisma.comment.create({
      data: {
        id: "legacycomment01",
        generationId: done.id,
        atSec: 1,
        body: "old",
        authorName: "Mara from design",
      },
    });
    const interim: Actor = {
      kind: "member",
      id: "studio",
      role: "owner",
      name: "Studio",
      email: "",
      via: "session",
    };
    const byStudio = await addComment(rt.db.prisma, interim, {
      generationId: done.id,
      atSec: 1,
      body: "interim",
    });
    expect(byStudio).toMatchObject({ authorUserId: null, mine: true });
    const byGuest = await addComment(rt.db.prisma, guest("Lou"), {
      generationId: done.id,
      atSec: 2,
      body: "g",
    });

    const owner = await memberRow(rt.db.prisma, "Olive", "owner");
    const count = await rt.db.prisma.$transaction((tx) => attributeOrphanComments(tx, owner.id));
    expect(count).toBeGreaterThanOrEqual(2);
    const list = await listComments(rt.db.prisma, done.id, owner);
    expect(list.map((c) => [c.body, c.authorName, c.authorUserId, c.mine])).toEqual([
      ["old", "Mara from design", owner.id, true],
      ["interim", "Studio", owner.id, true],
      ["g", "Lou", null, false],
    ]);
    expect(list[2]?.id).toBe(byGuest.id);
  });
});
