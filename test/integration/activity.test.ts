import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as activityRoute } from "@/app/api/generations/[id]/activity/route";
import { GET as listRoute } from "@/app/api/generations/route";
import type { ActivityPage } from "@/lib/activity/dto";
import type { Actor, MemberActor } from "@/lib/auth/actor";
import { createCharacter, deleteCharacter, updateCharacter } from "@/lib/characters/service";
import {
  deleteGeneration,
  purgeDeletedGenerations,
  restoreGeneration,
  UNDO_WINDOW_MS,
} from "@/lib/generations/deletion";
import type { GenerationPage } from "@/lib/generations/dto";
import { parseListParams } from "@/lib/generations/list-params";
import { findVisibleGeneration, listGenerations } from "@/lib/generations/repo";
import { retryGeneration } from "@/lib/generations/rerun";
import type { AppError } from "@/lib/http/errors";
import { updateReview } from "@/lib/review/service";
import { generationDeps, type Runtime } from "@/lib/server/runtime";
import { addMember as signUpMember } from "../support/accounts";
import { guest, memberRow } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { newKey, submit, type TestRuntime, waitFor } from "../support/runtime";

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e as AppError,
  );

/** Route handlers find the runtime through getRuntime(); this file's runtime is that one. */
function installRuntime(rt: Runtime | undefined) {
  (globalThis as { __omniRuntime?: Promise<Runtime> }).__omniRuntime = rt ? Promise.resolve(rt) : undefined;
}

const events = (rt: TestRuntime, generationId: string) =>
  rt.db.prisma.reviewEvent.findMany({
    where: { generationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });

describe.each(await dbKinds())("every action signed on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  let mara: MemberActor;
  let jo: MemberActor;
  useStudio(kind, {
    references: { count: 2, seed: 930 },
    ready: (s) => ({ rt, refs } = s),
  });
  beforeAll(async () => {
    installRuntime(rt);
    mara = await memberRow(rt.db.prisma, "Mara Lindqvist", "editor");
    jo = await memberRow(rt.db.prisma, "Jo Park", "reviewer");
  });
  afterAll(() => installRuntime(undefined));

  it("records who made a clip, and who retried it", async () => {
    const { generation } = await submit(rt, { referenceIds: [refs[0]!] }, mara);
    expect(generation.createdBy).toEqual({ id: mara.id, name: "Mara Lindqvist", initials: "ML" });
    const done = await waitFor(rt, generation.id);
    expect(done.createdBy?.id).toBe(mara.id);
    const stored = await rt.db.prisma.generation.findUnique({ where: { id: generation.id } });
    expect(stored?.createdById).toBe(mara.id);

    const retried = await retryGeneration(generationDeps(rt), jo, generation.id, newKey());
    expect(retried.generation.createdBy).toEqual({ id: jo.id, name: "Jo Park", initials: "JP" });
    expect(retried.generation.retryOfId).toBe(generation.id);
    await waitFor(rt, retried.generation.id);

    // A guest link makes nothing of its own: no maker recorded.
    const byGuest = await submit(rt, { referenceIds: [refs[0]!] }, guest("Sam"));
    expect(byGuest.generation.createdBy).toBeNull();
    await waitFor(rt, byGuest.generation.id);
  });

  it("writes an event with actor and time for each status, star, chosen take, delete and restore", async () => {
    const { generations } = await submit(rt, { referenceIds: [refs[1]!], takes: 2 }, mara);
    for (const g of generations) await waitFor(rt, g.id);
    const [t0, t1] = generations.map((g) => g.id) as [string, string];
    const sam = guest("Sam");
    const before = Date.now();

    await updateReview(rt.db.prisma, jo, { generationId: t0, reviewStatus: "approved", favorite: true });
    await updateReview(rt.db.prisma, sam, { generationId: t0, reviewStatus: "changes_requested" });
    // Nothing changes, nothing is written.
    await updateReview(rt.db.prisma, sam, { generationId: t0, reviewStatus: "changes_requested" });
    await updateReview(rt.db.prisma, mara, { generationId: t0, chosen: true });
    await updateReview(rt.db.prisma, jo, { generationId: t1, chosen: true });
    await deleteGeneration(rt.db.prisma, mara, t0);
    // Restoring someone else's clip needs an admin (editors restore their own).
    const ada = await memberRow(rt.db.prisma, "Ada Admin", "admin");
    await restoreGeneration(rt.db.prisma, ada, t0);
    const after = Date.now();

    const trail = await events(rt, t0);
    expect(trail.map((e) => [e.kind, e.actorName, e.actorKind, e.actorUserId, e.from, e.to]).sort()).toEqual(
      [
        ["status", "Jo Park", "member", jo.id, "pending", "approved"],
        ["favorite", "Jo Park", "member", jo.id, false, true],
        ["status", "Sam", "guest", null, "approved", "changes_requested"],
        ["chosen", "Mara Lindqvist", "member", mara.id, false, true],
        ["chosen_other", "Jo Park", "member", jo.id, null, { id: t1, takeIndex: 1 }],
        ["delete", "Mara Lindqvist", "member", mara.id, null, null],
        ["restore", "Ada Admin", "member", ada.id, null, null],
      ].sort(),
    );
    for (const e of trail) {
      expect(e.createdAt.getTime()).toBeGreaterThanOrEqual(before - 5);
      expect(e.createdAt.getTime()).toBeLessThanOrEqual(after + 5);
    }
    // In the order they happened (the two of one update share a time).
    expect(trail.map((e) => e.kind).slice(2)).toEqual([
      "status",
      "chosen",
      "chosen_other",
      "delete",
      "restore",
    ]);
    expect((await events(rt, t1)).map((e) => [e.kind, e.actorName, e.to])).toEqual([
      ["chosen", "Jo Park", true],
    ]);
    const restored = await findVisibleGeneration(rt.db.prisma, t0);
    expect(restored).toMatchObject({ chosen: false, favorite: true, reviewStatus: "changes_requested" });

    // A clip purged after the undo window takes its trail with it.
    await deleteGeneration(rt.db.prisma, mara, t1);
    await purgeDeletedGenerations(rt.db.prisma, new Date(Date.now() + UNDO_WINDOW_MS + 1_000));
    expect(await rt.db.prisma.reviewEvent.count({ where: { generationId: t1 } })).toBe(0);
  });

  it("answers the trail newest first, in pages, and refuses bad paging", async () => {
    const { generation } = await submit(rt, { referenceIds: [refs[0]!] }, mara);
    const id = (await waitFor(rt, generation.id)).id;
    const statuses = ["approved", "changes_requested", "approved", "pending", "approved"] as const;
    for (const [i, reviewStatus] of statuses.entries()) {
      await updateReview(rt.db.prisma, i % 2 ? jo : mara, { generationId: id, reviewStatus });
    }
    const viewer = await signUpMember(rt, "reviewer");
    const get = async (query: string) => {
      const res = await activityRoute(
        new Request(`http://studio.test/api/generations/${id}/activity${query}`, { headers: viewer.session }),
        {
          params: Promise.resolve({ id }),
        },
      );
      return { status: res.status, body: (await res.json()) as ActivityPage & { error?: { code: string } } };
    };

    const first = await get("?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items.map((e) => [e.to, e.actor.name])).toEqual([
      ["approved", "Mara Lindqvist"],
      ["pending", "Jo Park"],
    ]);
    expect(first.body.items[0]).toMatchObject({
      kind: "status",
      from: "pending",
      actor: { id: mara.id, name: "Mara Lindqvist", initials: "ML", kind: "member" },
    });
    expect(Date.parse(first.body.items[0]!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const second = await get(`?limit=2&before=${first.body.nextCursor}`);
    expect(second.body.items.map((e) => e.to)).toEqual(["approved", "changes_requested"]);
    const last = await get(`?limit=2&before=${second.body.nextCursor}`);
    expect(last.body.items.map((e) => e.to)).toEqual(["approved"]);
    expect(last.body.nextCursor).toBeNull();
    expect((await get("")).body.items).toHaveLength(5);

    expect((await get("?limit=0")).body.error?.code).toBe("invalid_limit");
    expect((await get("?limit=101")).status).toBe(400);
    expect((await get("?before=not-a-cursor")).body.error?.code).toBe("invalid_cursor");
    const missing = await activityRoute(
      new Request("http://studio.test/api/generations/nosuchclip00/activity", { headers: viewer.session }),
      {
        params: Promise.resolve({ id: "nosuchclip00" }),
      },
    );
    expect(missing.status).toBe(404);
    await deleteGeneration(rt.db.prisma, mara, id);
    expect((await get("")).status).toBe(404);
  });

  it("refuses a status change made against a stale view, naming who changed it, and changes nothing", async () => {
    const { generation } = await submit(rt, { referenceIds: [refs[0]!] }, mara);
    const id = (await waitFor(rt, generation.id)).id;
    // Both opened the clip while it was pending; Jo approves first.
    await updateReview(rt.db.prisma, jo, {
      generationId: id,
      reviewStatus: "approved",
      expectedStatus: "pending",
    });
    const stale = await fail(
      updateReview(rt.db.prisma, mara, {
        generationId: id,
        reviewStatus: "changes_requested",
        expectedStatus: "pending",
        favorite: true,
      }),
    );
    expect(stale.status).toBe(409);
    expect(stale.code).toBe("conflict");
    expect(stale.message).toMatch(/^Jo Park changed this to Approved a moment ago\./);
    const kept = await findVisibleGeneration(rt.db.prisma, id);
    expect(kept).toMatchObject({ reviewStatus: "approved", favorite: false });
    expect((await events(rt, id)).map((e) => [e.kind, e.actorName])).toEqual([["status", "Jo Park"]]);

    // The same change as the one that won is no conflict: it is already so.
    await updateReview(rt.db.prisma, mara, {
      generationId: id,
      reviewStatus: "approved",
      expectedStatus: "pending",
    });
    // Re-applied against the current state, it goes through; the trail shows both.
    await updateReview(rt.db.prisma, mara, {
      generationId: id,
      reviewStatus: "changes_requested",
      expectedStatus: "approved",
    });
    expect((await events(rt, id)).map((e) => [e.actorName, e.to])).toEqual([
      ["Jo Park", "approved"],
      ["Mara Lindqvist", "changes_requested"],
    ]);
    // A guest's change is named as a guest's; the actor's own, from another window, as theirs.
    await updateReview(rt.db.prisma, guest("Sam"), { generationId: id, reviewStatus: "pending" });
    expect(
      (
        await fail(
          updateReview(rt.db.prisma, jo, {
            generationId: id,
            reviewStatus: "approved",
            expectedStatus: "changes_requested",
          }),
        )
      ).message,
    ).toMatch(/^Sam \(guest\) changed this to Pending a moment ago\./);
    await updateReview(rt.db.prisma, jo, { generationId: id, reviewStatus: "approved" });
    expect(
      (
        await fail(
          updateReview(rt.db.prisma, jo, {
            generationId: id,
            reviewStatus: "pending",
            expectedStatus: "pending",
          }),
        )
      ).message,
    ).toMatch(/^You changed this to Approved a moment ago, in another window\./);
  });

  it("lets exactly one of two simultaneous changes from the same view through", async () => {
    const { generation } = await submit(rt, { referenceIds: [refs[1]!] }, mara);
    const id = (await waitFor(rt, generation.id)).id;
    const results = await Promise.allSettled([
      updateReview(rt.db.prisma, mara, {
        generationId: id,
        reviewStatus: "approved",
        expectedStatus: "pending",
      }),
      updateReview(rt.db.prisma, jo, {
        generationId: id,
        reviewStatus: "changes_requested",
        expectedStatus: "pending",
      }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as AppError] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.code)).toEqual(["conflict"]);
    const trail = await events(rt, id);
    expect(trail).toHaveLength(1);
    expect((await findVisibleGeneration(rt.db.prisma, id))?.reviewStatus).toBe(trail[0]!.to);
  });

  it("refuses choosing a take when another was chosen meanwhile", async () => {
    const { generations } = await submit(rt, { referenceIds: [refs[0]!], takes: 3 }, mara);
    for (const g of generations) await waitFor(rt, g.id);
    const [, t1, t2] = generations.map((g) => g.id) as [string, string, string];
    await updateReview(rt.db.prisma, jo, { generationId: t2, chosen: true, expectedChosenId: null });
    const stale = await fail(
      updateReview(rt.db.prisma, mara, { generationId: t1, chosen: true, expectedChosenId: null }),
    );
    expect(stale.code).toBe("conflict");
    expect(stale.message).toMatch(/^Jo Park chose take 3 a moment ago\./);
    expect((await findVisibleGeneration(rt.db.prisma, t2))?.chosen).toBe(true);
    expect((await findVisibleGeneration(rt.db.prisma, t1))?.chosen).toBe(false);
    await updateReview(rt.db.prisma, mara, { generationId: t1, chosen: true, expectedChosenId: t2 });
    expect((await findVisibleGeneration(rt.db.prisma, t2))?.chosen).toBe(false);
    expect((await events(rt, t2)).map((e) => [e.kind, e.actorName, e.to])).toEqual([
      ["chosen", "Jo Park", true],
      ["chosen_other", "Mara Lindqvist", { id: t1, takeIndex: 1 }],
    ]);
  });

  it("filters the gallery by creator: mine, a member's, or refused", async () => {
    const lee = await memberRow(rt.db.prisma, "Lee", "editor");
    const mine = await submit(rt, { referenceIds: [refs[0]!] }, lee);
    await submit(rt, { referenceIds: [refs[0]!] }, jo);
    const list = (query: string, actor: Actor = lee) =>
      listGenerations(rt.db.prisma, parseListParams(new URLSearchParams(query), actor));
    expect((await list("creator=me")).items.map((g) => g.id)).toEqual([mine.generation.id]);
    expect((await list(`creator=${lee.id}`, jo)).items.map((g) => g.id)).toEqual([mine.generation.id]);
    expect((await list("creator=me", jo)).items.every((g) => g.createdBy?.id === jo.id)).toBe(true);
    expect((await list("creator=me", guest("Sam"))).items).toEqual([]);
    expect(() => parseListParams(new URLSearchParams("creator=../x"), lee)).toThrow(/creator must be me/);

    // Through the route, "me" is whoever the request's session resolves to.
    const signedIn = await signUpMember(rt, "editor", { name: "Rae Signed" });
    const studio: MemberActor = {
      kind: "member",
      id: signedIn.id,
      name: signedIn.name,
      email: signedIn.email,
      role: "editor",
      via: "session",
    };
    const theirs = await submit(rt, { referenceIds: [refs[1]!] }, studio);
    const noParams = { params: Promise.resolve({}) };
    const res = await listRoute(
      new Request("http://studio.test/api/generations?creator=me", { headers: signedIn.session }),
      noParams,
    );
    expect(res.status).toBe(200);
    const page = (await res.json()) as GenerationPage;
    expect(page.items.map((g) => g.id)).toEqual([theirs.generation.id]);
    expect(page.items[0]?.createdBy).toEqual({ id: signedIn.id, name: "Rae Signed", initials: "RS" });
    const bad = await listRoute(
      new Request("http://studio.test/api/generations?creator=%20", { headers: signedIn.session }),
      noParams,
    );
    expect(bad.status).toBe(400);
  });

  it("signs character edits and keeps them after the character is deleted", async () => {
    const hero = await createCharacter(rt.db.prisma, mara, { name: "Hero", images: [{ assetId: refs[0]! }] });
    expect((await rt.db.prisma.character.findUnique({ where: { id: hero.id } }))?.createdById).toBe(mara.id);
    await updateCharacter(rt.db.prisma, jo, hero.id, {
      name: "Hero, older",
      images: [{ assetId: refs[1]! }, { assetId: refs[0]! }],
    });
    await deleteCharacter(rt.db.prisma, mara, hero.id);
    const trail = await rt.db.prisma.reviewEvent.findMany({
      where: { characterId: hero.id },
      orderBy: { createdAt: "asc" },
    });
    expect(trail.map((e) => [e.kind, e.actorName, e.from, e.to])).toEqual([
      [
        "character_create",
        "Mara Lindqvist",
        null,
        { name: "Hero", description: "", images: [refs[0]], main: refs[0] },
      ],
      [
        "character_update",
        "Jo Park",
        { name: "Hero", description: "", images: [refs[0]], main: refs[0] },
        { name: "Hero, older", description: "", images: [refs[1], refs[0]], main: refs[0] },
      ],
      [
        "character_delete",
        "Mara Lindqvist",
        { name: "Hero, older", description: "", images: [refs[1], refs[0]], main: refs[0] },
        null,
      ],
    ]);
  });
});
