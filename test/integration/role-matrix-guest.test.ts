// The role matrix, the guest's side: the routes under /api/r/<token> answer the link's guest as far as the
// link allows (here: view, comment, review, download, one clip) and refuse a member's session (401: a
// member is not the link's guest). Shared ground: test/support/role-matrix.ts.
import { beforeAll, describe, expect, it } from "vitest";
import * as guestCommentsRoute from "@/app/api/r/[token]/clips/[id]/comments/route";
import * as guestDownloadRoute from "@/app/api/r/[token]/clips/[id]/download/route";
import * as guestReviewRoute from "@/app/api/r/[token]/clips/[id]/review/route";
import * as guestMediaRoute from "@/app/api/r/[token]/media/[key]/route";
import * as guestViewRoute from "@/app/api/r/[token]/route";
import type { GenerationDTO } from "@/lib/generations/dto";
import { BASE, useRoleMatrix } from "../support/role-matrix";

describe("the role matrix: the guest's own routes open to the link, and to no member's session", () => {
  const m = useRoleMatrix();
  const { people, mediaKey } = m;
  let clip: GenerationDTO;
  let other: GenerationDTO;
  let linkToken: string;
  let guestCookie: string;
  beforeAll(() => {
    ({ clip, other, linkToken, guestCookie } = m);
  });

  // ---- The guest's own routes: the link opens them, a member's session does not --------------------------

  const guestRoutes: {
    name: string;
    call: (headers: Record<string, string>) => Promise<Response>;
    guest: number;
    member: number;
  }[] = [
    {
      name: "GET /api/r/:token",
      call: (h) =>
        guestViewRoute.GET(new Request(`${BASE}/x`, { headers: h }), {
          params: Promise.resolve({ token: linkToken }),
        }),
      guest: 200,
      member: 401,
    },
    {
      name: "GET /api/r/:token/media/:key",
      call: (h) =>
        guestMediaRoute.GET(new Request(`${BASE}/x`, { headers: h }), {
          params: Promise.resolve({ token: linkToken, key: mediaKey() }),
        }),
      guest: 200,
      member: 401,
    },
    {
      name: "POST /api/r/:token/clips/:id/comments",
      call: (h) =>
        guestCommentsRoute.POST(
          new Request(`${BASE}/x`, {
            method: "POST",
            headers: { ...h, "content-type": "application/json", origin: BASE, host: "127.0.0.1:3000" },
            body: JSON.stringify({ body: "from the link", atSec: 1 }),
          }),
          { params: Promise.resolve({ token: linkToken, id: clip.id }) },
        ),
      guest: 201,
      member: 401,
    },
    {
      name: "POST /api/r/:token/clips/:id/review",
      call: (h) =>
        guestReviewRoute.POST(
          new Request(`${BASE}/x`, {
            method: "POST",
            headers: { ...h, "content-type": "application/json", origin: BASE, host: "127.0.0.1:3000" },
            body: JSON.stringify({ reviewStatus: "approved" }),
          }),
          { params: Promise.resolve({ token: linkToken, id: clip.id }) },
        ),
      guest: 200,
      member: 401,
    },
    {
      name: "GET /api/r/:token/clips/:id/download",
      call: (h) =>
        guestDownloadRoute.GET(new Request(`${BASE}/x`, { headers: h }), {
          params: Promise.resolve({ token: linkToken, id: clip.id }),
        }),
      guest: 200,
      member: 401,
    },
    {
      // The link is for one clip: another clip is not there for its guest.
      name: "GET /api/r/:token/clips/:other/download",
      call: (h) =>
        guestDownloadRoute.GET(new Request(`${BASE}/x`, { headers: h }), {
          params: Promise.resolve({ token: linkToken, id: other.id }),
        }),
      guest: 404,
      member: 401,
    },
  ];

  it("lets the link's guest through its own routes, as far as the link allows, and nobody else", async () => {
    const wrong: string[] = [];
    for (const cell of guestRoutes) {
      const asGuest = await cell.call({ cookie: guestCookie });
      await asGuest.body?.cancel();
      if (asGuest.status !== cell.guest)
        wrong.push(`${cell.name} as the guest: ${asGuest.status}, expected ${cell.guest}`);
      const asMember = await cell.call(people.owner.session);
      await asMember.body?.cancel();
      if (asMember.status !== cell.member)
        wrong.push(`${cell.name} as a member: ${asMember.status}, expected ${cell.member}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
