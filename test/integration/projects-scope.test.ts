// Reads scoped to one project, on PGlite and PostgreSQL: the spend ledger and the library's counts take
// `?project=<id>` and count that project's clips only (characters stay shared: every one is listed);
// without it they count every project's. A malformed or unknown project is refused naming the parameter.
import { afterAll, describe, expect, it } from "vitest";
import * as charactersRoute from "@/app/api/characters/route";
import * as ledgerRoute from "@/app/api/spend/ledger/route";
import { createCharacter, listCharacters } from "@/lib/characters/service";
import type { Db } from "@/lib/db/client";
import { ledger } from "@/lib/generations/ledger";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { createProject } from "@/lib/projects/service";
import { addMember } from "../support/accounts";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { BASE } from "../support/role-matrix";
import { installRuntime, submit, type TestRuntime, waitFor } from "../support/runtime";

describe.each(await dbKinds())("project-scoped reads on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, { references: { count: 2, seed: 930 }, ready: (s) => ({ rt, refs } = s) });
  const prisma = (): Db => rt.db.prisma;

  it("counts one project's clips in the ledger and the library, every project's without one", async () => {
    const owner = await testOwner(prisma());
    const hero = await createCharacter(prisma(), owner, { name: "Hero", images: [{ assetId: refs[0]! }] });
    const harbour = await createProject(prisma(), owner, { name: "Harbour" });
    // Two clips of the hero in the first project, one in Harbour, and one in Harbour without the hero.
    const made = [
      await submit(rt, { referenceIds: [refs[0]!] }),
      await submit(rt, { referenceIds: [refs[0]!], projectId: FIRST_PROJECT_ID }),
      await submit(rt, { referenceIds: [refs[0]!], projectId: harbour.id }),
      await submit(rt, { referenceIds: [refs[1]!], projectId: harbour.id }),
    ];
    for (const m of made) await waitFor(rt, m.generation.id);

    const all = await ledger(prisma(), 7);
    const first = await ledger(prisma(), 7, new Date(), FIRST_PROJECT_ID);
    const inHarbour = await ledger(prisma(), 7, new Date(), harbour.id);
    expect([all.totals.completed, first.totals.completed, inHarbour.totals.completed]).toEqual([4, 2, 2]);
    const heroIn = (l: typeof all) => l.characters.find((c) => c.id === hero.id)?.clipCount;
    expect([heroIn(all), heroIn(first), heroIn(inHarbour)]).toEqual([3, 2, 1]);

    const library = await listCharacters(prisma(), { projectId: harbour.id });
    expect(library.map((c) => [c.name, c.clipCount])).toEqual([["Hero", 1]]);
    const empty = await createProject(prisma(), owner, { name: "Empty" });
    // A project with no clips still lists every character, each with none.
    expect((await listCharacters(prisma(), { projectId: empty.id })).map((c) => c.clipCount)).toEqual([0]);
    expect((await ledger(prisma(), 7, new Date(), empty.id)).totals).toEqual({
      completedUsd: 0,
      completed: 0,
      failed: 0,
      canceled: 0,
    });
  });
});

describe("project-scoped routes", () => {
  const studio = useStudio("pglite", {
    references: { count: 1, seed: 940 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));

  it("take ?project= through the role wrapper and refuse a bad one, naming it", async () => {
    const reviewer = await addMember(studio.rt, "reviewer");
    const get = (path: string) =>
      (path.startsWith("/api/spend") ? ledgerRoute.GET : charactersRoute.GET)(
        new Request(`${BASE}${path}`, { headers: { ...reviewer.session, host: "127.0.0.1:3000" } }),
        { params: Promise.resolve({}) },
      );
    const owner = await testOwner(studio.db.prisma);
    await createCharacter(studio.db.prisma, owner, { name: "Mara", images: [{ assetId: studio.refs[0]! }] });
    const clip = await submit(studio.rt, { referenceIds: [studio.refs[0]!] });
    await waitFor(studio.rt, clip.generation.id);
    const other = await createProject(studio.db.prisma, owner, { name: "Other" });

    const scoped = await get(`/api/characters?project=${other.id}`);
    expect(scoped.status).toBe(200);
    expect((await scoped.json()).items.map((c: { clipCount: number }) => c.clipCount)).toEqual([0]);
    const whole = await get("/api/characters");
    expect((await whole.json()).items.map((c: { clipCount: number }) => c.clipCount)).toEqual([1]);
    const book = await get(`/api/spend/ledger?days=7&project=${FIRST_PROJECT_ID}`);
    expect(book.status).toBe(200);
    expect((await book.json()).totals.completed).toBe(1);

    for (const path of ["/api/characters?project=no!", "/api/spend/ledger?project=%20"]) {
      const bad = await get(path);
      expect(bad.status, path).toBe(422);
      expect(await bad.json(), path).toMatchObject({
        error: {
          message: "Project must be a project id",
          fields: { project: "project must be a project id" },
        },
      });
    }
    const unknown = await get("/api/spend/ledger?project=nosuchproject");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { code: "unknown_project", fields: { project: "unknown project" } },
    });
    const nul = await get("/api/characters?project=a%00bcdefgh");
    expect(nul.status).toBe(400);
    const days = await get("/api/spend/ledger?days=0");
    expect(await days.json()).toMatchObject({ error: { fields: { days: "a whole number from 1 to 366" } } });
  });
});
