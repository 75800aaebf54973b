// The role matrix's shared ground (test/integration/role-matrix-*.test.ts): a studio with one member of
// each role, two finished clips, a character and a guest holding a share link for the first clip; who
// calls (the headers each kind of caller sends), and how a cell's expected answer is written.
import { afterAll, beforeAll, expect } from "vitest";
import * as generationRoute from "@/app/api/generations/[id]/route";
import * as guestNameRoute from "@/app/api/r/[token]/name/route";
import type { MemberRole } from "@/lib/auth/actor";
import { createCharacter } from "@/lib/characters/service";
import type { GenerationDTO } from "@/lib/generations/dto";
import { createShareLink } from "@/lib/share/links";
import { addMember, asActor, type TestMember } from "./accounts";
import { type StudioFixture, useStudio } from "./fixture";
import { installRuntime, submit, waitFor } from "./runtime";

export const WHO = ["owner", "admin", "editor", "reviewer", "guest", "signedOut"] as const;
export type Who = (typeof WHO)[number];
/** A route's status, or an action's outcome: "ok" or its error code. */
export type Answer = number | string;
export type Expected = Record<Who, Answer>;

const ORDER: MemberRole[] = ["reviewer", "editor", "admin", "owner"];
/** Members from `role` up get `ok`; members below it 403 (`forbidden`); a guest's link and no one, 401. */
export function from(
  role: MemberRole,
  ok: Answer,
  below: Answer = typeof ok === "number" ? 403 : "forbidden",
) {
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

export const BASE = "http://127.0.0.1:3000";

/** What the matrix's studio holds, filled in before the first test. */
export interface Matrix {
  studio: StudioFixture;
  people: Record<MemberRole, TestMember>;
  clip: GenerationDTO;
  other: GenerationDTO;
  characterId: string;
  linkToken: string;
  guestCookie: string;
  /** The headers each caller sends. A guest sends its link's cookie (and the link's secret as a bearer). */
  headersOf(who: Who): Record<string, string>;
  /** A member made for one cell to change or remove. */
  throwaway(): Promise<TestMember>;
  /** The stored key of the first clip's poster. */
  mediaKey(): string;
}

/** Registers the matrix's studio on the calling describe; the handle's fields are set once it ran. */
export function useRoleMatrix(): Matrix {
  const studio = useStudio("pglite", {
    references: { count: 2, seed: 300 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));
  const m = {
    studio,
    people: {} as Record<MemberRole, TestMember>,
    linkToken: "",
    guestCookie: "",
    headersOf: (who: Who) =>
      who === "signedOut"
        ? {}
        : who === "guest"
          ? { cookie: m.guestCookie, authorization: `Bearer ${m.linkToken}` }
          : m.people[who].session,
    throwaway: () => addMember(studio.rt, "reviewer"),
    mediaKey: () => m.clip.posterUrl!.slice(m.clip.posterUrl!.lastIndexOf("/") + 1).split("?")[0]!,
  } as Matrix;
  beforeAll(async () => {
    m.people.owner = await addMember(studio.rt, "owner", { name: "Olive Owner" });
    m.people.admin = await addMember(studio.rt, "admin", { name: "Ada Admin" });
    m.people.editor = await addMember(studio.rt, "editor", { name: "Eli Editor" });
    m.people.reviewer = await addMember(studio.rt, "reviewer", { name: "Rey Reviewer" });
    // At 360p, the cheapest tier to render: the matrix makes many clips, and Make final takes them to 720p.
    const made = await submit(
      studio.rt,
      { referenceIds: studio.refs, resolution: "360p" },
      asActor(m.people.owner),
    );
    const second = await submit(
      studio.rt,
      { referenceIds: studio.refs, resolution: "360p" },
      asActor(m.people.owner),
    );
    await waitFor(studio.rt, made.generation.id);
    await waitFor(studio.rt, second.generation.id);
    const read = async (id: string) =>
      (await (
        await generationRoute.GET(new Request(`${BASE}/x`, { headers: m.people.owner.session }), {
          params: Promise.resolve({ id }),
        })
      ).json()) as { generation: GenerationDTO };
    m.clip = (await read(made.generation.id)).generation;
    m.other = (await read(second.generation.id)).generation;
    m.characterId = (
      await createCharacter(studio.db.prisma, asActor(m.people.owner), {
        name: "Hero",
        images: [{ assetId: studio.refs[0]! }],
      })
    ).id;
    const link = await createShareLink(
      studio.db.prisma,
      asActor(m.people.editor),
      { kind: "generation", target: m.clip.id, permissions: ["comment", "review", "download"] },
      BASE,
    );
    m.linkToken = link.token;
    const named = await guestNameRoute.POST(
      new Request(`${BASE}/api/r/${m.linkToken}/name`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "Gwen Guest" }),
      }),
      { params: Promise.resolve({ token: m.linkToken }) },
    );
    expect(named.status).toBeLessThan(300);
    m.guestCookie = named.headers.getSetCookie()[0]!.split(";")[0]!;
  }, 120_000);
  return m;
}
