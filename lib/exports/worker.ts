import "server-only";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { publishChange } from "@/lib/live/change-bus";
import { extractPoster } from "@/lib/media/probe";
import { type MediaStore, withLocalFiles } from "@/lib/media/storage";
import { removeStitchLeftovers, StitchInputError, stitchSequence } from "@/lib/sequences/stitch";
import { BackgroundLoop } from "@/lib/server/background-loop";
import type { ExportPlan } from "./plan";
import { claimExport, failExport, finishExport, releaseExport, renewExport } from "./queue";

export interface ExportWorkerDeps {
  prisma: Db;
  store: MediaStore;
  owner: string;
  /** How long a claim holds an export without a renewal (default 2 minutes; progress renews it). */
  leaseMs?: number;
  /** How often an idle worker looks for exports (default 30 s; a new export wakes it at once). */
  idleMs?: number;
  /** Least time between two progress writes (default 1 s). */
  progressEveryMs?: number;
  log?: (message: string) => void;
}

/** Where an export is written before it is stored: one path per export, so a rerun finds its leftovers. */
const workFile = (store: MediaStore, id: string) => path.join(store.tmpDir, `export-${id}.mp4`);

/**
 * Exports sequences one at a time, in the background: stitches the plan's takes (lib/sequences/stitch.ts),
 * then stores the MP4 and a poster like a clip's. Stopping aborts the ffmpeg run under way and hands the
 * export back to the queue; a killed process's export is taken over when its lease lapses.
 */
export class ExportWorker {
  private readonly loop: BackgroundLoop;
  private current: AbortController | undefined;

  constructor(private readonly deps: ExportWorkerDeps) {
    this.loop = new BackgroundLoop(() => this.step(), {
      idleMs: deps.idleMs ?? 30_000,
      name: "export",
      log: deps.log,
    });
  }

  start() {
    this.loop.start();
  }

  /** Looks for exports now (one was just asked for). */
  wake() {
    this.loop.wake();
  }

  async stop() {
    this.current?.abort(new Error("the studio is stopping"));
    await this.loop.stop();
  }

  /** Claims and runs one export; false when none was due. */
  async step(): Promise<boolean> {
    const { prisma, owner } = this.deps;
    const leaseMs = this.deps.leaseMs ?? 120_000;
    const claimed = await claimExport(prisma, owner, leaseMs);
    if (!claimed) return false;
    const { id, attempts } = claimed;
    const row = await prisma.sequenceExport.findUniqueOrThrow({ where: { id } });
    publishChange(prisma, { kind: "export", sequenceId: row.sequenceId });
    const abort = new AbortController();
    this.current = abort;
    try {
      const output = await this.run(id, row.sequenceId, row.plan as unknown as ExportPlan, abort, leaseMs);
      if (await finishExport(prisma, id, owner, output)) this.deps.log?.(`export ${id} done`);
    } catch (err) {
      if (abort.signal.aborted && !this.loop.isRunning) {
        await releaseExport(prisma, id, owner);
      } else {
        const message = err instanceof Error ? err.message : String(err);
        this.deps.log?.(`export ${id} failed: ${message}`);
        await failExport(prisma, id, owner, message, attempts, err instanceof StitchInputError);
      }
    } finally {
      this.current = undefined;
      publishChange(prisma, { kind: "export", sequenceId: row.sequenceId });
    }
    return true;
  }

  private async run(
    id: string,
    sequenceId: string,
    plan: ExportPlan,
    abort: AbortController,
    leaseMs: number,
  ) {
    const { prisma, store, owner } = this.deps;
    const out = workFile(store, id);
    // What a killed run of this export left behind.
    await removeStitchLeftovers(out);
    await rm(out, { force: true });
    let lastWrite = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const onProgress = (fraction: number) => {
      const now = Date.now();
      if (now - lastWrite < (this.deps.progressEveryMs ?? 1_000)) return;
      lastWrite = now;
      writing = writing.then(async () => {
        // Lost the lease (another instance took it over): stop writing what it now writes.
        if (!(await renewExport(prisma, id, owner, Math.min(0.99, fraction), leaseMs))) {
          abort.abort(new Error("the export's lease was lost"));
        }
        publishChange(prisma, { kind: "export", sequenceId });
      });
    };
    try {
      // The takes as local files: the stored files themselves, or downloads removed afterwards (S3).
      const result = await withLocalFiles(
        store,
        plan.shots.map((s) => s.videoKey),
        (fileOf) =>
          stitchSequence(
            plan.shots.map((s) => ({
              file: fileOf(s.videoKey),
              title: s.title,
              record: {
                shotId: s.shotId,
                generationId: s.generationId,
                prompt: s.prompt,
                references: s.references,
              },
            })),
            { out, title: plan.title, signal: abort.signal, onProgress },
          ),
      );
      await writing;
      const poster = await extractPoster(out, { durationSec: result.durationSec, signal: abort.signal });
      // putFile takes the file (moved into place, or uploaded and removed).
      const video = await store.putFile(out, "mp4");
      const posterFile = await store.putBuffer(poster, "webp");
      return {
        videoKey: video.key,
        posterKey: posterFile.key,
        bytes: video.bytes,
        durationSec: result.durationSec,
        width: result.width,
        height: result.height,
        fps: result.fps,
        chapters: result.chapters.map((c) => ({ title: c.title, startSec: c.startSec, endSec: c.endSec })),
      };
    } finally {
      await writing.catch(() => undefined);
      await rm(out, { force: true });
    }
  }
}
