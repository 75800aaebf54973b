// Helpers of the backup round-trip tests (test/integration/backup-*.test.ts): a few finished clips, a
// check that a restored studio plays them, and archives rewritten to be wrong in one way.
import { expect } from "vitest";
import { ArchiveWriter, readArchive } from "@/lib/backup/archive";
import { type Database, openDatabase } from "@/lib/db/client";
import { probeVideo } from "@/lib/media/probe";
import type { MediaStore } from "@/lib/media/storage";
import type { Runtime } from "@/lib/server/runtime";
import { startTestRuntime, submit, waitFor } from "./runtime";
import { storedPath } from "./stored";

export interface Clip {
  id: string;
  videoKey: string;
  posterKey: string | null;
}

/** `count` finished preview clips of `refs` (real MP4s), one at a time (two cores, shared). */
export async function makeClips(rt: Runtime, refs: string[], count: number): Promise<Clip[]> {
  const clips: Clip[] = [];
  for (let i = 0; i < count; i++) {
    // Another aspect ratio each time: the same inputs would render the same bytes, stored once.
    const aspectRatio = i % 2 ? "9:16" : "16:9";
    const { generation } = await submit(rt, { referenceIds: refs, duration: 3, aspectRatio });
    const done = await waitFor(rt, generation.id, undefined, 60_000);
    expect(done.status).toBe("completed");
    const row = await rt.db.prisma.generation.findUniqueOrThrow({ where: { id: generation.id } });
    clips.push({ id: row.id, videoKey: row.videoKey ?? "", posterKey: row.posterKey });
  }
  return clips;
}

export async function keysOf(store: MediaStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.list()) keys.push(key);
  return keys.sort();
}

/**
 * Starts a runtime on the restored studio (its database opened as the studio would, its storage from
 * `env`) and checks every clip: completed, its video stored and playable (ffprobe reads ~3 s), its
 * poster stored; the references too. Closes everything again.
 */
export async function expectRestored(
  open: () => Promise<Database & { url?: string }>,
  dataDir: string,
  env: Record<string, string>,
  clips: Clip[],
  refs: string[],
) {
  const db = await open();
  const rt = await startTestRuntime(
    { ...db, dispose: () => db.close() },
    { VIDEO_PROVIDER: "preview", ...env },
    {
      dataDir,
    },
  );
  try {
    for (const clip of clips) {
      const row = await rt.db.prisma.generation.findUniqueOrThrow({ where: { id: clip.id } });
      expect(row.status).toBe("completed");
      expect(row.videoKey).toBe(clip.videoKey);
      expect(await rt.store.exists(clip.videoKey)).toBe(true);
      const probe = await probeVideo(await storedPath(rt.store, clip.videoKey));
      expect(probe.durationSec).toBeGreaterThan(2.8);
      if (clip.posterKey) expect(await rt.store.exists(clip.posterKey)).toBe(true);
    }
    for (const id of refs) {
      const asset = await rt.db.prisma.asset.findUniqueOrThrow({ where: { id } });
      expect(await rt.store.exists(asset.mediaKey)).toBe(true);
      expect(await rt.store.exists(asset.thumbKey)).toBe(true);
    }
  } finally {
    await rt.dispose();
    await db.close();
  }
}

export function openPglite(dir: string) {
  return openDatabase({ kind: "pglite", dir });
}

/** A copy of `archive` with one entry changed by `edit` (null keeps it as it is). */
export async function rewriteArchive(
  archive: string,
  out: string,
  edit: (path: string, bytes: Buffer) => Buffer | null,
) {
  const writer = new ArchiveWriter(out);
  await readArchive(archive, async (entry) => {
    const chunks: Buffer[] = [];
    for await (const c of entry.stream) chunks.push(Buffer.from(c));
    const bytes = edit(entry.path, Buffer.concat(chunks)) ?? Buffer.concat(chunks);
    await writer.add(entry.path, bytes.length, bytes);
  });
  await writer.close();
}
