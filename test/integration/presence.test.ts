import { afterAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/generations/[id]/presence/route";
import type { ChangeEvent } from "@/lib/live/events";
import { addMember } from "../support/accounts";
import { useStudio } from "../support/fixture";
import { installRuntime, submit } from "../support/runtime";

describe("presence on a clip's page", () => {
  const studio = useStudio("pglite", {
    references: { count: 1, seed: 70 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));

  it("lists the members who have the clip open, once each, announces joins and leaves, and forgets the silent", async () => {
    const ada = await addMember(studio.rt, "reviewer", { name: "Ada Lovelace" });
    const bob = await addMember(studio.rt, "editor", { name: "Bob Marley" });
    const { generation: g } = await submit(studio.rt, { referenceIds: studio.refs });
    const params = { params: Promise.resolve({ id: g.id }) };
    const beat = (who: typeof ada, tab: string, leave = false) =>
      POST(
        new Request(
          `http://studio.test/api/generations/${g.id}/presence?tab=${tab}${leave ? "&leave=1" : ""}`,
          {
            method: "POST",
            headers: who.session,
          },
        ),
        params,
      );
    const list = async () =>
      (await (await GET(new Request("http://studio.test/x", { headers: ada.session }), params)).json())
        .viewers;
    const seen: ChangeEvent[] = [];
    studio.rt.changes.subscribe((e) => {
      if (typeof e !== "string" && e.kind === "presence") seen.push(e);
    });

    // Changes are sent in batches (one per clip and kind each turn): wait a turn between steps.
    const settle = () => new Promise((r) => setTimeout(r, 150));
    expect((await beat(ada, "tab-ada-0001")).status).toBe(204);
    await settle();
    expect((await beat(ada, "tab-ada-0002")).status).toBe(204);
    await settle();
    expect((await beat(bob, "tab-bob-0001")).status).toBe(204);
    await settle();
    expect(seen).toHaveLength(3);
    expect(await list()).toEqual([
      { id: ada.id, name: "Ada Lovelace", initials: "AL" },
      { id: bob.id, name: "Bob Marley", initials: "BM" },
    ]);
    // A heartbeat of a tab already there is not news; a new tab and a leave are.
    await beat(bob, "tab-bob-0001");
    await settle();
    expect(seen).toHaveLength(3);
    await beat(bob, "tab-bob-0001", true);
    expect((await list()).map((v: { name: string }) => v.name)).toEqual(["Ada Lovelace"]);
    await settle();
    expect(seen).toHaveLength(4);
    // A tab not heard from for long is no longer there.
    await studio.db.prisma.presence.updateMany({ data: { lastSeenAt: new Date(Date.now() - 60_000) } });
    expect(await list()).toEqual([]);

    // Refusals: a bad tab id, an unknown clip, no session.
    expect((await beat(ada, "bad tab")).status).toBe(400);
    const unknown = await POST(
      new Request("http://studio.test/x?tab=tab-ada-0001", { method: "POST", headers: ada.session }),
      { params: Promise.resolve({ id: "nope" }) },
    );
    expect(unknown.status).toBe(404);
    const anonymous = await POST(
      new Request("http://studio.test/x?tab=tab-ada-0001", { method: "POST" }),
      params,
    );
    expect(anonymous.status).toBe(401);
  });
});
