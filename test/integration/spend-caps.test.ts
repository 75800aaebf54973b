// Daily spend caps, per member and for the team (the owner's to set): what counts as spent today, the
// refusal with the amount left, and two generates racing for the last of a cap, on PGlite and PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as meRoute } from "@/app/api/me/route";
import { PATCH as patchMemberRoute } from "@/app/api/members/[id]/route";
import { PATCH as patchTeamSpendRoute, GET as teamSpendRoute } from "@/app/api/settings/spend/route";
import { assertWithinSpendCap, withinSpendCap } from "@/lib/accounts/spend-caps";
import { setConfigForTests } from "@/lib/config/env";
import { addMember, asActor, type TestMember } from "../support/accounts";
import { dbKinds } from "../support/db";

import { call, useTeam } from "../support/team";

afterEach(() => setConfigForTests(undefined));

for (const kind of await dbKinds()) {
  describe(`spend caps (${kind})`, () => {
    const team = useTeam(kind);
    const { studio, clip } = team;
    const prisma = () => studio.db.prisma;
    let owner: TestMember;
    let admin: TestMember;
    beforeAll(() => {
      ({ owner, admin } = team);
    });

    it("refuses a generate past the member's daily cap with the amount left, counting today's spend", async () => {
      const ed = await addMember(studio.rt, "editor", { name: "Capped Editor" });
      const set = await call(patchMemberRoute, owner.session, {
        method: "PATCH",
        body: { dailySpendCapUsd: 5 },
        params: { id: ed.id },
      });
      expect(set.json.member).toMatchObject({ dailySpendCapUsd: 5 });
      // Counted: a completed clip at its recorded cost (deleted too: the money is spent), one in flight at
      // its estimate. Not counted: failed, canceled, yesterday's, and anyone else's.
      await clip(ed, 2, "completed", { actualCostUsd: 1.9, deletedAt: new Date() });
      await clip(ed, 1.9, "running");
      await clip(ed, 3, "failed");
      await clip(ed, 3, "canceled");
      await clip(ed, 3, "completed", { actualCostUsd: 3, createdAt: new Date(Date.now() - 2 * 86_400_000) });
      await clip(admin, 3, "completed", { actualCostUsd: 3 });

      const actor = asActor(ed);
      await expect(assertWithinSpendCap(prisma(), actor, 1.3)).rejects.toMatchObject({
        status: 403,
        code: "spend_cap",
        message: expect.stringContaining(
          "Your daily spend cap is $5.00; $1.20 left today, this needs $1.30.",
        ),
      });
      await expect(assertWithinSpendCap(prisma(), actor, 1.2)).resolves.toMatchObject({
        member: { capUsd: 5, spentUsd: 3.8, leftUsd: 1.2 },
      });
      // Free clips (the preview engine) are never held back.
      await clip(ed, 1.2, "queued");
      await expect(assertWithinSpendCap(prisma(), actor, 0.01)).rejects.toThrow(/\$0\.00 left today/);
      await expect(assertWithinSpendCap(prisma(), actor, 0)).resolves.toBeNull();
      // What /api/me and the members list say.
      expect((await call(meRoute, ed.session)).json.me.spend.member).toEqual({
        capUsd: 5,
        spentUsd: 5,
        leftUsd: 0,
      });
      // Removing the cap lifts it.
      await call(patchMemberRoute, owner.session, {
        method: "PATCH",
        body: { dailySpendCapUsd: null },
        params: { id: ed.id },
      });
      await expect(assertWithinSpendCap(prisma(), actor, 50)).resolves.toMatchObject({ member: null });
    });

    it("holds the whole team to the team's cap (owner only), and lets one of two racing generates through", async () => {
      const byAdmin = await call(patchTeamSpendRoute, admin.session, {
        method: "PATCH",
        body: { teamDailySpendCapUsd: 1 },
      });
      expect(byAdmin.status).toBe(403);
      expect(byAdmin.json.error.message).toMatch(/needs the owner role/);
      expect((await call(teamSpendRoute, admin.session)).status).toBe(403);

      const now = await call(teamSpendRoute, owner.session);
      expect(now.json.teamDailySpendCapUsd).toBeNull();
      const spent = now.json.spentTodayUsd as number;
      expect(spent).toBeGreaterThan(0);
      const cap = Math.round((spent + 1) * 100) / 100;
      const set = await call(patchTeamSpendRoute, owner.session, {
        method: "PATCH",
        body: { teamDailySpendCapUsd: cap },
      });
      expect(set.status).toBe(200);
      expect(set.json.teamDailySpendCapUsd).toBe(cap);
      const bad = await call(patchTeamSpendRoute, owner.session, {
        method: "PATCH",
        body: { teamDailySpendCapUsd: "lots" },
      });
      expect(bad.status).toBe(422);
      expect(bad.json.error.fields.teamDailySpendCapUsd).toMatch(/number of US dollars/);

      // A member with no cap of their own is held by the team's.
      const ed = await addMember(studio.rt, "editor");
      await expect(assertWithinSpendCap(prisma(), asActor(ed), 1.5)).rejects.toMatchObject({
        code: "team_spend_cap",
        message: expect.stringContaining(
          `The team's daily spend cap is $${cap.toFixed(2)}; $1.00 left today, this needs $1.50.`,
        ),
      });

      // Two generates of $0.60 at once with $1.00 left: the check and the insert are one step, so only
      // one goes through.
      const attempt = () =>
        withinSpendCap(prisma(), asActor(ed), 0.6, async (tx) => {
          const id = randomUUID();
          await tx.generation.create({
            data: {
              id,
              provider: "fal",
              modelId: "test-model",
              prompt: "race",
              duration: 5,
              aspectRatio: "16:9",
              idempotencyKey: `race-${id}`,
              inputHash: "x",
              estimatedCostUsd: 0.6,
              createdById: ed.id,
            },
          });
          return id;
        });
      const results = await Promise.allSettled([attempt(), attempt()]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await prisma().generation.count({ where: { createdById: ed.id } })).toBe(1);

      await call(patchTeamSpendRoute, owner.session, {
        method: "PATCH",
        body: { teamDailySpendCapUsd: null },
      });
      await expect(assertWithinSpendCap(prisma(), asActor(ed), 100)).resolves.toMatchObject({ team: null });
    });
  });
}
