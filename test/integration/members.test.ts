// The team, through the real route handlers signed in as real members (better-auth sessions and personal
// tokens, test/support/accounts.ts): roles and who may change them, the last owner, removal, invitations,
// tokens and spend caps, on PGlite and on PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DELETE as revokeInvitationRoute } from "@/app/api/invitations/[id]/route";
import { POST as inviteRoute, GET as listInvitationsRoute } from "@/app/api/invitations/route";
import { GET as meRoute } from "@/app/api/me/route";
import { POST as restoreRoute } from "@/app/api/members/[id]/restore/route";
import { PATCH as patchMemberRoute, DELETE as removeRoute } from "@/app/api/members/[id]/route";
import { GET as listMembersRoute } from "@/app/api/members/route";
import { PATCH as patchTeamSpendRoute, GET as teamSpendRoute } from "@/app/api/settings/spend/route";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import { POST as createTokenRoute, GET as listTokensRoute } from "@/app/api/tokens/route";
import { peekInvitation } from "@/lib/accounts/invitations";
import { changeRole } from "@/lib/accounts/members";
import { assertWithinSpendCap, withinSpendCap } from "@/lib/accounts/spend-caps";
import { parseConfig, setConfigForTests } from "@/lib/config/env";
import type { GenerationStatus } from "@/lib/generations/limits";
import { settleQueuedMail } from "@/lib/mail/send";
import { addMember, asActor, sessionCookieFrom, type TestMember } from "../support/accounts";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { startMailServer } from "../support/mail-server";
import { installRuntime } from "../support/runtime";

// biome-ignore lint/suspicious/noExplicitAny: any route's params
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/** Calls a route handler the way Next.js does, signed in with `auth` (a member's session or bearer). */
async function call(
  handler: Handler,
  auth: Record<string, string>,
  options: { method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const response = await handler(
    new Request("http://studio.test/api/x", {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: {
        host: "studio.test",
        ...auth,
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test reads of JSON answers
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, json };
}

afterEach(() => setConfigForTests(undefined));

for (const kind of await dbKinds()) {
  describe(`members (${kind})`, () => {
    const studio = useStudio(kind, { ready: (s) => installRuntime(s.rt) });
    afterAll(() => installRuntime(undefined));
    const prisma = () => studio.db.prisma;
    let owner: TestMember;
    let admin: TestMember;
    let reviewer: TestMember;

    /** A clip row of `member`, as createGeneration leaves it, with its cost and status. */
    async function clip(
      member: TestMember | null,
      usd: number,
      status: GenerationStatus,
      extra: { actualCostUsd?: number; createdAt?: Date; deletedAt?: Date } = {},
    ) {
      const id = randomUUID();
      await prisma().generation.create({
        data: {
          id,
          status,
          provider: "fal",
          modelId: "test-model",
          prompt: "<IMAGE_REF_0> walks. Single continuous shot.",
          duration: 5,
          aspectRatio: "16:9",
          idempotencyKey: `members-${id}`,
          inputHash: "x",
          estimatedCostUsd: usd,
          createdById: member?.id ?? null,
          ...extra,
        },
      });
      return id;
    }

    it("lists the team: every member sees names and roles, admins also emails, caps and today's spend", async () => {
      owner = await addMember(studio.rt, "owner", { name: "Olivia Owner" });
      admin = await addMember(studio.rt, "admin", { name: "Adam Admin" });
      reviewer = await addMember(studio.rt, "reviewer", { name: "Rita Reviewer" });
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

    it("makes, lists and revokes personal tokens through the routes; each member sees only their own", async () => {
      const made = await call(createTokenRoute, reviewer.session, { body: { name: "  render script " } });
      expect(made.status).toBe(201);
      expect(made.json.token).toMatch(/^omni_/);
      expect(made.json.apiToken).toMatchObject({ name: "render script", lastUsedAt: null });
      expect(made.json.token.startsWith(made.json.apiToken.prefix)).toBe(true);
      const bearer = { authorization: `Bearer ${made.json.token}` };
      expect((await call(meRoute, bearer)).json.me).toMatchObject({ id: reviewer.id, via: "token" });

      const list = await call(listTokensRoute, reviewer.session);
      expect(list.json.items.map((t: { name: string }) => t.name)).toContain("render script");
      expect(JSON.stringify(list.json)).not.toContain(made.json.token);
      const others = await call(listTokensRoute, admin.session);
      expect(others.json.items.map((t: { id: string }) => t.id)).not.toContain(made.json.apiToken.id);

      const notYours = await call(revokeTokenRoute, admin.session, {
        method: "DELETE",
        params: { id: made.json.apiToken.id },
      });
      expect(notYours.status).toBe(404);
      expect((await call(meRoute, bearer)).status).toBe(200);
      const revoked = await call(revokeTokenRoute, reviewer.session, {
        method: "DELETE",
        params: { id: made.json.apiToken.id },
      });
      expect(revoked.status).toBe(204);
      expect((await call(meRoute, bearer)).status).toBe(401);

      const blank = await call(createTokenRoute, reviewer.session, { body: { name: "   " } });
      expect(blank.status).toBe(422);
      expect(blank.json.error.fields.name).toMatch(/must not be empty/);
      expect((await call(createTokenRoute, {}, { body: { name: "x" } })).status).toBe(401);
    });

    it("makes and revokes invitations through the routes; a reviewer is told it takes an admin", async () => {
      const refused = await call(inviteRoute, reviewer.session, { body: { role: "reviewer" } });
      expect(refused.status).toBe(403);
      expect(refused.json.error).toEqual({
        code: "forbidden",
        message: expect.stringMatching(/needs the admin role/),
      });
      expect((await call(listInvitationsRoute, reviewer.bearer)).status).toBe(403);

      const made = await call(inviteRoute, admin.session, {
        body: { role: "editor", email: "  New.Person@Example.com ", days: 3 },
      });
      expect(made.status).toBe(201);
      expect(made.json.url).toBe(`http://studio.test/invite/${made.json.token}`);
      expect(made.json.mailedTo).toBeNull(); // SMTP_URL is not set
      expect(made.json.invitation).toMatchObject({
        role: "editor",
        email: "new.person@example.com",
        invitedBy: "Adam Admin",
        status: "pending",
      });
      const days = (Date.parse(made.json.invitation.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(2.9);
      expect(days).toBeLessThanOrEqual(3);
      const list = await call(listInvitationsRoute, admin.session);
      expect(list.json.items[0]).toMatchObject({ id: made.json.invitation.id, status: "pending" });
      expect(JSON.stringify(list.json)).not.toContain(made.json.token);

      const revoked = await call(revokeInvitationRoute, admin.session, {
        method: "DELETE",
        params: { id: made.json.invitation.id },
      });
      expect(revoked.status).toBe(204);
      expect(await peekInvitation(prisma(), made.json.token)).toMatchObject({ status: "revoked" });
      const again = await call(revokeInvitationRoute, admin.session, {
        method: "DELETE",
        params: { id: made.json.invitation.id },
      });
      expect(again.status).toBe(404);

      const bad = await call(inviteRoute, admin.session, { body: { role: "editor", email: "no", days: 90 } });
      expect(bad.status).toBe(422);
      expect(bad.json.error.fields).toMatchObject({
        email: expect.stringMatching(/name@example.com/),
        days: expect.stringMatching(/at most 30/),
      });
    });

    it("mails the invitation link when SMTP is set", async () => {
      const mail = await startMailServer();
      try {
        setConfigForTests(parseConfig({ SMTP_URL: mail.url, PUBLIC_BASE_URL: "https://studio.example.com" }));
        const made = await call(inviteRoute, owner.session, {
          body: { role: "reviewer", email: "rae@example.com" },
        });
        expect(made.status).toBe(201);
        expect(made.json.mailedTo).toBe("rae@example.com");
        expect(made.json.url).toBe(`https://studio.example.com/invite/${made.json.token}`);
        await settleQueuedMail();
        const got = await mail.waitFor((m) => m.envelope.to.includes("rae@example.com"));
        expect(got.subject).toBe("Olivia Owner invited you to Omni Studio");
        expect(got.text).toContain(made.json.url);
      } finally {
        await mail.close();
      }
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
