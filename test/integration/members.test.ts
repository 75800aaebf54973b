// The team, through the real route handlers signed in as real members (better-auth sessions and personal
// tokens): who is on it, roles and who may change them, the last owner, removal and restore, on PGlite and
// PostgreSQL. Tokens and invitations: members-access.test.ts; spend caps: spend-caps.test.ts.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as inviteRoute, GET as listInvitationsRoute } from "@/app/api/invitations/route";
import { GET as meRoute } from "@/app/api/me/route";
import { POST as restoreRoute } from "@/app/api/members/[id]/restore/route";
import { PATCH as patchMemberRoute, DELETE as removeRoute } from "@/app/api/members/[id]/route";
import { GET as listMembersRoute } from "@/app/api/members/route";
import { changeRole } from "@/lib/accounts/members";
import { setConfigForTests } from "@/lib/config/env";
import { addMember, asActor, sessionCookieFrom, type TestMember } from "../support/accounts";
import { dbKinds } from "../support/db";

import { call, useTeam } from "../support/team";

afterEach(() => setConfigForTests(undefined));

for (const kind of await dbKinds()) {
  describe(`members (${kind})`, () => {
    const team = useTeam(kind);
    const { studio, clip } = team;
    const prisma = () => studio.db.prisma;
    let owner: TestMember;
    let admin: TestMember;
    let reviewer: TestMember;
    beforeAll(() => {
      ({ owner, admin, reviewer } = team);
    });

    it("lists the team: every member sees names and roles, admins also emails, caps and today's spend", async () => {
      await clip(admin, 0.65, "completed", { actualCostUsd: 0.6 });
      await clip(admin, 1, "failed");

      const asReviewer = await call(listMembersRoute, reviewer.session);
      expect(asReviewer.status).toBe(200);
      expect(asReviewer.json.items).toEqual(
        expect.arrayContaining([{ id: admin.id, name: "Adam Admin", initials: "AA", role: "admin" }]),
      );
      expect(JSON.stringify(asReviewer.json)).not.toContain("@");
      expect(asReviewer.json.removed).toBeUndefined();

      const asAdmin = await call(listMembersRoute, admin.bearer);
      expect(asAdmin.json.items[0]).toMatchObject({ id: owner.id, role: "owner", email: owner.email });
      expect(asAdmin.json.items.find((m: { id: string }) => m.id === admin.id)).toMatchObject({
        email: admin.email,
        dailySpendCapUsd: null,
        spentTodayUsd: 0.6,
        disabled: false,
      });

      const me = await call(meRoute, reviewer.session);
      expect(me.json.me).toMatchObject({
        id: reviewer.id,
        name: "Rita Reviewer",
        role: "reviewer",
        initials: "RR",
        can: { review: true, generate: false, manageMembers: false, setSpendCaps: false, grantRoles: [] },
      });
      const adminMe = await call(meRoute, admin.session);
      expect(adminMe.json.me.can.grantRoles).toEqual(["reviewer", "editor", "admin"]);
      expect((await call(meRoute, {})).status).toBe(401);
    });

    it("applies a role change on the member's next request, with the same session and token", async () => {
      const eve = await addMember(studio.rt, "editor");
      const before = await call(listInvitationsRoute, eve.session);
      expect(before.status).toBe(403);
      expect(before.json.error.message).toMatch(/needs the admin role/);

      const promoted = await call(patchMemberRoute, owner.session, {
        method: "PATCH",
        body: { role: "admin" },
        params: { id: eve.id },
      });
      expect(promoted.status).toBe(200);
      expect(promoted.json.member).toMatchObject({ id: eve.id, role: "admin" });
      expect((await call(listInvitationsRoute, eve.session)).status).toBe(200);
      expect((await call(listInvitationsRoute, eve.bearer)).status).toBe(200);

      await call(patchMemberRoute, admin.session, {
        method: "PATCH",
        body: { role: "reviewer" },
        params: { id: eve.id },
      });
      expect((await call(listInvitationsRoute, eve.bearer)).status).toBe(403);
      expect((await call(meRoute, eve.session)).json.me.role).toBe("reviewer");
    });

    it("keeps owners to the owner: an admin cannot change, remove or make one, or set a cap", async () => {
      const ed = await addMember(studio.rt, "editor");
      const patch = (by: TestMember, id: string, body: unknown) =>
        call(patchMemberRoute, by.session, { method: "PATCH", body, params: { id } });

      const demote = await patch(admin, owner.id, { role: "admin" });
      expect(demote.status).toBe(403);
      expect(demote.json.error.message).toMatch(/owner role/);
      const crown = await patch(admin, ed.id, { role: "owner" });
      expect(crown.status).toBe(403);
      expect(crown.json.error.message).toMatch(/owner role/);
      const remove = await call(removeRoute, admin.session, { method: "DELETE", params: { id: owner.id } });
      expect(remove.status).toBe(403);
      const cap = await patch(admin, ed.id, { role: "reviewer", dailySpendCapUsd: 5 });
      expect(cap.status).toBe(403);
      expect(cap.json.error.message).toMatch(/needs the owner role/);
      const invite = await call(inviteRoute, admin.session, { body: { role: "owner" } });
      expect(invite.status).toBe(403);

      // Nothing changed, the refused cap's role included.
      const rows = await prisma().user.findMany({ where: { id: { in: [owner.id, ed.id] } } });
      expect(rows.map((r) => [r.id, r.role, r.dailySpendCapUsd, r.disabledAt]).sort()).toEqual(
        [
          [owner.id, "owner", null, null],
          [ed.id, "editor", null, null],
        ].sort(),
      );
      // A reviewer manages no one, and is told which role it takes.
      const byReviewer = await patch(reviewer, ed.id, { role: "admin" });
      expect(byReviewer.status).toBe(403);
      expect(byReviewer.json.error).toMatchObject({ code: "forbidden" });
      expect(byReviewer.json.error.message).toMatch(/needs the admin role/);
    });

    it("refuses to demote the last owner, and leaves one owner when two demote each other at once", async () => {
      const alone = await call(patchMemberRoute, owner.session, {
        method: "PATCH",
        body: { role: "admin" },
        params: { id: owner.id },
      });
      expect(alone.status).toBe(409);
      expect(alone.json.error).toEqual({
        code: "last_owner",
        message: "Olivia Owner is the studio's only owner: make someone else owner first.",
      });
      const self = await call(removeRoute, owner.session, { method: "DELETE", params: { id: owner.id } });
      expect(self.status).toBe(409);

      // Two owners demote each other at the same moment, both still owners when their requests began.
      const second = await addMember(studio.rt, "owner", { name: "Oscar Owner" });
      const results = await Promise.allSettled([
        changeRole(prisma(), asActor(owner), second.id, "editor"),
        changeRole(prisma(), asActor(second), owner.id, "editor"),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refusal = results.find((r) => r.status === "rejected")?.reason;
      expect(refusal).toMatchObject({ code: "last_owner", status: 409 });
      expect(await prisma().user.count({ where: { role: "owner", disabledAt: null } })).toBe(1);
      // Put the first owner back in charge for the tests that follow, through the routes.
      if (results[0]!.status === "rejected") {
        const back = await call(patchMemberRoute, second.session, {
          method: "PATCH",
          body: { role: "owner" },
          params: { id: owner.id },
        });
        expect(back.status).toBe(200);
        const demoted = await call(patchMemberRoute, owner.session, {
          method: "PATCH",
          body: { role: "editor" },
          params: { id: second.id },
        });
        expect(demoted.status).toBe(200);
      }
      // The demoted owner's next request is an editor's.
      expect(
        (
          await call(patchMemberRoute, second.session, {
            method: "PATCH",
            body: { role: "owner" },
            params: { id: second.id },
          })
        ).status,
      ).toBe(403);
    });

    it("shuts a removed member out (session, token, sign-in), keeps their work, and can restore them", async () => {
      const gone = await addMember(studio.rt, "editor", { name: "Gary Gone" });
      const theirs = await clip(gone, 0, "completed");
      expect((await call(meRoute, gone.session)).status).toBe(200);

      const removed = await call(removeRoute, admin.session, { method: "DELETE", params: { id: gone.id } });
      expect(removed.status).toBe(200);
      expect(removed.json.member).toMatchObject({ id: gone.id, disabled: true });
      expect((await call(meRoute, gone.session)).status).toBe(401);
      expect((await call(meRoute, gone.bearer)).status).toBe(401);
      expect(await prisma().session.count({ where: { userId: gone.id } })).toBe(0);
      expect(await prisma().apiToken.count({ where: { userId: gone.id } })).toBe(0);
      const clipRow = await prisma().generation.findUniqueOrThrow({
        where: { id: theirs },
        include: { createdBy: { select: { name: true } } },
      });
      expect(clipRow.createdBy?.name).toBe("Gary Gone");
      const signIn = () =>
        studio.rt.auth.handler(
          new Request("http://studio.test/api/auth/sign-in/email", {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.44" },
            body: JSON.stringify({ email: gone.email, password: gone.password }),
          }),
        );
      expect((await signIn()).ok).toBe(false);
      // Listed apart for admins, and gone from everyone's list of names.
      const list = await call(listMembersRoute, admin.session);
      expect(list.json.removed.map((m: { id: string }) => m.id)).toContain(gone.id);
      expect(list.json.items.map((m: { id: string }) => m.id)).not.toContain(gone.id);
      // A removed member's role cannot be changed until restored.
      const patch = await call(patchMemberRoute, owner.session, {
        method: "PATCH",
        body: { role: "admin" },
        params: { id: gone.id },
      });
      expect(patch.status).toBe(409);

      const restored = await call(restoreRoute, admin.session, { method: "POST", params: { id: gone.id } });
      expect(restored.json.member).toMatchObject({ disabled: false, role: "editor" });
      const back = await signIn();
      expect(back.status).toBe(200);
      expect((await call(meRoute, { cookie: sessionCookieFrom(back) })).status).toBe(200);
      // The old token stays revoked.
      expect((await call(meRoute, gone.bearer)).status).toBe(401);
    });

    it("refuses bad input with the field named, and an unknown member with 404", async () => {
      const ed = await addMember(studio.rt, "editor");
      const patch = (body: unknown, id = ed.id) =>
        call(patchMemberRoute, owner.session, { method: "PATCH", body, params: { id } });
      const boss = await patch({ role: "boss" });
      expect(boss.status).toBe(422);
      expect(boss.json.error.fields.role).toMatch(/reviewer, editor, admin, owner/);
      const empty = await patch({});
      expect(empty.status).toBe(422);
      const negative = await patch({ dailySpendCapUsd: -1 });
      expect(negative.json.error.fields.dailySpendCapUsd).toMatch(/negative/);
      const fraction = await patch({ dailySpendCapUsd: 1.234 });
      expect(fraction.json.error.fields.dailySpendCapUsd).toMatch(/cents/);
      const extra = await patch({ role: "editor", name: "x" });
      expect(extra.status).toBe(422);
      expect((await patch({ role: "editor" }, randomUUID())).status).toBe(404);
      expect((await patch({ role: "editor" }, "../../etc")).status).toBe(422);
      const row = await prisma().user.findUniqueOrThrow({ where: { id: ed.id } });
      expect([row.role, row.dailySpendCapUsd]).toEqual(["editor", null]);
    });
  });
}
