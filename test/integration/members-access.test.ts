import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DELETE as revokeInvitationRoute } from "@/app/api/invitations/[id]/route";
import { POST as inviteRoute, GET as listInvitationsRoute } from "@/app/api/invitations/route";
import { GET as meRoute } from "@/app/api/me/route";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import { POST as createTokenRoute, GET as listTokensRoute } from "@/app/api/tokens/route";
import { peekInvitation } from "@/lib/accounts/invitations";
import { parseConfig, setConfigForTests } from "@/lib/config/env";
import { settleQueuedMail } from "@/lib/mail/send";
import type { TestMember } from "../support/accounts";
import { dbKinds } from "../support/db";
import { startMailServer } from "../support/mail-server";

import { call, useTeam } from "../support/team";

afterEach(() => setConfigForTests(undefined));

for (const kind of await dbKinds()) {
  describe(`tokens and invitations (${kind})`, () => {
    const team = useTeam(kind);
    const { studio } = team;
    const prisma = () => studio.db.prisma;
    let owner: TestMember;
    let admin: TestMember;
    let reviewer: TestMember;
    beforeAll(() => {
      ({ owner, admin, reviewer } = team);
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
  });
}
