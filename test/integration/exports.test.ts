// Exporting a sequence (issue 19), on PGlite and PostgreSQL with real preview clips and real ffmpeg: the
// export is refused, naming the shot, until every shot has a finished chosen take; then the background
// worker makes one MP4 whose length is the sum of the takes, with a chapter per shot, stored like a clip
// and downloadable; asking twice makes one; a restart hands a running export back and it is finished after;
// a lease left by a killed instance is taken over and the killed run's leftovers removed.
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as exportDownloadRoute from "@/app/api/exports/[id]/download/route";
import * as exportRoute from "@/app/api/exports/[id]/route";
import * as sequenceExportRoute from "@/app/api/sequences/[id]/export/route";
import type { Db } from "@/lib/db/client";
import type { ExportDTO } from "@/lib/exports/dto";
import { createExport, getExport } from "@/lib/exports/service";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { createSequence } from "@/lib/sequences/service";
import { addShot, updateShot } from "@/lib/sequences/shots";
import { storedPath } from "@/test/support/stored";
import { addMember } from "../support/accounts";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { ffprobe } from "../support/probe";
import { refusal } from "../support/refusal";
import { BASE } from "../support/role-matrix";
import { installRuntime, submit, type TestRuntime, waitFor } from "../support/runtime";

async function until(prisma: Db, id: string, done: (e: ExportDTO) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last: ExportDTO | undefined;
  while (Date.now() < deadline) {
    last = await getExport(prisma, id);
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`export ${id} did not get there; last seen ${JSON.stringify(last)}`);
}

describe.each(await dbKinds())("sequence exports on %s", (kind) => {
  let rt: TestRuntime;
  let refs: string[];
  const studio = useStudio(kind, { references: { count: 3, seed: 1290 }, ready: (s) => ({ rt, refs } = s) });
  const prisma = (): Db => rt.db.prisma;

  /** A sequence of shots whose chosen takes are finished preview clips of these lengths. */
  async function sequenceOf(durations: number[]) {
    const owner = await testOwner(prisma());
    const seq = await createSequence(prisma(), owner, {
      projectId: FIRST_PROJECT_ID,
      title: "Harbour chase",
      aspectRatio: "16:9",
    });
    const shots = [];
    for (const [i, duration] of durations.entries()) {
      const shot = await addShot(prisma(), owner, seq.id, { title: ["Pier", "Gulls", "Boat", "Dusk"][i] });
      const take = await submit(rt, { referenceIds: [refs[i % refs.length]!], shotId: shot.id, duration });
      shots.push({ shot, take: take.generation });
    }
    for (const { shot, take } of shots) {
      await waitFor(rt, take.id, (g) => g.status === "completed");
      await updateShot(prisma(), owner, shot.id, { chosenGenerationId: take.id });
    }
    return { owner, seq, shots };
  }

  it("refuses, naming the shot, until every shot has a chosen take; then makes one MP4 with chapters", async () => {
    const { owner, seq, shots } = await sequenceOf([3, 4]);
    const third = await addShot(prisma(), owner, seq.id, { title: "Boat" });
    const refused = await refusal(createExport(prisma(), owner, seq.id));
    expect(refused.status).toBe(422);
    expect(refused.message).toBe(
      'Shot 3 "Boat" has no chosen take: choose one of its takes before exporting.',
    );
    expect(await prisma().sequenceExport.count({ where: { sequenceId: seq.id } })).toBe(0);

    // A chosen take that is deleted afterwards does not count either.
    const extra = await submit(rt, { referenceIds: [refs[2]!], shotId: third.id, duration: 3 });
    await waitFor(rt, extra.generation.id, (g) => g.status === "completed");
    await updateShot(prisma(), owner, third.id, { chosenGenerationId: extra.generation.id });
    await prisma().generation.update({ where: { id: extra.generation.id }, data: { deletedAt: new Date() } });
    expect((await refusal(createExport(prisma(), owner, seq.id))).message).toMatch(
      /^Shot 3 "Boat" has no chosen take/,
    );
    await prisma().shot.update({ where: { id: third.id }, data: { deletedAt: new Date() } });

    const asked = await createExport(prisma(), owner, seq.id);
    expect(asked.created).toBe(true);
    expect(asked.export).toMatchObject({ status: "queued", shotCount: 2, title: "Harbour chase" });
    // Asked again while under way: the same export.
    const again = await createExport(prisma(), owner, seq.id);
    expect([again.created, again.export.id]).toEqual([false, asked.export.id]);
    rt.exports.wake();

    const done = await until(
      prisma(),
      asked.export.id,
      (e) => e.status === "completed" || e.status === "failed",
    );
    expect(done.error).toBeNull();
    expect(done.status).toBe("completed");
    const takes = shots.map((s) => s.take);
    const lengths = await Promise.all(
      takes.map(async (t) => (await waitFor(rt, t.id)).videoDurationSec ?? 0),
    );
    const sum = lengths.reduce((a, b) => a + b, 0);
    // Within a frame per cut.
    expect(Math.abs((done.durationSec ?? 0) - sum)).toBeLessThan(2 / 24 + 0.001);
    expect(done.chapters.map((c) => c.title)).toEqual(["Pier", "Gulls"]);
    expect(done).toMatchObject({ width: 1280, height: 720, progress: 1 });
    expect(done.videoUrl).toMatch(/^\/api\/media\/[a-f0-9]{64}\.mp4$/);
    expect(done.posterUrl).toMatch(/^\/api\/media\/[a-f0-9]{64}\.webp$/);

    // The stored file: its chapters name the shots, its record lists the clips.
    const key = done.videoUrl!.split("/").pop()!;
    const probe = await ffprobe(await storedPath(rt.store, key));
    expect(probe.chapters.map((c) => c.tags.title)).toEqual(["Pier", "Gulls"]);
    expect(Math.abs(Number(probe.format.duration) - sum)).toBeLessThan(0.1);
    expect(probe.format.tags.omni_generation_ids).toBe(takes.map((t) => t.id).join(","));
    // Nothing left in the scratch folder.
    expect((await readdir(rt.store.tmpDir)).filter((n) => n.includes(done.id))).toEqual([]);
    // Signed on the sequence's trail.
    const trail = await prisma().reviewEvent.findMany({
      where: { sequenceId: seq.id, kind: "sequence_export" },
    });
    expect(trail.map((e) => e.to)).toEqual([{ exportId: done.id, shots: 2 }]);
  }, 120_000);

  it("hands a running export back when the studio stops, and finishes it after the restart", async () => {
    const { owner, seq } = await sequenceOf([8, 8]);
    const { export: asked } = await createExport(prisma(), owner, seq.id);
    rt.exports.wake();
    // Sixteen seconds of video take ffmpeg seconds here; the stop comes within a poll (20 ms) of the start.
    const seen = await until(prisma(), asked.id, (e) => e.status !== "queued", 30_000);
    await rt.dispose();
    expect(seen.status).toBe("running");
    // Stopped mid-run: queued again, the try not counted.
    const row = await prisma().sequenceExport.findUniqueOrThrow({ where: { id: asked.id } });
    expect(row).toMatchObject({ status: "queued", attempts: 0, leaseOwner: null, progress: 0 });
    rt = await studio.restart();
    const done = await until(prisma(), asked.id, (e) => e.status === "completed" || e.status === "failed");
    expect([done.status, done.error]).toEqual(["completed", null]);
    expect(done.chapters).toHaveLength(2);
  }, 180_000);

  it("takes over an export whose instance died, removing what its run left", async () => {
    const { owner, seq } = await sequenceOf([3]);
    const { export: asked } = await createExport(prisma(), owner, seq.id);
    // As a killed instance leaves it: running, its lease lapsed, a partial file beside the output.
    await prisma().sequenceExport.update({
      where: { id: asked.id },
      data: {
        status: "running",
        leaseOwner: "dead-instance",
        leaseUntil: new Date(Date.now() - 1000),
        attempts: 1,
      },
    });
    const leftover = path.join(rt.store.tmpDir, `.export-${asked.id}.mp4.0badf00d.part`);
    await writeFile(leftover, "half a video");
    rt.exports.wake();
    const done = await until(prisma(), asked.id, (e) => e.status === "completed" || e.status === "failed");
    expect([done.status, done.error]).toEqual(["completed", null]);
    const row = await prisma().sequenceExport.findUniqueOrThrow({ where: { id: asked.id } });
    expect(row.attempts).toBe(2);
    expect((await readdir(rt.store.tmpDir)).filter((n) => n.includes(asked.id))).toEqual([]);
  }, 120_000);
});

describe("export routes", () => {
  const studio = useStudio("pglite", {
    references: { count: 1, seed: 1300 },
    ready: (s) => installRuntime(s.rt),
  });
  afterAll(() => installRuntime(undefined));

  it("answers 202 with the export, then its status, then the file as an attachment", async () => {
    const editor = await addMember(studio.rt, "editor");
    const call = (handler: typeof exportRoute.GET, url: string, id: string, method = "GET") =>
      handler(
        new Request(`${BASE}${url}`, {
          method,
          headers: { ...editor.session, origin: BASE, host: "127.0.0.1:3000" },
        }),
        { params: Promise.resolve({ id }) },
      );
    const prisma = studio.db.prisma;
    const owner = await testOwner(prisma);
    const seq = await createSequence(prisma, owner, {
      projectId: FIRST_PROJECT_ID,
      title: "Ça va: l'été!",
      aspectRatio: "16:9",
    });
    const shot = await addShot(prisma, owner, seq.id, { title: "Pier" });
    const refusedRes = await call(
      sequenceExportRoute.POST,
      `/api/sequences/${seq.id}/export`,
      seq.id,
      "POST",
    );
    expect(refusedRes.status).toBe(422);
    expect(await refusedRes.json()).toMatchObject({
      error: {
        code: "export_incomplete",
        message: 'Shot 1 "Pier" has no chosen take: choose one of its takes before exporting.',
      },
    });
    const take = await submit(studio.rt, { referenceIds: [studio.refs[0]!], shotId: shot.id, duration: 3 });
    await waitFor(studio.rt, take.generation.id, (g) => g.status === "completed");
    await updateShot(prisma, owner, shot.id, { chosenGenerationId: take.generation.id });

    const res = await call(sequenceExportRoute.POST, `/api/sequences/${seq.id}/export`, seq.id, "POST");
    expect(res.status).toBe(202);
    const { export: made } = (await res.json()) as { export: ExportDTO };
    expect(made).toMatchObject({ status: "queued", sequenceId: seq.id });
    const early = await call(exportDownloadRoute.GET, `/api/exports/${made.id}/download`, made.id);
    expect([409, 200]).toContain(early.status);

    await until(prisma, made.id, (e) => e.status === "completed");
    const got = await call(exportRoute.GET, `/api/exports/${made.id}`, made.id);
    expect(got.status).toBe(200);
    const { export: shown } = (await got.json()) as { export: ExportDTO };
    expect(shown).toMatchObject({ status: "completed", downloadUrl: `/api/exports/${made.id}/download` });

    const file = await call(exportDownloadRoute.GET, `/api/exports/${made.id}/download`, made.id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(
      /^attachment; filename="omni_\d{4}-\d\d-\d\d_ca-va-l-ete_sequence_1-shots_3s_[a-z0-9]{8}\.mp4"/,
    );
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes.byteLength).toBe(shown.bytes);
    expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe("ftyp");

    const list = await call(sequenceExportRoute.GET, `/api/sequences/${seq.id}/export`, seq.id);
    expect(((await list.json()) as { exports: ExportDTO[] }).exports.map((e) => e.id)).toEqual([made.id]);
    const missing = await call(exportRoute.GET, "/api/exports/nosuchexport1", "nosuchexport1");
    expect(missing.status).toBe(404);
  }, 120_000);
});
