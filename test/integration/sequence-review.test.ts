// A sequence reviewed as one (issue 19), on PGlite and PostgreSQL: a comment made on the sequence's
// timeline lands on the chosen take playing then, at the moment inside it, and is listed back with its
// shot and sequence time, and as CSV; the shot list downloads as JSON and CSV; bad input names the field.
import { afterAll, describe, expect, it } from "vitest";
import * as commentsRoute from "@/app/api/sequences/[id]/comments/route";
import * as shotListRoute from "@/app/api/sequences/[id]/shot-list/route";
import type { Db } from "@/lib/db/client";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { listComments } from "@/lib/review/comments";
import { addSequenceComment, sequenceComments } from "@/lib/sequences/review";
import { createSequence } from "@/lib/sequences/service";
import { addShot, updateShot } from "@/lib/sequences/shots";
import { addMember } from "../support/accounts";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { refusal } from "../support/refusal";
import { BASE } from "../support/role-matrix";
import { installRuntime, submit, type TestRuntime, waitFor } from "../support/runtime";

/** A sequence "Harbour chase": Pier (3 s take, chosen), Gulls (no take), Boat (4 s take, chosen). */
async function harbourChase(rt: TestRuntime, refs: string[]) {
  const prisma = rt.db.prisma;
  const owner = await testOwner(prisma);
  const seq = await createSequence(prisma, owner, {
    projectId: FIRST_PROJECT_ID,
    title: "Harbour chase",
    aspectRatio: "16:9",
  });
  const pier = await addShot(prisma, owner, seq.id, {
    title: "Pier",
    content: {
      prompt: "<IMAGE_REF_0> runs, then stops",
      referenceIds: [refs[0]!],
      referenceNames: ["Mara"],
      duration: 3,
    },
    cameraNote: "low tracking shot",
    dialogue: "=Not again, she said",
  });
  await addShot(prisma, owner, seq.id, { title: "Gulls" });
  const boat = await addShot(prisma, owner, seq.id, { title: "Boat" });
  const takes = [];
  for (const [shot, duration] of [
    [pier, 3],
    [boat, 4],
  ] as const) {
    const t = await submit(rt, { referenceIds: [refs[0]!], shotId: shot.id, duration });
    const done = await waitFor(rt, t.generation.id, (g) => g.status === "completed");
    await updateShot(prisma, owner, shot.id, { chosenGenerationId: done.id });
    takes.push(done);
  }
  return { owner, seq, pier, boat, takes };
}

describe.each(await dbKinds())("sequence review on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, { references: { count: 1, seed: 1310 }, ready: (s) => ({ rt, refs } = s) });
  const prisma = (): Db => rt.db.prisma;

  it("puts a comment on the sequence's timeline on the take playing then, at its moment", async () => {
    const { owner, seq, boat, takes } = await harbourChase(rt, refs);
    const pierSec = takes[0]!.videoDurationSec!;
    const made = await addSequenceComment(prisma(), owner, seq.id, {
      atSec: pierSec + 1.25,
      body: "Boat enters late",
    });
    expect(made).toMatchObject({
      shotId: boat.id,
      shotPosition: 2,
      shotTitle: "Boat",
      generationId: takes[1]!.id,
    });
    expect(made.atSec).toBeCloseTo(1.25, 3);
    expect(made.sequenceSec).toBeCloseTo(pierSec + 1.25, 3);
    // It is the take's own comment: the clip page shows it.
    expect((await listComments(prisma(), takes[1]!.id)).map((c) => c.body)).toEqual(["Boat enters late"]);
    // On the cut: the shot that starts there.
    const cut = await addSequenceComment(prisma(), owner, seq.id, { atSec: pierSec, body: "Hard cut" });
    expect([cut.shotTitle, cut.atSec]).toEqual(["Boat", 0]);
    await addSequenceComment(prisma(), owner, seq.id, { atSec: 0.5, body: "Nice start" });

    const listed = await sequenceComments(prisma(), seq.id, owner);
    expect(listed.map((c) => [c.shotTitle, c.body])).toEqual([
      ["Pier", "Nice start"],
      ["Boat", "Hard cut"],
      ["Boat", "Boat enters late"],
    ]);

    // Refused, changing nothing: past the end, no body, a wrong type.
    const past = await refusal(addSequenceComment(prisma(), owner, seq.id, { atSec: 60, body: "x" }));
    expect(past.fields).toHaveProperty("atSec");
    expect(past.message).toMatch(/past the sequence's end/);
    expect(
      (await refusal(addSequenceComment(prisma(), owner, seq.id, { atSec: 1, body: "  " }))).fields,
    ).toHaveProperty("body");
    expect(
      (await refusal(addSequenceComment(prisma(), owner, seq.id, { atSec: "1", body: "x" }))).fields,
    ).toHaveProperty("atSec");
    expect(await sequenceComments(prisma(), seq.id, owner)).toHaveLength(3);

    // A sequence with nothing to play has nothing to comment on.
    const empty = await createSequence(prisma(), owner, {
      projectId: FIRST_PROJECT_ID,
      title: "E",
      aspectRatio: "16:9",
    });
    const none = await refusal(addSequenceComment(prisma(), owner, empty.id, { atSec: 0, body: "x" }));
    expect(none.status).toBe(422);
  }, 120_000);
});

describe("sequence download routes", () => {
  const studio = useStudio("pglite", {
    references: { count: 1, seed: 1320 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));

  it("downloads the shot list as JSON and CSV, and the comments as CSV", async () => {
    const reviewer = await addMember(studio.rt, "reviewer");
    const { seq, takes } = await harbourChase(studio.rt, studio.refs);
    const call = (handler: typeof shotListRoute.GET, url: string, init: RequestInit = {}) =>
      handler(
        new Request(`${BASE}${url}`, {
          ...init,
          headers: {
            ...reviewer.session,
            origin: BASE,
            host: "127.0.0.1:3000",
            "content-type": "application/json",
          },
        }),
        { params: Promise.resolve({ id: seq.id }) },
      );

    const json = await call(shotListRoute.GET, `/api/sequences/${seq.id}/shot-list`);
    expect(json.headers.get("content-disposition")).toMatch(
      /filename="omni_harbour-chase_shot-list_[\d-]+\.json"/,
    );
    const list = (await json.json()) as { sequence: { title: string }; shots: Record<string, unknown>[] };
    expect(list.sequence.title).toBe("Harbour chase");
    expect(list.shots.map((s) => [s.shot, s.title, s.takes, s.chosenTakeId])).toEqual([
      [1, "Pier", 1, takes[0]!.id],
      [2, "Gulls", 0, null],
      [3, "Boat", 1, takes[1]!.id],
    ]);
    expect(list.shots[0]).toMatchObject({
      prompt: "<IMAGE_REF_0> runs, then stops",
      references: ["Mara"],
      cameraNote: "low tracking shot",
      durationSec: 3,
    });

    const csv = await (await call(shotListRoute.GET, `/api/sequences/${seq.id}/shot-list?format=csv`)).text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "shot,title,prompt,camera_note,dialogue,duration_sec,references,takes,chosen_take_id,chosen_sec",
    );
    // A dialogue that starts like a formula stays text.
    const pierSec = Number(takes[0]!.videoDurationSec!.toFixed(3));
    expect(lines[1]).toBe(
      `1,Pier,"<IMAGE_REF_0> runs, then stops",low tracking shot,"'=Not again, she said",3,Mara,1,${takes[0]!.id},${pierSec}`,
    );
    expect(lines[2]).toBe("2,Gulls,,,,,,0,,");

    const posted = await call(commentsRoute.POST, `/api/sequences/${seq.id}/comments`, {
      method: "POST",
      body: JSON.stringify({ atSec: 1, body: "Hold on the face" }),
    });
    expect(posted.status).toBe(201);
    const comments = await (
      await call(commentsRoute.GET, `/api/sequences/${seq.id}/comments?format=csv`)
    ).text();
    const rows = comments.replace(/^\uFEFF/, "").split("\r\n");
    expect(rows[0]).toBe(
      "shot,shot_title,sequence_sec,take_id,take_sec,author,comment,reply_to,resolved,created_at",
    );
    expect(rows[1]).toMatch(new RegExp(`^1,Pier,1,${takes[0]!.id},1,[^,]+,Hold on the face,,no,`));

    const bad = await call(shotListRoute.GET, `/api/sequences/${seq.id}/shot-list?format=xml`);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { fields: { format: "unknown format: xml" } } });
  }, 120_000);
});
