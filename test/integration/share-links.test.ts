// Review links for people outside the team, on the server side: the studio's routes that make, list and
// revoke them (as each role), and what a guest sees and does through one (the view, media, comments,
// review, download), with what a link must refuse: other clips, the studio's own routes, missing
// permissions. The gate, revocation and rate limits: share-links-access.test.ts.
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listGenerationsRoute } from "@/app/api/generations/route";
import { GET as mediaRoute } from "@/app/api/media/[key]/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/share-links/route";
import { resolveActor } from "@/lib/auth/session";
import type { GenerationDTO } from "@/lib/generations/dto";
import { GUEST_COOKIE } from "@/lib/share/cookie";
import type { GuestViewDTO } from "@/lib/share/dto";
import type { TestMember } from "../support/accounts";
import { dbKinds } from "../support/db";
import { uploadVideos } from "../support/reference-videos";
import { submit, type TestRuntime, waitFor } from "../support/runtime";

import { BASE, call, ctx, errorOf, Guest, keyOf, useShareStudio } from "../support/share-links";

for (const kind of await dbKinds()) {
  describe(`share links (${kind})`, () => {
    const h = useShareStudio(kind);
    const { share, shareOk, changes } = h;
    let rt: TestRuntime;
    let editor: TestMember;
    let reviewer: TestMember;
    let clipA: GenerationDTO;
    let clipB: GenerationDTO;
    let takes: GenerationDTO[];
    beforeAll(() => {
      ({ rt, editor, reviewer, clipA, clipB, takes } = h);
    });

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

    it("shows a shared clip's reference videos by their moving thumbnails, never their files", async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "omni-share-videos-"));
      try {
        const [video] = await uploadVideos(rt, dir, 1, 70);
        const { generation } = await submit(rt, {
          prompt: "<IMAGE_REF_0> moves like <VIDEO_REF_0>.",
          referenceIds: [clipA.references[0]!.id],
          referenceVideoIds: [video!],
        });
        const clip = await waitFor(rt, generation.id);
        expect(clip.referenceVideos).toHaveLength(1);
        const { token } = await shareOk({ kind: "generation", target: clip.id });
        const guest = new Guest(token);
        await guest.name("Vi");
        const shared = ((await (await guest.view()).json()) as GuestViewDTO).clips[0]!;
        const thumbKey = keyOf(clip.referenceVideos[0]!.thumbUrl);
        expect(shared.referenceVideos).toEqual([
          {
            position: 0,
            label: clip.referenceVideos[0]!.label,
            thumbUrl: `/api/r/${token}/media/${thumbKey}`,
          },
        ]);
        expect((await guest.media(thumbKey)).status).toBe(200);
        expect((await guest.media(keyOf(clip.referenceVideos[0]!.url))).status).toBe(404);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
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
  });
}
