// Review links for people outside the team, end to end on the server side: the studio's routes that make,
// list and revoke them (as each role), and everything a guest does through one (the gate, the view, media,
// comments, review, download), with what a link must refuse: other clips, the studio's own routes, missing
// permissions, a wrong password, a revoked or expired link, a forged cookie, and too many requests.
import { createHash } from "node:crypto";
import { verifyPassword } from "better-auth/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listGenerationsRoute } from "@/app/api/generations/route";
import { GET as mediaRoute } from "@/app/api/media/[key]/route";
import { POST as guestComment, GET as guestComments } from "@/app/api/r/[token]/clips/[id]/comments/route";
import { GET as guestDownload } from "@/app/api/r/[token]/clips/[id]/download/route";
import { POST as guestReview } from "@/app/api/r/[token]/clips/[id]/review/route";
import { GET as guestMedia, HEAD as guestMediaHead } from "@/app/api/r/[token]/media/[key]/route";
import { POST as guestName } from "@/app/api/r/[token]/name/route";
import { POST as guestPassword } from "@/app/api/r/[token]/password/route";
import { GET as guestViewRoute } from "@/app/api/r/[token]/route";
import { DELETE as revokeRoute } from "@/app/api/share-links/[id]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/share-links/route";
import { resolveActor } from "@/lib/auth/session";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { Change } from "@/lib/live/events";
import { GUEST_COOKIE, signGuestCookie } from "@/lib/share/cookie";
import type { CreatedShareLinkDTO, GuestViewDTO } from "@/lib/share/dto";
import { SHARE_LIMITS, SHARE_WINDOW_MS } from "@/lib/share/rate-limit";
import { addMember, type TestMember } from "../support/accounts";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { installRuntime, submit, type TestRuntime, waitFor } from "../support/runtime";

const BASE = "http://studio.test";
const keyOf = (url: string | null) => url!.slice(url!.lastIndexOf("/") + 1);
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Request {
  return new Request(`${BASE}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

/** A browser on one link: its cookie jar holds what the link's routes set (path-scoped; one link here). */
class Guest {
  cookie = "";
  constructor(
    readonly token: string,
    readonly ip = "203.0.113.7",
  ) {}
  headers(extra: Record<string, string> = {}) {
    return { "x-forwarded-for": this.ip, ...(this.cookie ? { cookie: this.cookie } : {}), ...extra };
  }
  keep(response: Response) {
    const set = response.headers.getSetCookie();
    const mine = set.find((c) => c.includes(`Path=/api/r/${this.token}`));
    if (mine) this.cookie = mine.split(";")[0]!;
    return response;
  }
  async password(password: string) {
    const r = await guestPassword(
      call("POST", `/api/r/${this.token}/password`, this.headers(), { password }),
      ctx({ token: this.token }),
    );
    return this.keep(r);
  }
  async name(name: string) {
    const r = await guestName(
      call("POST", `/api/r/${this.token}/name`, this.headers(), { name }),
      ctx({ token: this.token }),
    );
    return this.keep(r);
  }
  view(query = "") {
    return guestViewRoute(
      call("GET", `/api/r/${this.token}${query}`, this.headers()),
      ctx({ token: this.token }),
    );
  }
  media(key: string, method: "GET" | "HEAD" = "GET") {
    const route = method === "GET" ? guestMedia : guestMediaHead;
    return route(
      call(method, `/api/r/${this.token}/media/${key}`, this.headers()),
      ctx({ token: this.token, key }),
    );
  }
  comments(id: string) {
    return guestComments(
      call("GET", `/api/r/${this.token}/clips/${id}/comments`, this.headers()),
      ctx({ token: this.token, id }),
    );
  }
  comment(id: string, body: unknown) {
    return guestComment(
      call("POST", `/api/r/${this.token}/clips/${id}/comments`, this.headers(), body),
      ctx({ token: this.token, id }),
    );
  }
  review(id: string, reviewStatus: string) {
    return guestReview(
      call("POST", `/api/r/${this.token}/clips/${id}/review`, this.headers(), { reviewStatus }),
      ctx({ token: this.token, id }),
    );
  }
  download(id: string) {
    return guestDownload(
      call("GET", `/api/r/${this.token}/clips/${id}/download`, this.headers()),
      ctx({ token: this.token, id }),
    );
  }
}

async function errorOf(response: Response) {
  return (
    (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }
  ).error;
}

for (const kind of await dbKinds()) {
  describe(`share links (${kind})`, () => {
    let rt: TestRuntime;
    let refs: string[];
    useStudio(kind, {
      references: { count: 3, seed: 1500 },
      ready: (s) => {
        ({ rt, refs } = s);
        installRuntime(rt);
      },
    });
    afterAll(() => installRuntime(undefined));

    let editor: TestMember;
    let reviewer: TestMember;
    let clipA: GenerationDTO;
    let clipB: GenerationDTO;
    let takes: GenerationDTO[];
    const changes: Change[] = [];

    beforeAll(async () => {
      editor = await addMember(rt, "editor", { name: "Edda Editor" });
      reviewer = await addMember(rt, "reviewer");
      const a = await submit(rt, {
        referenceIds: [refs[0]!, refs[1]!],
        prompt: "<IMAGE_REF_0> and <IMAGE_REF_1> walk. Lighthouse dawn.",
      });
      const b = await submit(rt, {
        referenceIds: [refs[2]!],
        prompt: "<IMAGE_REF_0> alone. Secret other clip.",
      });
      const group = await submit(rt, {
        referenceIds: [refs[0]!],
        prompt: "<IMAGE_REF_0> dances. Lighthouse night.",
        takes: 2,
      });
      clipA = await waitFor(rt, a.generation.id);
      clipB = await waitFor(rt, b.generation.id);
      takes = [];
      for (const g of group.generations) takes.push(await waitFor(rt, g.id));
      for (const g of [clipA, clipB, ...takes]) expect(g.status).toBe("completed");
      rt.changes.subscribe((e) => {
        if (typeof e === "object") changes.push(e);
      });
    }, 120_000);

    async function share(body: Record<string, unknown>, who: TestMember = editor) {
      const response = await createRoute(call("POST", "/api/share-links", who.bearer, body), ctx({}));
      return response;
    }
    async function shareOk(body: Record<string, unknown>): Promise<CreatedShareLinkDTO> {
      const response = await share(body);
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as CreatedShareLinkDTO;
    }

    it("lets an editor make a link, refuses a reviewer (naming the editor role), and stores only the token's hash", async () => {
      const before = await rt.db.prisma.shareLink.count();
      const refused = await share({ kind: "generation", target: clipA.id }, reviewer);
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).message).toMatch(/editor/);
      const anonymous = await createRoute(
        call("POST", "/api/share-links", {}, { kind: "generation", target: clipA.id }),
        ctx({}),
      );
      expect(anonymous.status).toBe(401);

      // Bad input is refused by name and makes nothing.
      const badKind = await share({ kind: "everything", target: clipA.id });
      expect(badKind.status).toBe(422);
      expect((await errorOf(badKind)).fields?.kind).toMatch(/generation, take_group, gallery_view/);
      const tooLong = await share({ kind: "generation", target: clipA.id, expiresInDays: 365 });
      expect(tooLong.status).toBe(422);
      expect((await errorOf(tooLong)).message).toMatch(/^ExpiresInDays can be at most 90 days/);
      const badPermission = await share({ kind: "generation", target: clipA.id, permissions: ["delete"] });
      expect(badPermission.status).toBe(422);
      expect((await errorOf(badPermission)).message).toMatch(/comment, review, download/);
      const noClip = await share({ kind: "generation", target: "nosuchclip0000" });
      expect(noClip.status).toBe(404);
      expect((await errorOf(noClip)).fields?.target).toBeDefined();
      const badView = await share({ kind: "gallery_view", target: "review=bogus" });
      expect(badView.status).toBe(422);
      expect((await errorOf(badView)).message).toMatch(/target: review must be one of/);
      const unknownParam = await share({ kind: "gallery_view", target: "status=completed&cost=0" });
      expect(unknownParam.status).toBe(422);
      expect((await errorOf(unknownParam)).message).toMatch(/not cost/);
      expect(await rt.db.prisma.shareLink.count()).toBe(before);

      const created = await shareOk({
        kind: "generation",
        target: clipA.id,
        permissions: ["comment"],
        title: "For the client",
      });
      expect(created.token).toMatch(/^shr_[A-Za-z0-9_-]{43}$/);
      expect(created.path).toBe(`/r/${created.token}`);
      expect(created.url).toBe(`${BASE}/r/${created.token}`);
      expect(created.link).toMatchObject({
        kind: "generation",
        target: clipA.id,
        permissions: ["comment"],
        status: "active",
        hasPassword: false,
      });
      expect(created.link.createdBy.name).toBe("Edda Editor");
      const days = (Date.parse(created.link.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);

      const row = await rt.db.prisma.shareLink.findUniqueOrThrow({ where: { id: created.link.id } });
      expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
      expect(JSON.stringify(row)).not.toContain(created.token.slice(4));

      const listed = await listRoute(
        call("GET", `/api/share-links?kind=generation&target=${clipA.id}`, editor.bearer),
        ctx({}),
      );
      expect(listed.status).toBe(200);
      const items = ((await listed.json()) as { items: { id: string }[] }).items;
      expect(items.map((i) => i.id)).toContain(created.link.id);
      expect(JSON.stringify(items)).not.toContain(created.token);
      expect((await listRoute(call("GET", "/api/share-links", reviewer.bearer), ctx({}))).status).toBe(403);
    });

    it("shows a guest what the link shares, after a name, stripped of the studio's business; nothing else", async () => {
      const { token } = await shareOk({ kind: "generation", target: clipA.id, permissions: ["comment"] });
      const guest = new Guest(token);

      const closed = await guest.view();
      expect(closed.status).toBe(401);
      expect((await errorOf(closed)).code).toBe("name_required");
      expect((await guest.media(keyOf(clipA.posterUrl))).status).toBe(401);

      const blank = await guest.name("   ");
      expect(blank.status).toBe(422);
      expect(guest.cookie).toBe("");
      const named = await guest.name("Ana");
      expect(named.status).toBe(200);
      const setCookies = named.headers.getSetCookie();
      expect(setCookies).toHaveLength(2);
      for (const path of [`/r/${token}`, `/api/r/${token}`]) {
        const cookie = setCookies.find((c) => c.includes(`Path=${path};`));
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Lax/);
      }

      const view = await guest.view();
      expect(view.status).toBe(200);
      expect(view.headers.get("cache-control")).toMatch(/no-store/);
      const text = await view.text();
      const body = JSON.parse(text) as GuestViewDTO;
      expect(body.guest.name).toBe("Ana");
      expect(body.link).toMatchObject({
        kind: "generation",
        permissions: ["comment"],
        sharedBy: "Edda Editor",
      });
      expect(body.clips.map((c) => c.id)).toEqual([clipA.id]);
      for (const secret of [
        "estimatedCostUsd",
        "actualCostUsd",
        "requestId",
        "provider",
        "modelId",
        "logs",
        clipB.id,
      ]) {
        expect(text).not.toContain(secret);
      }
      const shared = body.clips[0]!;
      expect(shared.videoUrl).toBe(`/api/r/${token}/media/${keyOf(clipA.videoUrl)}`);
      expect(shared.references).toHaveLength(2);

      // Media of the shared clip: poster, video (ranges), reference thumbnails; private to the browser.
      const poster = await guest.media(keyOf(clipA.posterUrl));
      expect(poster.status).toBe(200);
      expect(poster.headers.get("cache-control")).toMatch(/^private/);
      expect((await guest.media(keyOf(clipA.videoUrl), "HEAD")).status).toBe(200);
      expect((await guest.media(keyOf(clipA.references[1]!.thumbUrl))).status).toBe(200);
      // Another clip's files, and the references' full-size originals, are not there for a guest.
      expect((await guest.media(keyOf(clipB.posterUrl))).status).toBe(404);
      expect((await guest.media(keyOf(clipB.videoUrl))).status).toBe(404);
      expect((await guest.media(keyOf(clipA.references[0]!.url))).status).toBe(404);
      expect((await guest.comments(clipB.id)).status).toBe(404);
      expect((await guest.comment(clipB.id, { atSec: 1, body: "sneaky" })).status).toBe(404);

      // The studio's own routes never look at the guest's cookie: 401, as for anyone signed out.
      expect(guest.cookie.startsWith(`${GUEST_COOKIE}=`)).toBe(true);
      const asStudio = { cookie: guest.cookie };
      expect((await listGenerationsRoute(call("GET", "/api/generations", asStudio), ctx({}))).status).toBe(
        401,
      );
      expect(
        (
          await mediaRoute(
            call("GET", `/api/media/${keyOf(clipA.posterUrl)}`, asStudio),
            ctx({ key: keyOf(clipA.posterUrl) }),
          )
        ).status,
      ).toBe(401);
      expect(await resolveActor(() => new Headers(asStudio))).toBeNull();
    });

    it("enforces each permission, signs a guest's comment with their name, and tells members live", async () => {
      const commenter = new Guest(
        (await shareOk({ kind: "generation", target: clipA.id, permissions: ["comment"] })).token,
      );
      await commenter.name("Ana");
      changes.length = 0;
      const posted = await commenter.comment(clipA.id, { atSec: 1.2, body: "Hold the last frame longer" });
      expect(posted.status, await posted.clone().text()).toBe(201);
      const { comment } = (await posted.json()) as {
        comment: { id: string; authorName: string; mine: boolean; guest: boolean };
      };
      expect(comment).toMatchObject({ authorName: "Ana (guest)", mine: true, guest: true });
      const stored = await rt.db.prisma.comment.findUniqueOrThrow({ where: { id: comment.id } });
      expect(stored.body).toBe("Hold the last frame longer");
      await expect
        .poll(() => changes.some((c) => c.kind === "comment" && c.generationId === clipA.id))
        .toBe(true);
      const listed = (await (await commenter.comments(clipA.id)).json()) as {
        items: { id: string; mine: boolean }[];
      };
      expect(listed.items.find((c) => c.id === comment.id)?.mine).toBe(true);
      // A second guest on the same link sees it, not as theirs.
      const other = new Guest(commenter.token, "203.0.113.8");
      await other.name("Ben");
      const seen = (await (await other.comments(clipA.id)).json()) as {
        items: { id: string; mine: boolean }[];
      };
      expect(seen.items.find((c) => c.id === comment.id)?.mine).toBe(false);
      // Bad input: a clear refusal, nothing stored.
      const count = await rt.db.prisma.comment.count();
      const empty = await commenter.comment(clipA.id, { atSec: 1, body: "  " });
      expect(empty.status).toBe(422);
      const spoofed = await commenter.comment(clipA.id, {
        atSec: 1,
        body: "hi",
        author: { authorName: "Edda Editor" },
      });
      expect(spoofed.status).toBe(422);
      expect(await rt.db.prisma.comment.count()).toBe(count);

      // This link grants comments only.
      const review = await commenter.review(clipA.id, "approved");
      expect(review.status).toBe(403);
      expect((await errorOf(review)).message).toMatch(
        /does not let you set a review status; it allows viewing, comment/,
      );
      expect((await commenter.download(clipA.id)).status).toBe(403);

      // A view-only link: no comments.
      const viewer = new Guest((await shareOk({ kind: "generation", target: clipA.id })).token);
      await viewer.name("Cleo");
      const refused = await viewer.comment(clipA.id, { atSec: 1, body: "may I?" });
      expect(refused.status).toBe(403);
      expect((await errorOf(refused)).message).toMatch(/does not let you comment/);
      expect(await rt.db.prisma.comment.count()).toBe(count);

      // Review and download, where granted.
      const approver = new Guest(
        (
          await shareOk({
            kind: "take_group",
            target: takes[0]!.takeGroupId!,
            permissions: ["review", "download"],
          })
        ).token,
      );
      await approver.name("Dana");
      const groupView = (await (await approver.view()).json()) as GuestViewDTO;
      expect(groupView.clips.map((c) => c.id)).toEqual(takes.map((t) => t.id));
      changes.length = 0;
      const approved = await approver.review(takes[1]!.id, "approved");
      expect(approved.status, await approved.clone().text()).toBe(200);
      expect(((await approved.json()) as { clip: { reviewStatus: string } }).clip.reviewStatus).toBe(
        "approved",
      );
      expect(
        (await rt.db.prisma.generation.findUniqueOrThrow({ where: { id: takes[1]!.id } })).reviewStatus,
      ).toBe("approved");
      await expect
        .poll(() => changes.some((c) => c.kind === "review" && c.generationId === takes[1]!.id))
        .toBe(true);
      const badStatus = await approver.review(takes[1]!.id, "perfect");
      expect(badStatus.status).toBe(422);
      expect((await approver.review(clipA.id, "approved")).status).toBe(404);
      const file = await approver.download(takes[0]!.id);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("video/mp4");
      expect(file.headers.get("content-disposition")).toMatch(/^attachment/);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      expect((await approver.download(clipA.id)).status).toBe(404);
      expect((await approver.media(keyOf(clipA.posterUrl))).status).toBe(404);
      expect((await approver.media(keyOf(takes[1]!.posterUrl))).status).toBe(200);
    });

    it("covers a saved gallery view's clips only", async () => {
      const created = await shareOk({ kind: "gallery_view", target: "?q=lighthouse&status=completed" });
      expect(created.link.target).toBe("status=completed&q=lighthouse");
      const guest = new Guest(created.token);
      await guest.name("Eve");
      const view = (await (await guest.view()).json()) as GuestViewDTO;
      expect(view.clips.map((c) => c.id).sort()).toEqual([clipA.id, ...takes.map((t) => t.id)].sort());
      expect((await guest.media(keyOf(takes[0]!.posterUrl))).status).toBe(200);
      expect((await guest.media(keyOf(clipA.references[0]!.thumbUrl))).status).toBe(200);
      expect((await guest.media(keyOf(clipB.posterUrl))).status).toBe(404);
      expect((await guest.media(keyOf(clipB.references[0]!.thumbUrl))).status).toBe(404);
      expect((await guest.comments(clipB.id)).status).toBe(404);
      // Listed under its normal form, however the query was written.
      const listed = await listRoute(
        call(
          "GET",
          `/api/share-links?kind=gallery_view&target=${encodeURIComponent("q=lighthouse&status=completed")}`,
          editor.bearer,
        ),
        ctx({}),
      );
      expect(((await listed.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(
        created.link.id,
      );
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

/** Waits out the end of the current rate-limit window when little of it is left, so a count fits in one. */
async function untilFreshWindow() {
  const left = SHARE_WINDOW_MS - (Date.now() % SHARE_WINDOW_MS);
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 50));
}
