// The role matrix, routes: every studio route called as each role (owner, admin, editor, reviewer), as a
// guest holding a share link (its cookie and secret sent where a script could send them) and signed out.
// Each cell is a valid request, so the caller is the only thing that differs; each cell's expected answer
// is in the table. Members sign in as browsers do (session cookie). Shared ground: test/support/role-matrix.ts.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as characterRoute from "@/app/api/characters/[id]/route";
import * as characterShotsRoute from "@/app/api/characters/[id]/shots/route";
import * as charactersRoute from "@/app/api/characters/route";
import * as compareRoute from "@/app/api/compare/route";
import * as eventsRoute from "@/app/api/events/route";
import * as cancelRoute from "@/app/api/generations/[id]/cancel/route";
import * as finalRoute from "@/app/api/generations/[id]/final/route";
import * as generationRoute from "@/app/api/generations/[id]/route";
import * as generationsRoute from "@/app/api/generations/route";
import * as inboxRoute from "@/app/api/inbox/route";
import * as invitationRoute from "@/app/api/invitations/[id]/route";
import * as invitationsRoute from "@/app/api/invitations/route";
import * as meRoute from "@/app/api/me/route";
import * as mediaRoute from "@/app/api/media/[key]/route";
import * as memberRestoreRoute from "@/app/api/members/[id]/restore/route";
import * as memberRoute from "@/app/api/members/[id]/route";
import * as membersRoute from "@/app/api/members/route";
import * as spendSettingsRoute from "@/app/api/settings/spend/route";
import * as shareLinkRoute from "@/app/api/share-links/[id]/route";
import * as shareLinksRoute from "@/app/api/share-links/route";
import * as ledgerRoute from "@/app/api/spend/ledger/route";
import * as spendRoute from "@/app/api/spend/route";
import * as storageRoute from "@/app/api/spend/storage/route";
import * as tokenRoute from "@/app/api/tokens/[id]/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as uploadsRoute from "@/app/api/uploads/route";
import { createInvitation } from "@/lib/accounts/invitations";
import { createApiToken } from "@/lib/accounts/tokens";
import type { MemberRole } from "@/lib/auth/actor";
import type { GenerationDTO } from "@/lib/generations/dto";
import { createShareLink } from "@/lib/share/links";
import { asActor } from "../support/accounts";
import { makeImage } from "../support/images";
import { BASE, type Expected, from, useRoleMatrix, WHO, type Who } from "../support/role-matrix";
import { clipPageRouteCells } from "../support/role-matrix-clip";
import { sequenceRouteCells } from "../support/role-matrix-sequences";
import { referenceVideoRouteCells } from "../support/role-matrix-videos";
import { newKey } from "../support/runtime";

describe("the role matrix: every route, as every role, a guest link and signed out", () => {
  const m = useRoleMatrix();
  const { studio, people, headersOf, throwaway, mediaKey } = m;
  const actorOf = asActor;
  let clip: GenerationDTO;
  let other: GenerationDTO;
  let characterId: string;
  beforeAll(() => {
    ({ clip, other, characterId } = m);
  });
  // ---- Routes ----------------------------------------------------------------------------------------

  // biome-ignore lint/suspicious/noExplicitAny: each route names its own params; the table gives them
  type Handler = (request: Request, ctx: { params: Promise<any> }) => Promise<Response>;
  interface RouteCell {
    /** "METHOD /path ...": the request's method is the name's first word. */
    name: string;
    handler: Handler;
    /** Path params and the request, made fresh for each caller (some cells use up what they touch). */
    make: (
      who: Who,
    ) => Promise<{ params?: Record<string, string>; query?: string; body?: unknown; form?: FormData }>;
    expect: Expected;
  }

  const routes: RouteCell[] = [
    {
      name: "GET /api/generations",
      handler: generationsRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/generations",
      handler: generationsRoute.POST,
      make: async () => ({
        body: {
          prompt: "<IMAGE_REF_0> turns. Single continuous shot.",
          referenceIds: [studio.refs[0]],
          duration: 3,
          aspectRatio: "16:9",
          idempotencyKey: newKey(),
        },
      }),
      expect: from("editor", 202),
    },
    {
      name: "GET /api/generations/:id",
      handler: generationRoute.GET,
      make: async () => ({ params: { id: clip.id } }),
      expect: from("reviewer", 200),
    },
    // A finished clip cannot be canceled: past the role check, every editor gets the same 409.
    {
      name: "POST /api/generations/:id/cancel",
      handler: cancelRoute.POST,
      make: async () => ({ params: { id: clip.id } }),
      expect: from("editor", 409),
    },
    {
      name: "POST /api/generations/:id/final",
      handler: finalRoute.POST,
      make: async () => ({
        params: { id: clip.id },
        body: { resolution: "720p", idempotencyKey: newKey() },
      }),
      expect: from("editor", 202),
    },
    ...clipPageRouteCells(m),
    {
      name: "GET /api/compare",
      handler: compareRoute.GET,
      make: async () => ({ query: `?ids=${clip.id},${other.id}` }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/characters",
      handler: charactersRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/characters/:id",
      handler: characterRoute.GET,
      make: async () => ({ params: { id: characterId } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/characters/:id/shots",
      handler: characterShotsRoute.GET,
      make: async () => ({ params: { id: characterId } }),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/characters/:id/shots",
      handler: characterShotsRoute.POST,
      make: async () => ({ params: { id: characterId }, body: {} }),
      expect: from("editor", 200),
    },
    {
      name: "GET /api/spend",
      handler: spendRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/spend/ledger",
      handler: ledgerRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/spend/storage",
      handler: storageRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/media/:key",
      handler: mediaRoute.GET,
      make: async () => ({ params: { key: mediaKey() } }),
      expect: from("reviewer", 200),
    },
    {
      name: "HEAD /api/media/:key",
      handler: mediaRoute.HEAD,
      make: async () => ({ params: { key: mediaKey() } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/events",
      handler: eventsRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/uploads",
      handler: uploadsRoute.POST,
      make: async (who) => {
        const form = new FormData();
        const bytes = await makeImage({ seed: 700 + WHO.indexOf(who), width: 64, height: 64 });
        form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "matrix.png");
        return { form };
      },
      expect: from("editor", 201),
    },
    {
      name: "GET /api/inbox",
      handler: inboxRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/inbox",
      handler: inboxRoute.POST,
      make: async () => ({ body: { read: "all" } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/me",
      handler: meRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/members",
      handler: membersRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "PATCH /api/members/:id",
      handler: memberRoute.PATCH,
      make: async () => ({ params: { id: (await throwaway()).id }, body: { role: "editor" } }),
      expect: from("admin", 200),
    },
    {
      name: "DELETE /api/members/:id",
      handler: memberRoute.DELETE,
      make: async () => ({ params: { id: (await throwaway()).id } }),
      expect: from("admin", 200),
    },
    {
      name: "POST /api/members/:id/restore",
      handler: memberRestoreRoute.POST,
      make: async () => {
        const m = await throwaway();
        await studio.db.prisma.user.update({ where: { id: m.id }, data: { disabledAt: new Date() } });
        return { params: { id: m.id } };
      },
      expect: from("admin", 200),
    },
    {
      name: "GET /api/invitations",
      handler: invitationsRoute.GET,
      make: async () => ({}),
      expect: from("admin", 200),
    },
    {
      name: "POST /api/invitations",
      handler: invitationsRoute.POST,
      make: async () => ({ body: { role: "reviewer" } }),
      expect: from("admin", 201),
    },
    {
      name: "DELETE /api/invitations/:id",
      handler: invitationRoute.DELETE,
      make: async () => ({
        params: {
          id: (await createInvitation(studio.db.prisma, actorOf(people.owner), { role: "reviewer" }))
            .invitation.id,
        },
      }),
      expect: from("admin", 204),
    },
    {
      name: "GET /api/tokens",
      handler: tokensRoute.GET,
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/tokens",
      handler: tokensRoute.POST,
      make: async () => ({ body: { name: "matrix" } }),
      expect: from("reviewer", 201),
    },
    {
      name: "DELETE /api/tokens/:id (one's own)",
      handler: tokenRoute.DELETE,
      make: async (who) => {
        const owner = who in people ? people[who as MemberRole] : people.owner;
        return { params: { id: (await createApiToken(studio.db.prisma, owner.id, "matrix")).apiToken.id } };
      },
      expect: from("reviewer", 204),
    },
    {
      name: "GET /api/settings/spend",
      handler: spendSettingsRoute.GET,
      make: async () => ({}),
      expect: from("owner", 200),
    },
    {
      name: "PATCH /api/settings/spend",
      handler: spendSettingsRoute.PATCH,
      make: async () => ({ body: { teamDailySpendCapUsd: null } }),
      expect: from("owner", 200),
    },
    {
      name: "GET /api/share-links",
      handler: shareLinksRoute.GET,
      make: async () => ({ query: `?kind=generation&target=${clip.id}` }),
      expect: from("editor", 200),
    },
    {
      name: "POST /api/share-links",
      handler: shareLinksRoute.POST,
      make: async () => ({ body: { kind: "generation", target: clip.id, permissions: ["comment"] } }),
      expect: from("editor", 201),
    },
    {
      name: "DELETE /api/share-links/:id",
      handler: shareLinkRoute.DELETE,
      make: async () => {
        const link = await createShareLink(
          studio.db.prisma,
          actorOf(people.editor),
          { kind: "generation", target: clip.id },
          BASE,
        );
        return { params: { id: link.link.id } };
      },
      expect: from("editor", 200),
    },
    ...referenceVideoRouteCells(m),
    ...sequenceRouteCells(m),
  ];

  async function callRoute(cell: RouteCell, who: Who): Promise<number> {
    const made = await cell.make(who);
    const headers: Record<string, string> = { ...headersOf(who), origin: BASE, host: "127.0.0.1:3000" };
    let body: BodyInit | undefined;
    if (made.form) body = made.form;
    else if (made.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(made.body);
    }
    const path = `${BASE}/matrix${made.query ?? ""}`;
    const method = cell.name.split(" ")[0]!;
    const response = await cell.handler(new Request(path, { method, headers, body }), {
      params: Promise.resolve(made.params ?? {}),
    });
    await response.body?.cancel();
    return response.status;
  }

  it("answers every route as its table says", async () => {
    const wrong: string[] = [];
    for (const cell of routes) {
      for (const who of WHO) {
        const got = await callRoute(cell, who);
        if (got !== cell.expect[who])
          wrong.push(`${cell.name} as ${who}: ${got}, expected ${cell.expect[who]}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it("covers every method of every member route the app has", () => {
    // Public by nature, each checking its caller its own way: better-auth's routes, health, fal's signed
    // webhook, and the guests' routes (test/integration/role-matrix-guest.test.ts).
    const outside = (route: string) =>
      ["/api/auth/", "/api/health", "/api/webhooks/", "/api/r/"].some((p) => route.startsWith(p));
    const exported: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name === "route.ts") {
          const route = `/${path.relative("app", dir)}`.replace(/\[(\w+)\]/g, ":$1");
          if (outside(`${route}/`)) continue;
          const source = readFileSync(full, "utf8");
          for (const [, method] of source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE|HEAD) /gm)) {
            exported.push(`${method} ${route}`);
          }
        }
      }
    };
    walk(path.join("app", "api"));
    const covered = routes.map((r) => r.name.split(" ").slice(0, 2).join(" "));
    expect(exported.length).toBeGreaterThan(30);
    expect(exported.filter((r) => !covered.includes(r))).toEqual([]);
  });
});
