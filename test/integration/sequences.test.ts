// Projects, sequences and shots on the server, on PGlite and PostgreSQL: projects made, renamed and
// archived; shots added, duplicated, reordered, removed and restored with dense positions; a clip made for
// a shot is one of its takes and can be chosen, another shot's clip cannot; clips made for no project
// go to the first one, as the migration put the existing ones there.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import * as projectRoute from "@/app/api/projects/[id]/route";
import type { Db } from "@/lib/db/client";
import { MIGRATIONS_DIR } from "@/lib/db/schema-engine";
import { parseListParams } from "@/lib/generations/list-params";
import { listGenerations } from "@/lib/generations/repo";
import { retryGeneration } from "@/lib/generations/rerun";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { createProject, listProjects, updateProject } from "@/lib/projects/service";
import { createSequence, getSequence } from "@/lib/sequences/service";
import { addShot, removeShot, restoreShot, updateShot } from "@/lib/sequences/shots";
import { generationDeps } from "@/lib/server/runtime";
import { addMember, type TestMember } from "../support/accounts";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { refusal } from "../support/refusal";
import { BASE } from "../support/role-matrix";
import { installRuntime, submit, type TestRuntime, waitFor } from "../support/runtime";

describe.each(await dbKinds())("projects, sequences and shots on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  useStudio(kind, { references: { count: 2, seed: 910 }, ready: (s) => ({ rt, refs } = s) });
  const prisma = (): Db => rt.db.prisma;

  it("makes, renames and archives projects; an archived one is hidden and takes no sequence", async () => {
    const owner = await testOwner(prisma());
    const made = await createProject(prisma(), owner, { name: "  Harbour film " });
    expect(made).toMatchObject({ name: "Harbour film", archivedAt: null, clipCount: 0, sequenceCount: 0 });
    expect((await listProjects(prisma())).map((p) => p.id)).toEqual([FIRST_PROJECT_ID, made.id]);

    const renamed = await updateProject(prisma(), made.id, { name: "Harbour" });
    expect(renamed.name).toBe("Harbour");
    const archived = await updateProject(prisma(), made.id, { archived: true });
    expect(archived.archivedAt).not.toBeNull();
    expect((await listProjects(prisma())).map((p) => p.id)).toEqual([FIRST_PROJECT_ID]);
    expect((await listProjects(prisma(), { archived: true })).map((p) => p.id)).toContain(made.id);

    const refused = await refusal(
      createSequence(prisma(), owner, { projectId: made.id, title: "Opening", aspectRatio: "16:9" }),
    );
    expect(refused.status).toBe(422);
    expect(refused.message).toContain('"Harbour" is archived');
    expect(refused.fields).toEqual({ projectId: "archived project" });

    // Bad bodies name the field.
    const blank = await refusal(createProject(prisma(), owner, { name: "   " }));
    expect(blank.fields).toHaveProperty("name");
    const ratio = await refusal(
      createSequence(prisma(), owner, { projectId: FIRST_PROJECT_ID, title: "x", aspectRatio: "4:3" }),
    );
    expect(ratio.fields).toHaveProperty("aspectRatio");
    expect(ratio.message).toMatch(/aspectRatio/i);
  });

  it("adds, duplicates, reorders, removes and restores shots, keeping positions 0..n-1", async () => {
    const owner = await testOwner(prisma());
    const seq = await createSequence(prisma(), owner, {
      projectId: FIRST_PROJECT_ID,
      title: "Opening",
      aspectRatio: "9:16",
    });
    expect(seq.shots).toEqual([]);
    const a = await addShot(prisma(), owner, seq.id, {});
    const b = await addShot(prisma(), owner, seq.id, {
      title: "Harbour",
      content: { prompt: "<IMAGE_REF_0> at the harbour", referenceIds: [refs[0]!], duration: 5 },
      cameraNote: "slow push in",
      dialogue: "Not again.",
    });
    const c = await addShot(prisma(), owner, seq.id, { title: "Gull", position: 0 });
    const order = async () => (await getSequence(prisma(), seq.id)).shots.map((s) => [s.title, s.position]);
    expect(await order()).toEqual([
      ["Gull", 0],
      ["", 1],
      ["Harbour", 2],
    ]);

    const copy = await addShot(prisma(), owner, seq.id, { duplicateOf: b.id });
    expect(copy).toMatchObject({ title: "Harbour", position: 3, cameraNote: "slow push in", takeCount: 0 });
    expect(copy.content).toEqual(b.content);
    const mixed = await refusal(addShot(prisma(), owner, seq.id, { duplicateOf: b.id, title: "x" }));
    expect(mixed.fields).toEqual({ duplicateOf: "duplicateOf copies a shot as it is: send it alone" });

    await updateShot(prisma(), owner, copy.id, { position: 0, title: "Harbour 2" });
    expect(await order()).toEqual([
      ["Harbour 2", 0],
      ["Gull", 1],
      ["", 2],
      ["Harbour", 3],
    ]);

    await removeShot(prisma(), owner, c.id);
    expect(await order()).toEqual([
      ["Harbour 2", 0],
      ["", 1],
      ["Harbour", 2],
    ]);
    const back = await restoreShot(prisma(), owner, c.id);
    expect(back.deletedAt).toBeNull();
    expect(await order()).toEqual([
      ["Harbour 2", 0],
      ["Gull", 1],
      ["", 2],
      ["Harbour", 3],
    ]);
    expect(a.content).toEqual({});
    // Each change is signed on the sequence's trail, in order.
    const trail = await prisma().reviewEvent.findMany({
      where: { sequenceId: seq.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(trail.map((e) => e.kind)).toEqual([
      "sequence_create",
      "shot_add",
      "shot_add",
      "shot_add",
      "shot_add",
      "shot_update",
      "shot_remove",
      "shot_restore",
    ]);
    expect(trail[4]!.to).toMatchObject({ title: "Harbour", position: 3, duplicateOf: b.id });
    expect(trail[5]!.from).toMatchObject({ position: 3, title: "Harbour" });
    expect(trail[5]!.to).toMatchObject({ position: 0, title: "Harbour 2" });
    expect(trail.every((e) => e.actorUserId === owner.id)).toBe(true);

    // Adds at once take turns: every shot gets its own place.
    await Promise.all(["v", "w", "x", "y"].map((title) => addShot(prisma(), owner, seq.id, { title })));
    const positions = (await getSequence(prisma(), seq.id)).shots.map((s) => s.position);
    expect(positions).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    // Types and limits are checked, naming the field and the shot; an incomplete shot is fine.
    const long = await refusal(updateShot(prisma(), owner, b.id, { content: { duration: 99 } }));
    expect(long.fields?.content).toMatch(/^duration must be at most \d+ seconds$/);
    const unknown = await refusal(
      updateShot(prisma(), owner, b.id, { content: { referenceIds: ["no-such-asset-1"] } }),
    );
    expect(unknown.message).toBe('Shot 4 "Harbour": reference 1 is not an uploaded image. Upload it again.');
    const far = await refusal(updateShot(prisma(), owner, b.id, { position: 8 }));
    expect(far.message).toContain('Shot 4 "Harbour"');
    expect(await order()).toHaveLength(8);

    // A shot stays in its project.
    const other = await createProject(prisma(), owner, { name: "Elsewhere" });
    const there = await createSequence(prisma(), owner, {
      projectId: other.id,
      title: "B",
      aspectRatio: "16:9",
    });
    const moved = await refusal(updateShot(prisma(), owner, b.id, { sequenceId: there.id }));
    expect(moved.message).toMatch(/^Shot 4 "Harbour" belongs to another project/);
    expect((await getSequence(prisma(), there.id)).shots).toEqual([]);
  });

  it("makes a clip for a shot one of its takes; choosing it works, another shot's clip is refused", async () => {
    const owner = await testOwner(prisma());
    const seq = await createSequence(prisma(), owner, {
      projectId: FIRST_PROJECT_ID,
      title: "Takes",
      aspectRatio: "16:9",
    });
    await addShot(prisma(), owner, seq.id, { title: "Pier" });
    const harbour = await addShot(prisma(), owner, seq.id, { title: "Harbour" });
    const pier = (await getSequence(prisma(), seq.id)).shots[0]!;

    const take = await submit(rt, { referenceIds: [refs[0]!], shotId: harbour.id });
    const stray = await submit(rt, { referenceIds: [refs[1]!], shotId: pier.id });
    expect(take.generation).toMatchObject({ shotId: harbour.id, projectId: FIRST_PROJECT_ID });
    await waitFor(rt, take.generation.id);
    await waitFor(rt, stray.generation.id);

    const chosen = await updateShot(prisma(), owner, harbour.id, { chosenGenerationId: take.generation.id });
    expect(chosen.chosenGenerationId).toBe(take.generation.id);
    expect(chosen.chosen?.id).toBe(take.generation.id);
    expect(chosen.takeCount).toBe(1);

    const refused = await refusal(
      updateShot(prisma(), owner, harbour.id, { chosenGenerationId: stray.generation.id, title: "Changed" }),
    );
    expect(refused.status).toBe(422);
    expect(refused.message).toBe('Shot 2 "Harbour": that clip is not one of its takes.');
    const after = (await getSequence(prisma(), seq.id)).shots[1]!;
    expect(after).toMatchObject({ title: "Harbour", chosenGenerationId: take.generation.id });
    expect(after.chosen?.status).toBe("completed");
    const updates = await prisma().reviewEvent.findMany({
      where: { sequenceId: seq.id, kind: "shot_update" },
    });
    expect(updates.map((e) => e.to)).toEqual([
      { shotId: harbour.id, position: 1, title: "Harbour", chosenGenerationId: take.generation.id },
    ]);

    // A retry of a take is another take of the shot.
    const again = await retryGeneration(generationDeps(rt), owner, take.generation.id, "retry-take-0001");
    expect(again.generation).toMatchObject({ shotId: harbour.id, retryOfId: take.generation.id });
    await waitFor(rt, again.generation.id);
    const takes = await listGenerations(
      prisma(),
      parseListParams(new URLSearchParams({ shot: harbour.id }), owner),
    );
    expect(takes.items.map((g) => g.id).sort()).toEqual([take.generation.id, again.generation.id].sort());

    // A removed shot takes no new clip (Harbour moves up to Shot 1), and a project other than the shot's
    // is refused, naming the shot.
    await removeShot(prisma(), owner, pier.id);
    const removed = await refusal(submit(rt, { referenceIds: [refs[0]!], shotId: pier.id }));
    expect(removed.message).toBe('Shot 1 "Pier" was removed: restore it before making a take.');
    const other = await createProject(prisma(), owner, { name: "Other" });
    const mismatch = await refusal(
      submit(rt, { referenceIds: [refs[0]!], shotId: harbour.id, projectId: other.id }),
    );
    expect(mismatch.message).toMatch(/^Shot 1 "Harbour" belongs to the project "First project"/);
    expect(mismatch.fields).toEqual({ projectId: "not the shot's project" });
  });

  it("puts a clip made for no project in the first project, and one made for a project in it", async () => {
    const owner = await testOwner(prisma());
    const loose = await submit(rt, { referenceIds: [refs[0]!] });
    expect(loose.generation).toMatchObject({ projectId: FIRST_PROJECT_ID, shotId: null });
    const project = await createProject(prisma(), owner, { name: "Mine" });
    const mine = await submit(rt, { referenceIds: [refs[0]!], projectId: project.id });
    expect(mine.generation.projectId).toBe(project.id);
    const listed = (await listProjects(prisma())).find((p) => p.id === project.id);
    expect(listed?.clipCount).toBe(1);
    // The gallery lists one project's clips with ?project=.
    const page = await listGenerations(
      prisma(),
      parseListParams(new URLSearchParams({ project: project.id }), owner),
    );
    expect(page.items.map((g) => g.id)).toEqual([mine.generation.id]);
    const first = await listGenerations(prisma(), { limit: 100, projectId: FIRST_PROJECT_ID });
    expect(first.items.map((g) => g.id)).toContain(loose.generation.id);
    expect(first.items.map((g) => g.id)).not.toContain(mine.generation.id);
    const bad = await refusal(
      Promise.resolve().then(() => parseListParams(new URLSearchParams({ shot: "x" }), owner)),
    );
    expect(bad.fields).toEqual({ shot: "a shot id" });
  });
});

describe("project routes", () => {
  const studio = useStudio("pglite", { ready: (s) => installRuntime(s.rt) });
  afterAll(() => installRuntime(undefined));

  it("lets an editor rename a project but only an admin archive it, and names a bad field", async () => {
    const editor = await addMember(studio.rt, "editor");
    const admin = await addMember(studio.rt, "admin");
    const patch = (who: TestMember, body: unknown) =>
      projectRoute.PATCH(
        new Request(`${BASE}/api/projects/${FIRST_PROJECT_ID}`, {
          method: "PATCH",
          headers: {
            ...who.session,
            origin: BASE,
            host: "127.0.0.1:3000",
            "content-type": "application/json",
          },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({ id: FIRST_PROJECT_ID }) },
      );
    expect((await patch(editor, { name: "Pilot" })).status).toBe(200);
    expect((await patch(editor, { archived: true })).status).toBe(403);
    expect((await listProjects(studio.db.prisma)).map((p) => p.name)).toEqual(["Pilot"]);
    const bad = await patch(editor, { name: 7 });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { fields: { name: "name must be a string" } } });
    expect((await patch(admin, { archived: true })).status).toBe(200);
    expect(await listProjects(studio.db.prisma)).toEqual([]);
  });
});

describe("the projects migration", () => {
  it("puts every existing clip in the first project", async () => {
    const dirs = readdirSync(MIGRATIONS_DIR)
      .filter((d) => /^\d+_/.test(d))
      .sort();
    const last = dirs.findIndex((d) => d.endsWith("_projects_sequences_shots"));
    const db = new PGlite();
    try {
      const run = (d: string) => db.exec(readFileSync(path.join(MIGRATIONS_DIR, d, "migration.sql"), "utf8"));
      for (const d of dirs.slice(0, last)) await run(d);
      await db.exec(`INSERT INTO "Generation" ("id", "provider", "modelId", "prompt", "duration", "aspectRatio",
        "idempotencyKey", "inputHash", "estimatedCostUsd", "updatedAt")
        VALUES ('old-clip-0001', 'preview', 'preview', 'old', 5, '16:9', 'old-key-0001', 'h', 0, now())`);
      await run(dirs[last]!);
      const { rows } = await db.query<{ projectId: string; name: string }>(
        `SELECT g."projectId", p."name" FROM "Generation" g JOIN "Project" p ON p.id = g."projectId"`,
      );
      expect(rows).toEqual([{ projectId: FIRST_PROJECT_ID, name: "First project" }]);
    } finally {
      await db.close();
    }
  });
});
