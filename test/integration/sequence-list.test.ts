// A project's sequences as the storyboards page lists them (GET /api/sequences?project=<id>), and what a
// shot card reads of its takes: status counts, the newest poster, the chosen take's length in the
// sequence's total. Through the real routes, as real members, on PGlite and PostgreSQL; a reviewer may
// choose a take but change nothing else.
import { afterAll, describe, expect, it } from "vitest";
import * as sequencesRoute from "@/app/api/sequences/route";
import * as shotRoute from "@/app/api/shots/[id]/route";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { createProject } from "@/lib/projects/service";
import type { SequenceSummaryDTO, ShotDTO } from "@/lib/sequences/dto";
import { createSequence, getSequence } from "@/lib/sequences/service";
import { addShot } from "@/lib/sequences/shots";
import { addMember, type TestMember } from "../support/accounts";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { BASE } from "../support/role-matrix";
import { installRuntime, submit, waitFor } from "../support/runtime";

const headers = (who: TestMember) => ({
  ...who.session,
  origin: BASE,
  host: "127.0.0.1:3000",
  "content-type": "application/json",
});

describe.each(await dbKinds())("storyboards on %s", (kind) => {
  const studio = useStudio(kind, {
    references: { count: 1, seed: 930 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));

  const list = async (who: TestMember, query: string) =>
    sequencesRoute.GET(new Request(`${BASE}/api/sequences${query}`, { headers: headers(who) }), {
      params: Promise.resolve({}),
    });
  const patch = (who: TestMember, id: string, body: unknown) =>
    shotRoute.PATCH(
      new Request(`${BASE}/api/shots/${id}`, {
        method: "PATCH",
        headers: headers(who),
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({ id }) },
    );

  it("lists a project's sequences with shots, chosen length and poster; reviewers choose takes", async () => {
    const prisma = studio.db.prisma;
    const owner = await testOwner(prisma);
    const reviewer = await addMember(studio.rt, "reviewer");
    const project = await createProject(prisma, owner, { name: "Harbour film" });
    const opening = await createSequence(prisma, owner, {
      projectId: project.id,
      title: "Opening",
      aspectRatio: "16:9",
    });
    const pier = await addShot(prisma, owner, opening.id, { title: "Pier" });
    const harbour = await addShot(prisma, owner, opening.id, { title: "Harbour" });
    await addShot(prisma, owner, opening.id, { title: "Gull" });
    const [ref] = studio.refs;
    const made = await submit(studio.rt, { referenceIds: [ref!], shotId: harbour.id, takes: 2, duration: 4 });
    for (const g of made.generations) await waitFor(studio.rt, g.id);
    // Another project's sequence is not listed.
    await createSequence(prisma, owner, {
      projectId: FIRST_PROJECT_ID,
      title: "Elsewhere",
      aspectRatio: "9:16",
    });

    // Two finished takes to pick from: counted, and the newest one's poster shown.
    const before = (await getSequence(prisma, opening.id)).shots;
    expect(before.map((s) => s.takes)).toEqual([
      { inFlight: 0, completed: 0, failed: 0 },
      { inFlight: 0, completed: 2, failed: 0 },
      { inFlight: 0, completed: 0, failed: 0 },
    ]);
    expect(before[1]!.latestPosterUrl).toMatch(/^\/api\/media\//);
    expect(before[0]!.latestPosterUrl).toBeNull();

    // A reviewer chooses a take (only that): the list then counts its length and shows its poster.
    const take = made.generations[1]!;
    const chose = await patch(reviewer, harbour.id, { chosenGenerationId: take.id });
    expect(chose.status).toBe(200);
    expect(((await chose.json()) as { shot: ShotDTO }).shot.chosen?.id).toBe(take.id);
    const retitle = await patch(reviewer, harbour.id, { chosenGenerationId: take.id, title: "x" });
    expect(retitle.status).toBe(403);
    expect(await retitle.json()).toMatchObject({ error: { message: expect.stringContaining("editor") } });

    const answer = await list(reviewer, `?project=${project.id}`);
    expect(answer.status).toBe(200);
    const { items } = (await answer.json()) as { items: SequenceSummaryDTO[] };
    const chosen = await waitFor(studio.rt, take.id);
    expect(items).toEqual([
      expect.objectContaining({
        id: opening.id,
        title: "Opening",
        aspectRatio: "16:9",
        shotCount: 3,
        chosenCount: 1,
        durationSec: chosen.videoDurationSec ?? 4,
        posterUrl: chosen.posterUrl,
      }),
    ]);
    expect(pier.takeCount).toBe(0);

    // What the composer reads to edit a shot: the shot, and its sequence's title and aspect.
    const read = await shotRoute.GET(
      new Request(`${BASE}/api/shots/${harbour.id}`, { headers: headers(reviewer) }),
      {
        params: Promise.resolve({ id: harbour.id }),
      },
    );
    expect(await read.json()).toMatchObject({
      shot: { id: harbour.id, title: "Harbour", chosenGenerationId: take.id },
      sequence: { id: opening.id, title: "Opening", aspectRatio: "16:9", projectId: project.id },
    });
  });

  it("names the parameter for a missing or malformed project, and answers 404 for an unknown one", async () => {
    const reviewer = await addMember(studio.rt, "reviewer");
    const missing = await list(reviewer, "");
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ error: { fields: { project: "project is required" } } });
    const malformed = await list(reviewer, "?project=a%20b");
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toMatchObject({
      error: { message: "Project must be a project id (?project=<id>)" },
    });
    const unknown = await list(reviewer, "?project=no-such-project");
    expect(unknown.status).toBe(404);
  });
});
