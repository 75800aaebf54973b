// The media lifecycle (issue 20), on PGlite and PostgreSQL with the studio's store: the preview engine
// keeps no second copy of a render once the clip holds its own; a deleted clip's files answer 404 to
// members from the moment it is deleted (Undo brings them back); the purge after the undo window removes
// the files nothing else uses (and their image variants), keeps a file another clip shares, and holds a
// clip whose file was written within the grace (a clip being saved may be about to name it).
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as mediaRoute } from "@/app/api/media/[key]/route";
import {
  deleteGeneration,
  MEDIA_GRACE_MS,
  purgeDeletedGenerations,
  restoreGeneration,
  UNDO_WINDOW_MS,
} from "@/lib/generations/deletion";
import type { GenerationDTO } from "@/lib/generations/dto";
import { storageUsage } from "@/lib/generations/storage-usage";
import { createProject } from "@/lib/projects/service";
import { addMember, type TestMember } from "../support/accounts";
import { testOwner } from "../support/actors";
import { dbKinds } from "../support/db";
import { useStudio } from "../support/fixture";
import { installRuntime, submit, type TestRuntime, uploadImages, waitFor } from "../support/runtime";

const keyOf = (url: string | null) => url!.slice(url!.lastIndexOf("/") + 1);

describe.each(await dbKinds())("media lifecycle on %s", (kind) => {
  let rt: TestRuntime;
  let member: TestMember;
  useStudio(kind, {
    ready: async (s) => {
      rt = s.rt;
      installRuntime(rt);
    },
  });

  const media = async (key: string, query = "") => {
    member ??= await addMember(rt, "editor");
    return mediaRoute(
      new Request(`http://studio.test/api/media/${key}${query}`, { headers: member.session }),
      { params: Promise.resolve({ key }) },
    );
  };

  /** A finished preview clip of pictures of its own (so its files are its own), or of `refs`. */
  async function clip(seed: number, refs?: string[]): Promise<GenerationDTO> {
    const referenceIds = refs ?? (await uploadImages(rt, 1, seed));
    const made = await submit(rt, { referenceIds });
    return waitFor(rt, made.generation.id, (g) => g.status === "completed");
  }

  /** Moves a deleted clip's deletion back in time, as if the undo window had passed. */
  const deletedAgo = (id: string, ms: number) =>
    rt.db.prisma.generation.update({ where: { id }, data: { deletedAt: new Date(Date.now() - ms) } });

  it("keeps no second copy of a preview render once the clip holds its own", async () => {
    const done = await clip(2101);
    expect(await rt.store.exists(keyOf(done.videoUrl))).toBe(true);
    // The worker lets the provider go of its copy right after it marks the clip completed.
    const renders = async () =>
      (await readdir(path.join(rt.dataDir, "preview")).catch(() => [] as string[])).filter((f) =>
        f.endsWith(".mp4"),
      );
    await expect.poll(renders, { timeout: 15_000 }).toEqual([]);
  }, 60_000);

  it("answers 404 for a deleted clip's files until Undo, and removes them at the purge", async () => {
    const owner = await testOwner(rt.db.prisma);
    const done = await clip(2102);
    const video = keyOf(done.videoUrl);
    const poster = keyOf(done.posterUrl);
    expect((await media(video)).status).toBe(200);
    expect((await media(poster, "?w=480")).status).toBe(200);
    const variantsOfPoster = async () =>
      (await readdir(rt.store.cacheDir).catch(() => [] as string[])).filter((v) =>
        v.startsWith(`${poster.slice(0, 64)}-`),
      );
    expect(await variantsOfPoster()).toHaveLength(1);

    await deleteGeneration(rt.db.prisma, owner, done.id);
    expect((await media(video)).status).toBe(404);
    expect((await media(poster)).status).toBe(404);
    await restoreGeneration(rt.db.prisma, owner, done.id);
    expect((await media(video)).status).toBe(200);

    await deleteGeneration(rt.db.prisma, owner, done.id);
    // Written moments ago: within the grace the clip waits, files and all.
    await deletedAgo(done.id, UNDO_WINDOW_MS + 60_000);
    expect(await purgeDeletedGenerations(rt.db.prisma, new Date(), rt.store)).toBe(0);
    expect(await rt.store.exists(video)).toBe(true);
    expect(await rt.db.prisma.generation.count({ where: { id: done.id } })).toBe(1);

    // Past the grace: the clip and its files go, the poster's variants with them.
    const later = new Date(Date.now() + MEDIA_GRACE_MS + 1_000);
    expect(await purgeDeletedGenerations(rt.db.prisma, later, rt.store)).toBe(1);
    expect(await rt.store.exists(video)).toBe(false);
    expect(await rt.store.exists(poster)).toBe(false);
    expect(await variantsOfPoster()).toEqual([]);
    expect((await media(video)).status).toBe(404);
  }, 120_000);

  it("keeps a file another clip still uses, and the references' own files", async () => {
    const owner = await testOwner(rt.db.prisma);
    const refs = await uploadImages(rt, 1, 2103);
    // The preview engine renders the same pictures to the same bytes: one stored file, two clips.
    const [a, b] = [await clip(0, refs), await clip(0, refs)];
    expect(keyOf(a.videoUrl)).toBe(keyOf(b.videoUrl));
    await deleteGeneration(rt.db.prisma, owner, a.id);
    await deletedAgo(a.id, UNDO_WINDOW_MS + 60_000);
    const later = new Date(Date.now() + MEDIA_GRACE_MS + 1_000);
    expect(await purgeDeletedGenerations(rt.db.prisma, later, rt.store)).toBe(1);
    expect(await rt.store.exists(keyOf(b.videoUrl))).toBe(true);
    expect((await media(keyOf(b.videoUrl))).status).toBe(200);
    for (const r of b.references) expect((await media(keyOf(r.thumbUrl))).status).toBe(200);
  }, 120_000);

  it("counts each project's storage: its videos, the references it used, each file once", async () => {
    const owner = await testOwner(rt.db.prisma);
    const { id: projectId } = await createProject(rt.db.prisma, owner, { name: "Storage" });
    const refs = await uploadImages(rt, 1, 2104);
    const made = [];
    for (let i = 0; i < 2; i++) {
      const m = await submit(rt, { referenceIds: refs, projectId });
      made.push(await waitFor(rt, m.generation.id, (g) => g.status === "completed"));
    }
    // Same pictures, same bytes: one file for two clips.
    expect(keyOf(made[0]!.videoUrl)).toBe(keyOf(made[1]!.videoUrl));
    const asset = await rt.db.prisma.asset.findUniqueOrThrow({ where: { id: refs[0]! } });
    const { videoBytes } = await rt.db.prisma.generation.findUniqueOrThrow({ where: { id: made[0]!.id } });
    const usage = await storageUsage(rt.db.prisma);
    const row = usage.projects.find((p) => p.projectId === projectId);
    expect(row).toMatchObject({
      name: "Storage",
      clips: 2,
      videoBytes,
      referenceBytes: asset.bytes,
      exportBytes: 0,
      totalBytes: videoBytes! + asset.bytes,
    });
    // The studio's total holds every project's files and the library's, each once.
    const sum = usage.projects.reduce((s, p) => s + p.totalBytes, 0);
    expect(usage.totalBytes).toBeGreaterThanOrEqual(row!.totalBytes);
    expect(usage.totalBytes).toBeLessThanOrEqual(sum + (await libraryBytes()));
  }, 120_000);

  const libraryBytes = async () =>
    (await rt.db.prisma.asset.aggregate({ _sum: { bytes: true } }))._sum.bytes ?? 0;
});
