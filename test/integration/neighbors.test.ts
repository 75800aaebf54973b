import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as neighborsRoute } from "@/app/api/generations/[id]/neighbors/route";
import { toEntries } from "@/components/gallery/rows";
import type { Actor } from "@/lib/auth/actor";
import type { ClipNeighbors } from "@/lib/generations/dto";
import { parseListParams } from "@/lib/generations/list-params";
import { findNeighbors } from "@/lib/generations/neighbors";
import { listGenerations } from "@/lib/generations/repo";
import { updateReview } from "@/lib/review/service";
import type { Runtime } from "@/lib/server/runtime";
import { addMember } from "../support/accounts";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { submit, type TestRuntime } from "../support/runtime";

// The clip page's Prev/Next (GET /api/generations/:id/neighbors): each clip's neighbours are the clips
// beside it in the gallery as the gallery lays it out (newest first, a group's takes together in take
// order), for any of the gallery's filters; and the take switcher's ?takeGroup= list filter.

function installRuntime(rt: Runtime | undefined) {
  (globalThis as { __omniRuntime?: Promise<Runtime> }).__omniRuntime = rt ? Promise.resolve(rt) : undefined;
}

describe.each(await dbKinds())("neighbours in a gallery view on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  let owner: Actor;
  useStudio(kind, { references: { count: 1, seed: 2210 }, ready: (s) => ({ rt, refs } = s) });
  beforeAll(async () => {
    installRuntime(rt);
    owner = await testOwner(rt.db.prisma);
  });
  afterAll(() => installRuntime(undefined));

  const make = async (prompt: string, takes = 1) =>
    (
      await submit(rt, { referenceIds: [refs[0]!], prompt: `<IMAGE_REF_0> ${prompt}`, takes })
    ).generations.map((g) => g.id);

  /** The gallery's order for a query, as the gallery shows it: the list's pages through toEntries. */
  async function galleryOrder(query: string): Promise<string[]> {
    const page = await listGenerations(
      rt.db.prisma,
      parseListParams(new URLSearchParams(`limit=100&${query}`), owner),
    );
    return toEntries(page.items).flatMap((e) =>
      e.kind === "single" ? [e.generation.id] : e.takes.map((t) => t.id),
    );
  }

  /** Every clip's neighbours in a view agree with the gallery's order, and the ends have none. */
  async function expectWalk(query: string) {
    const order = await galleryOrder(query);
    const filter = parseListParams(new URLSearchParams(query), owner);
    for (const [i, id] of order.entries()) {
      const n = (await findNeighbors(rt.db.prisma, id, filter))!;
      expect([n.prev?.id ?? null, n.next?.id ?? null], `${query || "all"}: #${i}`).toEqual([
        order[i - 1] ?? null,
        order[i + 1] ?? null,
      ]);
    }
    return order;
  }

  it("walks the whole gallery and a search in the gallery's order, takes in take order", async () => {
    const [a] = await make("walks in the rain at dusk.");
    const group = await make("dances in the rain, one take each.", 3);
    const [b] = await make("naps in the sun.");
    const [c] = await make("runs through the rain.");

    const all = await expectWalk("");
    // Newest first, the group where its newest take is, its takes in take order.
    expect(all.slice(0, 6)).toEqual([c, b, ...group, a]);
    const rain = await expectWalk("q=rain");
    expect(rain.slice(0, 5)).toEqual([c, ...group, a]);

    // A neighbour names itself: enough for its title and its take.
    const n = (await findNeighbors(rt.db.prisma, c!, parseListParams(new URLSearchParams("q=rain"), owner)))!;
    expect(n.next).toMatchObject({
      id: group[0],
      takeIndex: 0,
      takeCount: 3,
      references: [{ position: 0, label: expect.any(String) }],
    });
    expect(n.next?.prompt).toContain("dances in the rain");

    // With chosen takes only, a group is its chosen take; a hidden take still walks from where it stands.
    await updateReview(rt.db.prisma, owner, {
      generationId: group[1]!,
      chosen: true,
      expectedChosenId: null,
    });
    const chosen = await expectWalk("takes=chosen");
    expect(chosen.slice(0, 4)).toEqual([c, b, group[1], a]);
    const fromHidden = (await findNeighbors(
      rt.db.prisma,
      group[2]!,
      parseListParams(new URLSearchParams("takes=chosen"), owner),
    ))!;
    expect([fromHidden.prev?.id, fromHidden.next?.id]).toEqual([group[1], a]);

    // The take switcher's list: the group's takes, and nothing else.
    const takes = await listGenerations(
      rt.db.prisma,
      parseListParams(new URLSearchParams(`takeGroup=${group[0]}`), owner),
    );
    expect(takes.items.map((g) => g.id).sort()).toEqual([...group].sort());
    expect(() => parseListParams(new URLSearchParams("takeGroup=../x"), owner)).toThrow(/takeGroup/);
  });

  it("answers through the route for a signed-in member, 404 for an unknown clip", async () => {
    const [d] = await make("reads under a lamp.");
    const [e] = await make("reads under a tree.");
    const member = await addMember(rt, "reviewer", { name: "Nia Walker" });
    const ask = (id: string, query = "") =>
      neighborsRoute(
        new Request(`http://studio.test/api/generations/${id}/neighbors?${query}`, {
          headers: member.session,
        }),
        {
          params: Promise.resolve({ id }),
        },
      );
    const res = await ask(d!, "q=reads+under&cursor=ignored&limit=1");
    expect(res.status).toBe(200);
    const body = (await res.json()) as ClipNeighbors;
    expect([body.prev?.id, body.next]).toEqual([e, null]);
    expect((await ask("nosuchclip0001")).status).toBe(404);
    expect((await ask(d!, "status=bogus")).status).toBe(400);
  });
});
