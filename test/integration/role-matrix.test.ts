// The role matrix: every server action and every route of the studio, called as each role (owner, admin,
// editor, reviewer), as a guest holding a share link (its cookie sent where a script could send it), and
// signed out. Each cell is a valid request, so the caller is the only thing that differs; the answer
// expected of each cell is written in the table below. Members sign in the way browsers (session cookie)
// do; actions run through invokeWithHeaders, which runs every check an action makes in a request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accountActions from "@/app/(account)/actions";
import * as actions from "@/app/actions";
import * as characterRoute from "@/app/api/characters/[id]/route";
import * as charactersRoute from "@/app/api/characters/route";
import * as compareRoute from "@/app/api/compare/route";
import * as eventsRoute from "@/app/api/events/route";
import * as activityRoute from "@/app/api/generations/[id]/activity/route";
import * as cancelRoute from "@/app/api/generations/[id]/cancel/route";
import * as commentsRoute from "@/app/api/generations/[id]/comments/route";
import * as downloadRoute from "@/app/api/generations/[id]/download/route";
import * as presenceRoute from "@/app/api/generations/[id]/presence/route";
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
import * as guestCommentsRoute from "@/app/api/r/[token]/clips/[id]/comments/route";
import * as guestDownloadRoute from "@/app/api/r/[token]/clips/[id]/download/route";
import * as guestReviewRoute from "@/app/api/r/[token]/clips/[id]/review/route";
import * as guestMediaRoute from "@/app/api/r/[token]/media/[key]/route";
import * as guestNameRoute from "@/app/api/r/[token]/name/route";
import * as guestViewRoute from "@/app/api/r/[token]/route";
import * as spendSettingsRoute from "@/app/api/settings/spend/route";
import * as shareLinkRoute from "@/app/api/share-links/[id]/route";
import * as shareLinksRoute from "@/app/api/share-links/route";
import * as ledgerRoute from "@/app/api/spend/ledger/route";
import * as spendRoute from "@/app/api/spend/route";
import * as tokenRoute from "@/app/api/tokens/[id]/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as uploadsRoute from "@/app/api/uploads/route";
import * as shareActions from "@/app/share-actions";
import { createInvitation } from "@/lib/accounts/invitations";
import { createApiToken } from "@/lib/accounts/tokens";
import type { MemberRole } from "@/lib/auth/actor";
import { createCharacter } from "@/lib/characters/service";
import type { GenerationDTO } from "@/lib/generations/dto";
import { invokeWithHeaders } from "@/lib/http/server-action";
import { addComment } from "@/lib/review/service";
import { createShareLink } from "@/lib/share/links";
import { addMember, asActor, type TestMember } from "../support/accounts";
import { useStudio } from "../support/fixture";
import { makeImage } from "../support/images";
import { installRuntime, newKey, submit, waitFor } from "../support/runtime";

const WHO = ["owner", "admin", "editor", "reviewer", "guest", "signedOut"] as const;
type Who = (typeof WHO)[number];
/** A route's status, or an action's outcome: "ok" or its error code. */
type Answer = number | string;
type Expected = Record<Who, Answer>;

const ORDER: MemberRole[] = ["reviewer", "editor", "admin", "owner"];
/** Members from `role` up get `ok`; members below it 403 (`forbidden`); a guest's link and no one, 401. */
function from(role: MemberRole, ok: Answer, below: Answer = typeof ok === "number" ? 403 : "forbidden") {
  const out = typeof ok === "number" ? 401 : "unauthorized";
  const cell = (r: MemberRole) => (ORDER.indexOf(r) >= ORDER.indexOf(role) ? ok : below);
  return {
    owner: cell("owner"),
    admin: cell("admin"),
    editor: cell("editor"),
    reviewer: cell("reviewer"),
    guest: out,
    signedOut: out,
  } satisfies Expected;
}

const BASE = "http://127.0.0.1:3000";

describe("the role matrix: every route and action, as every role, a guest link and signed out", () => {
  const studio = useStudio("pglite", {
    references: { count: 2, seed: 300 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));

  const people = {} as Record<MemberRole, TestMember>;
  let guestCookie = "";
  let linkToken = "";
  let clip: GenerationDTO;
  let other: GenerationDTO;
  let characterId: string;
  const actorOf = asActor;

  /** The headers each caller sends. A guest sends its link's cookie (and the link's secret as a bearer). */
  const headersOf = (who: Who): Record<string, string> =>
    who === "signedOut"
      ? {}
      : who === "guest"
        ? { cookie: guestCookie, authorization: `Bearer ${linkToken}` }
        : people[who].session;

  beforeAll(async () => {
    people.owner = await addMember(studio.rt, "owner", { name: "Olive Owner" });
    people.admin = await addMember(studio.rt, "admin", { name: "Ada Admin" });
    people.editor = await addMember(studio.rt, "editor", { name: "Eli Editor" });
    people.reviewer = await addMember(studio.rt, "reviewer", { name: "Rey Reviewer" });
    const made = await submit(studio.rt, { referenceIds: studio.refs }, actorOf(people.owner));
    const second = await submit(studio.rt, { referenceIds: studio.refs }, actorOf(people.owner));
    await waitFor(studio.rt, made.generation.id);
    await waitFor(studio.rt, second.generation.id);
    const read = async (id: string) =>
      (await (
        await generationRoute.GET(new Request(`${BASE}/x`, { headers: people.owner.session }), {
          params: Promise.resolve({ id }),
        })
      ).json()) as { generation: GenerationDTO };
    clip = (await read(made.generation.id)).generation;
    other = (await read(second.generation.id)).generation;
    characterId = (
      await createCharacter(studio.db.prisma, actorOf(people.owner), {
        name: "Hero",
        images: [{ assetId: studio.refs[0]! }],
      })
    ).id;
    const link = await createShareLink(
      studio.db.prisma,
      actorOf(people.editor),
      { kind: "generation", target: clip.id, permissions: ["comment", "review", "download"] },
      BASE,
    );
    linkToken = link.token;
    const named = await guestNameRoute.POST(
      new Request(`${BASE}/api/r/${linkToken}/name`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Gwen Guest" }),
      }),
      { params: Promise.resolve({ token: linkToken }) },
    );
    expect(named.status).toBeLessThan(300);
    guestCookie = named.headers.getSetCookie()[0]!.split(";")[0]!;
  }, 120_000);

  // ---- Routes ----------------------------------------------------------------------------------------

  // biome-ignore lint/suspicious/noExplicitAny: each route names its own params; the table gives them
  type Handler = (request: Request, ctx: { params: Promise<any> }) => Promise<Response>;
  interface RouteCell {
    name: string;
    handler: Handler;
    method: string;
    /** Path params and the request, made fresh for each caller (some cells use up what they touch). */
    make: (
      who: Who,
    ) => Promise<{ params?: Record<string, string>; query?: string; body?: unknown; form?: FormData }>;
    expect: Expected;
  }

  /** A member made for one cell to change or remove. */
  const throwaway = async () => addMember(studio.rt, "reviewer");
  const mediaKey = () => clip.posterUrl!.slice(clip.posterUrl!.lastIndexOf("/") + 1).split("?")[0]!;

  const routes: RouteCell[] = [
    {
      name: "GET /api/generations",
      handler: generationsRoute.GET,
      method: "GET",
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/generations",
      handler: generationsRoute.POST,
      method: "POST",
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
      method: "GET",
      make: async () => ({ params: { id: clip.id } }),
      expect: from("reviewer", 200),
    },
    // A finished clip cannot be canceled: past the role check, every editor gets the same 409.
    {
      name: "POST /api/generations/:id/cancel",
      handler: cancelRoute.POST,
      method: "POST",
      make: async () => ({ params: { id: clip.id } }),
      expect: from("editor", 409),
    },
    {
      name: "GET /api/generations/:id/comments",
      handler: commentsRoute.GET,
      method: "GET",
      make: async () => ({ params: { id: clip.id } }),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/generations/:id/comments",
      handler: commentsRoute.POST,
      method: "POST",
      make: async () => ({ params: { id: clip.id }, body: { body: "matrix", atSec: 0.5 } }),
      expect: from("reviewer", 201),
    },
    {
      name: "GET /api/generations/:id/download",
      handler: downloadRoute.GET,
      method: "GET",
      make: async () => ({ params: { id: clip.id } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/generations/:id/activity",
      handler: activityRoute.GET,
      method: "GET",
      make: async () => ({ params: { id: clip.id } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/generations/:id/presence",
      handler: presenceRoute.GET,
      method: "GET",
      make: async () => ({ params: { id: clip.id } }),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/generations/:id/presence",
      handler: presenceRoute.POST,
      method: "POST",
      make: async () => ({ params: { id: clip.id }, query: "?tab=matrix-tab-01" }),
      expect: from("reviewer", 204),
    },
    {
      name: "GET /api/compare",
      handler: compareRoute.GET,
      method: "GET",
      make: async () => ({ query: `?a=${clip.id}&b=${other.id}` }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/characters",
      handler: charactersRoute.GET,
      method: "GET",
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/characters/:id",
      handler: characterRoute.GET,
      method: "GET",
      make: async () => ({ params: { id: characterId } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/spend",
      handler: spendRoute.GET,
      method: "GET",
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/spend/ledger",
      handler: ledgerRoute.GET,
      method: "GET",
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/media/:key",
      handler: mediaRoute.GET,
      method: "GET",
      make: async () => ({ params: { key: mediaKey() } }),
      expect: from("reviewer", 200),
    },
    {
      name: "HEAD /api/media/:key",
      handler: mediaRoute.HEAD,
      method: "HEAD",
      make: async () => ({ params: { key: mediaKey() } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/events",
      handler: eventsRoute.GET,
      method: "GET",
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/uploads",
      handler: uploadsRoute.POST,
      method: "POST",
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
      method: "GET",
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/inbox",
      handler: inboxRoute.POST,
      method: "POST",
      make: async () => ({ body: { read: "all" } }),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/me",
      handler: meRoute.GET,
      method: "GET",
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "GET /api/members",
      handler: membersRoute.GET,
      method: "GET",
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "PATCH /api/members/:id",
      handler: memberRoute.PATCH,
      method: "PATCH",
      make: async () => ({ params: { id: (await throwaway()).id }, body: { role: "editor" } }),
      expect: from("admin", 200),
    },
    {
      name: "DELETE /api/members/:id",
      handler: memberRoute.DELETE,
      method: "DELETE",
      make: async () => ({ params: { id: (await throwaway()).id } }),
      expect: from("admin", 200),
    },
    {
      name: "POST /api/members/:id/restore",
      handler: memberRestoreRoute.POST,
      method: "POST",
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
      method: "GET",
      make: async () => ({}),
      expect: from("admin", 200),
    },
    {
      name: "POST /api/invitations",
      handler: invitationsRoute.POST,
      method: "POST",
      make: async () => ({ body: { role: "reviewer" } }),
      expect: from("admin", 201),
    },
    {
      name: "DELETE /api/invitations/:id",
      handler: invitationRoute.DELETE,
      method: "DELETE",
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
      method: "GET",
      make: async () => ({}),
      expect: from("reviewer", 200),
    },
    {
      name: "POST /api/tokens",
      handler: tokensRoute.POST,
      method: "POST",
      make: async () => ({ body: { name: "matrix" } }),
      expect: from("reviewer", 201),
    },
    {
      name: "DELETE /api/tokens/:id (one's own)",
      handler: tokenRoute.DELETE,
      method: "DELETE",
      make: async (who) => {
        const owner = who in people ? people[who as MemberRole] : people.owner;
        return { params: { id: (await createApiToken(studio.db.prisma, owner.id, "matrix")).apiToken.id } };
      },
      expect: from("reviewer", 204),
    },
    {
      name: "GET /api/settings/spend",
      handler: spendSettingsRoute.GET,
      method: "GET",
      make: async () => ({}),
      expect: from("owner", 200),
    },
    {
      name: "PATCH /api/settings/spend",
      handler: spendSettingsRoute.PATCH,
      method: "PATCH",
      make: async () => ({ body: { teamDailySpendCapUsd: null } }),
      expect: from("owner", 200),
    },
    {
      name: "GET /api/share-links",
      handler: shareLinksRoute.GET,
      method: "GET",
      make: async () => ({ query: `?kind=generation&target=${clip.id}` }),
      expect: from("editor", 200),
    },
    {
      name: "POST /api/share-links",
      handler: shareLinksRoute.POST,
      method: "POST",
      make: async () => ({ body: { kind: "generation", target: clip.id, permissions: ["comment"] } }),
      expect: from("editor", 201),
    },
    {
      name: "DELETE /api/share-links/:id",
      handler: shareLinkRoute.DELETE,
      method: "DELETE",
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
    const response = await cell.handler(new Request(path, { method: cell.method, headers, body }), {
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

  // ---- Server actions ----------------------------------------------------------------------------------

  interface ActionCell {
    name: string;
    action: (...args: never[]) => Promise<{ ok: boolean; error?: { code: string } }>;
    args: (who: Who) => Promise<unknown[]>;
    expect: Expected;
  }

  /** A finished clip made by the owner, for a cell to delete, restore or retry. */
  const ownersClip = async () => {
    const made = await submit(studio.rt, { referenceIds: [studio.refs[0]!] }, actorOf(people.owner));
    return (await waitFor(studio.rt, made.generation.id)).id;
  };
  const commentBy = async (who: Who) => {
    const author = who in people ? people[who as MemberRole] : people.owner;
    return (
      await addComment(studio.db.prisma, actorOf(author), { generationId: clip.id, atSec: 1, body: "mine" })
    ).id;
  };

  const actionCells: ActionCell[] = [
    {
      name: "createGenerationAction",
      action: actions.createGenerationAction,
      args: async () => [
        {
          prompt: "<IMAGE_REF_0> nods. Single continuous shot.",
          referenceIds: [studio.refs[0]],
          duration: 3,
          aspectRatio: "16:9",
          idempotencyKey: newKey(),
        },
      ],
      expect: from("editor", "ok"),
    },
    {
      name: "cancelGenerationAction (finished clip)",
      action: actions.cancelGenerationAction,
      args: async () => [clip.id],
      expect: from("editor", "not_cancelable"),
    },
    {
      name: "retryGenerationAction",
      action: actions.retryGenerationAction,
      args: async () => [clip.id, newKey()],
      expect: from("editor", "ok"),
    },
    // Editors delete only their own clips: this one is the owner's.
    {
      name: "deleteGenerationAction (the owner's clip)",
      action: actions.deleteGenerationAction,
      args: async () => [await ownersClip()],
      expect: { ...from("editor", "ok"), editor: "forbidden" },
    },
    {
      name: "restoreGenerationAction (the owner's clip)",
      action: actions.restoreGenerationAction,
      args: async () => {
        const id = await ownersClip();
        await studio.db.prisma.generation.update({ where: { id }, data: { deletedAt: new Date() } });
        return [id];
      },
      expect: { ...from("editor", "ok"), editor: "forbidden" },
    },
    {
      name: "updateReviewAction",
      action: actions.updateReviewAction,
      args: async () => [{ generationId: clip.id, favorite: true }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "addCommentAction",
      action: actions.addCommentAction,
      args: async () => [{ generationId: clip.id, atSec: 1, body: "matrix" }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "editCommentAction (own)",
      action: actions.editCommentAction,
      args: async (who) => [{ commentId: await commentBy(who), body: "edited" }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "deleteCommentAction (own)",
      action: actions.deleteCommentAction,
      args: async (who) => [{ commentId: await commentBy(who) }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "resolveCommentAction",
      action: actions.resolveCommentAction,
      args: async () => [{ commentId: await commentBy("owner"), resolved: true }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "createCharacterAction",
      action: actions.createCharacterAction,
      args: async () => [{ name: "Matrix", images: [{ assetId: studio.refs[0] }] }],
      expect: from("editor", "ok"),
    },
    {
      name: "updateCharacterAction",
      action: actions.updateCharacterAction,
      args: async () => [characterId, { name: "Hero", images: [{ assetId: studio.refs[1] }] }],
      expect: from("editor", "ok"),
    },
    {
      name: "deleteCharacterAction",
      action: actions.deleteCharacterAction,
      args: async () => [
        (
          await createCharacter(studio.db.prisma, actorOf(people.owner), {
            name: "Gone",
            images: [{ assetId: studio.refs[0]! }],
          })
        ).id,
      ],
      expect: from("editor", "ok"),
    },
    {
      name: "createShareLinkAction",
      action: shareActions.createShareLinkAction,
      args: async () => [{ kind: "generation", target: clip.id }],
      expect: from("editor", "ok"),
    },
    {
      name: "revokeShareLinkAction",
      action: shareActions.revokeShareLinkAction,
      args: async () => [
        (
          await createShareLink(
            studio.db.prisma,
            actorOf(people.editor),
            { kind: "generation", target: clip.id },
            BASE,
          )
        ).link.id,
      ],
      expect: from("editor", "ok"),
    },
    {
      name: "changeRoleAction",
      action: accountActions.changeRoleAction,
      args: async () => [(await throwaway()).id, "editor"],
      expect: from("admin", "ok"),
    },
    {
      name: "setMemberSpendCapAction",
      action: accountActions.setMemberSpendCapAction,
      args: async () => [(await throwaway()).id, 5],
      expect: from("owner", "ok"),
    },
    {
      name: "removeMemberAction",
      action: accountActions.removeMemberAction,
      args: async () => [(await throwaway()).id],
      expect: from("admin", "ok"),
    },
    {
      name: "restoreMemberAction",
      action: accountActions.restoreMemberAction,
      args: async () => {
        const m = await throwaway();
        await studio.db.prisma.user.update({ where: { id: m.id }, data: { disabledAt: new Date() } });
        return [m.id];
      },
      expect: from("admin", "ok"),
    },
    {
      name: "createInvitationAction",
      action: accountActions.createInvitationAction,
      args: async () => [{ role: "reviewer" }],
      expect: from("admin", "ok"),
    },
    {
      name: "revokeInvitationAction",
      action: accountActions.revokeInvitationAction,
      args: async () => [
        (await createInvitation(studio.db.prisma, actorOf(people.owner), { role: "reviewer" })).invitation.id,
      ],
      expect: from("admin", "ok"),
    },
    {
      name: "createTokenAction",
      action: accountActions.createTokenAction,
      args: async () => [{ name: "matrix" }],
      expect: from("reviewer", "ok"),
    },
    {
      name: "revokeTokenAction (one's own)",
      action: accountActions.revokeTokenAction,
      args: async (who) => {
        const owner = who in people ? people[who as MemberRole] : people.owner;
        return [(await createApiToken(studio.db.prisma, owner.id, "matrix")).apiToken.id];
      },
      expect: from("reviewer", "ok"),
    },
    {
      name: "setTeamSpendCapAction",
      action: accountActions.setTeamSpendCapAction,
      args: async () => [null],
      expect: from("owner", "ok"),
    },
  ];

  it("answers every server action as its table says", async () => {
    const wrong: string[] = [];
    for (const cell of actionCells) {
      for (const who of WHO) {
        const result = await invokeWithHeaders(cell.action, headersOf(who), ...(await cell.args(who)));
        const got = result.ok ? "ok" : (result.error?.code ?? "?");
        if (got !== cell.expect[who])
          wrong.push(`${cell.name} as ${who}: ${got}, expected ${cell.expect[who]}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it("covers every server action the app exports", () => {
    const exported = [actions, shareActions, accountActions].flatMap((m) =>
      Object.entries(m)
        .filter(([, v]) => typeof v === "function")
        .map(([k]) => k),
    );
    const covered = actionCells.map((c) => c.name.split(" ")[0]);
    expect(exported.filter((name) => !covered.includes(name))).toEqual([]);
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
