// Comments on the server, on PGlite and PostgreSQL: signed by the actor (never by names in the request),
// time order, who may edit or delete, one-level threads that resolve and reopen, and comments going with a
// deleted clip. Ranges, drawings, mentions and pre-account comments: comment-notes.test.ts.
import { describe, expect, it } from "vitest";
import { deleteGeneration, purgeDeletedGenerations, UNDO_WINDOW_MS } from "@/lib/generations/deletion";
import { addComment, deleteComment, editComment, listComments, resolveComment } from "@/lib/review/comments";
import { memberRow, testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { commentEvents, fail, linkGuest as guest } from "../support/review";
import { submit, type TestRuntime, waitFor } from "../support/runtime";

describe.each(await dbKinds())("comments on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, {
    references: { count: 3, seed: 700 },
    ready: (s) => ({ rt, refs } = s),
  });

  it("keeps comments in time order, refuses a time past the end, and lets only the author edit", async () => {
    const [mara, jo, boss] = [
      await memberRow(rt.db.prisma, "Mara", "reviewer"),
      await memberRow(rt.db.prisma, "Jo", "reviewer"),
      await memberRow(rt.db.prisma, "Ida", "admin"),
    ];
    const { generation } = await submit(rt, { referenceIds: [refs[0]!], duration: 3 });
    const done = await waitFor(rt, generation.id);
    const late = await addComment(rt.db.prisma, mara, {
      generationId: done.id,
      atSec: 2.5,
      body: "door slams",
    });
    const early = await addComment(rt.db.prisma, jo, {
      generationId: done.id,
      atSec: 0.4,
      body: " smile here ",
    });
    expect(early.body).toBe("smile here");
    expect(late).toMatchObject({ authorName: "Mara", authorUserId: mara.id, guest: false, mine: true });
    expect(
      (await listComments(rt.db.prisma, done.id, mara)).map((c) => [
        c.atSec,
        c.authorName,
        c.mine,
        c.canDelete,
      ]),
    ).toEqual([
      [0.4, "Jo", false, false],
      [2.5, "Mara", true, true],
    ]);
    // An admin may delete anyone's comment, but edits only their own.
    expect((await listComments(rt.db.prisma, done.id, boss)).map((c) => [c.mine, c.canDelete])).toEqual([
      [false, true],
      [false, true],
    ]);

    const past = await fail(addComment(rt.db.prisma, mara, { generationId: done.id, atSec: 3.6, body: "x" }));
    expect(past?.code).toBe("time_out_of_range");
    expect(past?.message).toContain("0:03.6 is past the end");

    expect((await fail(editComment(rt.db.prisma, jo, { commentId: late.id, body: "hack" })))?.status).toBe(
      403,
    );
    expect((await fail(editComment(rt.db.prisma, boss, { commentId: late.id, body: "hack" })))?.status).toBe(
      403,
    );
    expect((await fail(deleteComment(rt.db.prisma, jo, { commentId: late.id })))?.status).toBe(403);
    const edited = await editComment(rt.db.prisma, mara, { commentId: late.id, body: "door slams, louder" });
    expect(edited.body).toBe("door slams, louder");
    await deleteComment(rt.db.prisma, mara, { commentId: late.id });
    await deleteComment(rt.db.prisma, boss, { commentId: early.id });
    expect(await listComments(rt.db.prisma, done.id)).toEqual([]);
  });

  it("signs a comment with the actor, never with names or ids in the request", async () => {
    const ada = await memberRow(rt.db.prisma, "Ada", "reviewer");
    const { generation } = await submit(rt, { referenceIds: [refs[0]!], duration: 3 });
    const done = await waitFor(rt, generation.id);
    for (const forged of [
      { author: { authorId: "author0001", authorName: "Eve" } },
      { authorName: "Eve" },
      { authorId: ada.id },
      { authorUserId: "someone-else" },
    ]) {
      const refused = await fail(
        addComment(rt.db.prisma, ada, { generationId: done.id, atSec: 1, body: "x", ...forged }),
      );
      expect(refused?.status).toBe(422);
      expect(refused?.message).toMatch(/a comment is signed by whoever sends it/);
    }
    expect(await rt.db.prisma.comment.count({ where: { generationId: done.id } })).toBe(0);

    const mine = await addComment(rt.db.prisma, ada, { generationId: done.id, atSec: 1, body: "hello" });
    // The name is the one the comment was posted under, kept when the account is renamed.
    await rt.db.prisma.user.update({ where: { id: ada.id }, data: { name: "Ada L." } });
    const [listed] = await listComments(rt.db.prisma, done.id, { ...ada, name: "Ada L." });
    expect(listed).toMatchObject({ id: mine.id, authorName: "Ada", authorUserId: ada.id, mine: true });

    // A guest's comment keeps the name they gave, marked as a guest's; only that guest may edit it.
    const visitor = guest("Lou");
    const theirs = await addComment(rt.db.prisma, visitor, {
      generationId: done.id,
      atSec: 2,
      body: "from Lou",
    });
    expect(theirs).toMatchObject({ authorName: "Lou", guest: true, authorUserId: null, mine: true });
    const row = await rt.db.prisma.comment.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(row).toMatchObject({ guestName: "Lou", guestLinkId: "link0001", authorActorId: visitor.id });
    expect(
      (await fail(editComment(rt.db.prisma, guest("Max"), { commentId: theirs.id, body: "x" })))?.status,
    ).toBe(403);
    expect((await fail(editComment(rt.db.prisma, visitor, { commentId: mine.id, body: "x" })))?.status).toBe(
      403,
    );
    const viewOnly = await fail(
      addComment(rt.db.prisma, guest("Vi", []), { generationId: done.id, atSec: 1, body: "may I?" }),
    );
    expect(viewOnly).toMatchObject({
      status: 403,
      message: expect.stringMatching(/view the clip, not comment/),
    });
  });

  it("threads: replies one level deep at the thread's time, resolved and reopened by any member", async () => {
    const [ana, ben, cy] = [
      await memberRow(rt.db.prisma, "Ana", "reviewer"),
      await memberRow(rt.db.prisma, "Ben", "reviewer"),
      await memberRow(rt.db.prisma, "Cy", "admin"),
    ];
    const { generation } = await submit(rt, { referenceIds: [refs[1]!], duration: 4 });
    const done = await waitFor(rt, generation.id);
    const events = commentEvents(rt, done.id);
    let n = events.count;

    const root = await addComment(rt.db.prisma, ana, {
      generationId: done.id,
      atSec: 1.5,
      body: "Too dark here",
    });
    n = await events.next(n);
    const reply = await addComment(rt.db.prisma, ben, {
      generationId: done.id,
      parentId: root.id,
      body: "Agreed",
    });
    n = await events.next(n);
    expect(reply).toMatchObject({ parentId: root.id, atSec: 1.5, endSec: null, authorName: "Ben" });

    const deeper = await fail(
      addComment(rt.db.prisma, ana, { generationId: done.id, parentId: reply.id, body: "nested" }),
    );
    expect(deeper).toMatchObject({
      status: 422,
      code: "reply_to_reply",
      fields: { parentId: expect.any(String) },
    });
    const { generation: otherClip } = await submit(rt, { referenceIds: [refs[1]!], duration: 3 });
    await waitFor(rt, otherClip.id);
    const elsewhere = await fail(
      addComment(rt.db.prisma, ana, { generationId: otherClip.id, parentId: root.id, body: "wrong clip" }),
    );
    expect(elsewhere?.status).toBe(404);
    expect(
      (
        await fail(
          addComment(rt.db.prisma, ana, { generationId: done.id, parentId: root.id, body: "x", endSec: 2 }),
        )
      )?.fields,
    ).toEqual({ endSec: expect.stringMatching(/a reply sits at its thread's time/) });

    // Ben, who did not start it, resolves the thread; Ana reopens it.
    const resolved = await resolveComment(rt.db.prisma, ben, { commentId: root.id, resolved: true });
    n = await events.next(n);
    expect(resolved).toMatchObject({ resolvedByName: "Ben", resolvedAt: expect.any(String) });
    const row = await rt.db.prisma.comment.findUniqueOrThrow({ where: { id: root.id } });
    expect(row.resolvedById).toBe(ben.id);
    // Resolving again keeps who resolved it first.
    expect(
      (await resolveComment(rt.db.prisma, ana, { commentId: root.id, resolved: true })).resolvedByName,
    ).toBe("Ben");
    const reopened = await resolveComment(rt.db.prisma, ana, { commentId: root.id, resolved: false });
    n = await events.next(n);
    expect(reopened).toMatchObject({ resolvedAt: null, resolvedByName: null });
    expect(
      (await fail(resolveComment(rt.db.prisma, ana, { commentId: reply.id, resolved: true })))?.code,
    ).toBe("not_a_thread");
    expect(
      (await fail(resolveComment(rt.db.prisma, guest("Lou"), { commentId: root.id, resolved: true })))
        ?.status,
    ).toBe(403);

    // The thread's author cannot delete Ben's reply along with it; an admin can, replies and all.
    const refused = await fail(deleteComment(rt.db.prisma, ana, { commentId: root.id }));
    expect(refused).toMatchObject({ status: 409, code: "thread_has_replies" });
    expect((await listComments(rt.db.prisma, done.id)).map((c) => c.id)).toEqual([root.id, reply.id]);
    await deleteComment(rt.db.prisma, cy, { commentId: root.id });
    await events.next(n);
    expect(await listComments(rt.db.prisma, done.id)).toEqual([]);
  });

  it("removes a deleted clip's comments once the undo window has passed", async () => {
    const { generation } = await submit(rt, { referenceIds: [refs[1]!], duration: 3 });
    await waitFor(rt, generation.id);
    await addComment(rt.db.prisma, await memberRow(rt.db.prisma, "Nia", "reviewer"), {
      generationId: generation.id,
      atSec: 1,
      body: "nice",
    });
    await deleteGeneration(rt.db.prisma, await testOwner(rt.db.prisma), generation.id);
    expect((await fail(listComments(rt.db.prisma, generation.id)))?.status).toBe(404);
    expect(await purgeDeletedGenerations(rt.db.prisma)).toBe(0);
    await purgeDeletedGenerations(rt.db.prisma, new Date(Date.now() + UNDO_WINDOW_MS + 1_000));
    expect(await rt.db.prisma.generation.findUnique({ where: { id: generation.id } })).toBeNull();
    expect(await rt.db.prisma.comment.count({ where: { generationId: generation.id } })).toBe(0);
  });
});
