import { describe, expect, it } from "vitest";
import { FACE_MODEL, identityResultSchema } from "@/lib/identity/result";
import { FaceScorer } from "@/lib/identity/scorer";
import { tool } from "@/lib/media/tools";
import type { Runtime } from "@/lib/server/runtime";
import { ingestImage } from "@/lib/uploads/ingest";
import { storedPath } from "@/test/support/stored";
import { portrait } from "../support/faces";
import { useStudio } from "../support/fixture";
import { makeImage } from "../support/images";
import { submit, type TestRuntime, waitFor } from "../support/runtime";

// The identity score end to end on real faces (the face model's own sample photos): the preview engine
// makes a clip that shows its references, and the scoring worker measures it in its own process.

async function upload(rt: Runtime, bytes: Buffer, name: string) {
  const { asset } = await ingestImage(rt.db.prisma, rt.store, { bytes, fileName: name });
  return rt.db.prisma.asset.findUniqueOrThrow({ where: { id: asset.id } });
}

async function identityOf(rt: Runtime, id: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await rt.db.prisma.clipIdentity.findUnique({ where: { generationId: id } });
    if (row && (row.status === "done" || row.status === "failed")) return row;
    if (Date.now() > deadline) throw new Error(`clip ${id} was not scored: ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("identity scores (pglite)", () => {
  let rt: TestRuntime;
  const studio = useStudio("pglite", {
    env: () => ({ IDENTITY_SCORING: "on" }),
    runtime: { workerOptions: {} },
    ready: (s) => ({ rt } = s),
  });

  it("scores a clip of a face high against that face, in the background after completed", async () => {
    const ana = await upload(rt, await portrait("ana"), "ana.png");
    const { generation } = await submit(rt, { referenceIds: [ana.id], duration: 4 });
    const done = await waitFor(rt, generation.id);
    expect(done.status).toBe("completed");
    const row = await identityOf(rt, generation.id);
    expect(row.status, row.error ?? "").toBe("done");
    const result = identityResultSchema.parse(row.result);
    expect(result.kind).toBe("scored");
    expect(result.model).toBe(FACE_MODEL);
    expect(result.faces).toHaveLength(1);
    const [face] = result.faces;
    expect(face?.position).toBe(0);
    expect(face?.score).toBeGreaterThanOrEqual(70);
    // At least one sample per second, each with its distance.
    expect(face?.samples.length).toBeGreaterThanOrEqual(4);
    expect(face?.found).toBeGreaterThan(0);
    // Views get it with the clip: the lowest face score for the badge, the samples for the strip.
    const seen = await waitFor(rt, generation.id, (g) => g.identity?.state === "done");
    expect(seen.identity).toMatchObject({ kind: "scored", score: face?.score });
    expect(seen.identity?.faces[0]?.samples).toEqual(face?.samples);
    // The reference image's face is kept, so the next clip does not measure it again.
    const kept = await rt.db.prisma.assetFace.findUnique({ where: { assetId: ana.id } });
    expect(kept?.model).toBe(FACE_MODEL);
    expect(kept?.descriptor).toHaveLength(128);
  });

  it("scores the same clip low against another person's face", async () => {
    const ana = await upload(rt, await portrait("ana"), "ana.png");
    const { generation } = await submit(rt, { referenceIds: [ana.id], duration: 3 });
    const done = await waitFor(rt, generation.id);
    const videoKey = done.videoUrl?.split("/").pop() ?? "";
    const bea = await upload(rt, await portrait("bea"), "bea.png");
    const scorer = new FaceScorer();
    try {
      const measured = await scorer.measure({
        tools: { ffmpeg: tool("ffmpeg").path, ffprobe: tool("ffprobe").path },
        video: await storedPath(rt.store, videoKey),
        references: [
          { key: "ana", file: await storedPath(rt.store, ana.mediaKey) },
          { key: "bea", file: await storedPath(rt.store, bea.mediaKey) },
        ],
      });
      expect(measured.faces.ana?.score).toBeGreaterThanOrEqual(70);
      expect(measured.faces.bea?.score).toBeLessThan(40);
      expect(measured.faces.bea?.score).not.toBeNull();
    } finally {
      await scorer.close();
    }
  });

  it("says a clip whose references hold no face has none to score, without measuring the video", async () => {
    const land = await upload(rt, await makeImage({ seed: 7, width: 800, height: 600 }), "land.png");
    const { generation } = await submit(rt, { referenceIds: [land.id] });
    await waitFor(rt, generation.id);
    const row = await identityOf(rt, generation.id);
    const result = identityResultSchema.parse(row.result);
    expect(result.kind).toBe("no_reference_face");
    expect(result.faces).toEqual([]);
    expect((await waitFor(rt, generation.id)).identity).toMatchObject({
      state: "done",
      kind: "no_reference_face",
      score: null,
    });
    expect((await rt.db.prisma.assetFace.findUnique({ where: { assetId: land.id } }))?.descriptor).toBeNull();
  });

  it("says 'no face found' (not zero) when a face reference's clip shows no face", async () => {
    const land = await upload(rt, await makeImage({ seed: 9, width: 800, height: 600 }), "land2.png");
    const { generation } = await submit(rt, { referenceIds: [land.id] });
    const done = await waitFor(rt, generation.id);
    const ana = await upload(rt, await portrait("ana"), "ana.png");
    const scorer = new FaceScorer();
    try {
      const measured = await scorer.measure({
        tools: { ffmpeg: tool("ffmpeg").path, ffprobe: tool("ffprobe").path },
        video: await storedPath(rt.store, done.videoUrl?.split("/").pop() ?? ""),
        references: [{ key: "ana", file: await storedPath(rt.store, ana.mediaKey) }],
      });
      expect(measured.faces.ana?.score).toBeNull();
      expect(measured.faces.ana?.found).toBe(0);
      expect(measured.faces.ana?.samples.every((s) => s.d === null)).toBe(true);
    } finally {
      await scorer.close();
    }
  });

  it("scores clips made while scoring was off, and a clip whose scorer died, after a restart", async () => {
    await rt.dispose();
    // An instance that does not score: its clips wait for one that does.
    const off = await studio.start({ dataDir: rt.dataDir, startIdentity: false });
    const ana = await upload(off, await portrait("ana", { mirror: true }), "ana-mirror.png");
    const made = await submit(off, { referenceIds: [ana.id], duration: 3 });
    await waitFor(off, made.generation.id);
    // A clip another instance claimed and then died holding: its lease has run out.
    const dead = await submit(off, { referenceIds: [ana.id], duration: 3 });
    await waitFor(off, dead.generation.id);
    await off.dispose();
    expect(await off.db.prisma.clipIdentity.count({ where: { generationId: made.generation.id } })).toBe(0);
    await off.db.prisma.clipIdentity.create({
      data: {
        generationId: dead.generation.id,
        status: "scoring",
        clipDoneAt: new Date(),
        leaseOwner: "gone-instance",
        leaseUntil: new Date(Date.now() - 1000),
        attempts: 1,
      },
    });
    const again = await studio.start({ dataDir: rt.dataDir });
    for (const id of [made.generation.id, dead.generation.id]) {
      const row = await identityOf(again, id);
      expect(row.status).toBe("done");
      expect(identityResultSchema.parse(row.result).faces[0]?.score).toBeGreaterThanOrEqual(70);
    }
  });
});
