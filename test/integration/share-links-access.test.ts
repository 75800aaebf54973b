import { verifyPassword } from "better-auth/crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as revokeRoute } from "@/app/api/share-links/[id]/route";
import { GET as listRoute } from "@/app/api/share-links/route";
import type { GenerationDTO } from "@/lib/generations/dto";
import { GUEST_COOKIE, signGuestCookie } from "@/lib/share/cookie";
import { SHARE_LIMITS } from "@/lib/share/rate-limit";
import type { TestMember } from "../support/accounts";
import { dbKinds } from "../support/db";
import type { TestRuntime } from "../support/runtime";

import { call, ctx, errorOf, Guest, keyOf, untilFreshWindow, useShareStudio } from "../support/share-links";

for (const kind of await dbKinds()) {
  describe(`share links, the door (${kind})`, () => {
    const h = useShareStudio(kind);
    const { shareOk } = h;
    let rt: TestRuntime;
    let editor: TestMember;
    let reviewer: TestMember;
    let clipA: GenerationDTO;
    beforeAll(() => {
      ({ rt, editor, reviewer, clipA } = h);
    });

    it("asks for the password first (hashed with better-auth, attempts limited) and refuses a forged cookie", async () => {
      const created = await shareOk({ kind: "generation", target: clipA.id, password: "open sesame" });
      expect(created.link.hasPassword).toBe(true);
      const row = await rt.db.prisma.shareLink.findUniqueOrThrow({ where: { id: created.link.id } });
      expect(row.passwordHash).not.toContain("open sesame");
      expect(await verifyPassword({ hash: row.passwordHash!, password: "open sesame" })).toBe(true);

      const guest = new Guest(created.token, "198.51.100.20");
      expect((await errorOf(await guest.view())).code).toBe("password_required");
      expect((await errorOf(await guest.name("Fay"))).code).toBe("password_required");
      const wrong = await guest.password("open says me");
      expect(wrong.status).toBe(401);
      expect((await errorOf(wrong)).code).toBe("wrong_password");
      expect(guest.cookie).toBe("");
      expect((await guest.password("open sesame")).status).toBe(200);
      expect((await errorOf(await guest.view())).code).toBe("name_required");
      expect((await guest.name("Fay")).status).toBe(200);
      expect((await guest.view()).status).toBe(200);

      // A cookie signed with another secret, or made for another link, counts for nothing.
      const forged = signGuestCookie("not the studio's secret", {
        linkId: created.link.id,
        visitorId: "abc",
        name: "Mallory",
        passwordOk: true,
        exp: Date.now() + 60_000,
      });
      const mallory = new Guest(created.token, "198.51.100.21");
      mallory.cookie = `${GUEST_COOKIE}=${forged}`;
      expect((await errorOf(await mallory.view())).code).toBe("password_required");
      const elsewhere = new Guest(
        (await shareOk({ kind: "generation", target: clipA.id })).token,
        "198.51.100.22",
      );
      await elsewhere.name("Gus");
      mallory.cookie = elsewhere.cookie;
      expect((await errorOf(await mallory.view())).code).toBe("password_required");

      // Guessing is cut off per address (the 6th attempt in a minute), whatever the password.
      await untilFreshWindow();
      const guesser = new Guest(created.token, "198.51.100.30");
      for (let i = 0; i < SHARE_LIMITS.password; i++)
        expect((await guesser.password(`guess ${i}`)).status).toBe(401);
      const limited = await guesser.password("open sesame");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await errorOf(limited)).message).toMatch(/Too many password attempts/);
    });

    it("stops working when revoked or expired, at once, with a clear answer", async () => {
      const created = await shareOk({ kind: "generation", target: clipA.id, permissions: ["comment"] });
      const guest = new Guest(created.token);
      await guest.name("Hal");
      expect((await guest.view()).status).toBe(200);

      expect(
        (
          await revokeRoute(
            call("DELETE", `/api/share-links/${created.link.id}`, reviewer.bearer),
            ctx({ id: created.link.id }),
          )
        ).status,
      ).toBe(403);
      const revoked = await revokeRoute(
        call("DELETE", `/api/share-links/${created.link.id}`, editor.bearer),
        ctx({ id: created.link.id }),
      );
      expect(revoked.status).toBe(200);
      expect(((await revoked.json()) as { link: { status: string } }).link.status).toBe("revoked");
      for (const response of [
        await guest.view(),
        await guest.media(keyOf(clipA.posterUrl)),
        await guest.comment(clipA.id, { atSec: 0, body: "late" }),
      ]) {
        expect(response.status).toBe(410);
        const error = await errorOf(response);
        expect(error.code).toBe("link_revoked");
        expect(error.message).toMatch(/turned off/);
      }
      const active = await listRoute(
        call("GET", `/api/share-links?kind=generation&target=${clipA.id}`, editor.bearer),
        ctx({}),
      );
      expect(((await active.json()) as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(
        created.link.id,
      );
      expect(
        (
          await revokeRoute(
            call("DELETE", "/api/share-links/nosuchlink0000", editor.bearer),
            ctx({ id: "nosuchlink0000" }),
          )
        ).status,
      ).toBe(404);

      const old = await shareOk({ kind: "generation", target: clipA.id });
      const late = new Guest(old.token);
      await late.name("Ida");
      await rt.db.prisma.shareLink.update({
        where: { id: old.link.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const expired = await late.view();
      expect(expired.status).toBe(410);
      expect((await errorOf(expired)).code).toBe("link_expired");

      const unknown = new Guest(`shr_${"x".repeat(43)}`);
      expect((await unknown.view()).status).toBe(404);
      expect((await errorOf(await new Guest("not-a-token").view())).code).toBe("link_not_found");
    });

    it("limits requests per link and client address", async () => {
      const { token } = await shareOk({ kind: "generation", target: clipA.id });
      const busy = new Guest(token, "192.0.2.50");
      await untilFreshWindow();
      await busy.name("Jo"); // counts as a write, not a read
      for (let i = 0; i < SHARE_LIMITS.read; i++) {
        const r = await busy.media(keyOf(clipA.posterUrl), "HEAD");
        if (r.status !== 200) throw new Error(`request ${i + 1} answered ${r.status}`);
      }
      const limited = await busy.view();
      expect(limited.status).toBe(429);
      expect((await errorOf(limited)).code).toBe("rate_limited");
      // Another address on the same link is not held back.
      const calm = new Guest(token, "192.0.2.51");
      await calm.name("Kai");
      expect((await calm.view()).status).toBe(200);
    }, 120_000);
  });
}
