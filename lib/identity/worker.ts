import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { publishChange } from "@/lib/live/change-bus";
import { type MediaStore, withLocalFiles } from "@/lib/media/storage";
import { tool } from "@/lib/media/tools";
import { BackgroundLoop } from "@/lib/server/background-loop";
import { claimNext, ENQUEUE_BATCH, enqueueCompleted, fail, finish, settleFaceless } from "./queue";
import { FACE_MODEL, type IdentityFace, type IdentityResult } from "./result";
import type { FaceScorer } from "./scorer";

export interface IdentityWorkerDeps {
  prisma: Db;
  store: MediaStore;
  scorer: FaceScorer;
  owner: string;
  /** How long a claim holds a clip (default 10 minutes; an 8 s clip takes seconds). */
  leaseMs?: number;
  /** How often an idle worker looks for new clips (default 30 s; a finished clip wakes it sooner). */
  idleMs?: number;
  log?: (message: string) => void;
}

/**
 * Scores completed clips one at a time, in the background: queues them, settles at once those whose
 * references hold no face, and sends the rest to the scoring process. Never touches the clip's own state,
 * so scoring can never delay or undo "completed".
 */
export class IdentityWorker {
  private readonly loop: BackgroundLoop;

  constructor(private readonly deps: IdentityWorkerDeps) {
    this.loop = new BackgroundLoop(() => this.step(), {
      idleMs: deps.idleMs ?? 30_000,
      name: "scoring",
      log: deps.log,
    });
  }

  start() {
    this.loop.start();
  }

  /** Looks for work now (a clip just completed). */
  wake() {
    this.loop.wake();
  }

  stop() {
    return this.loop.stop();
  }

  /** Queues, settles and scores one clip; false when there was nothing to score. */
  async step(): Promise<boolean> {
    const { prisma, owner } = this.deps;
    const queued = await enqueueCompleted(prisma);
    const settled = new Set(await settleFaceless(prisma, FACE_MODEL));
    // Cards say "scoring..." for the clips just queued (a first backfill of a long history: one change).
    const news = queued.filter((id) => !settled.has(id));
    if (news.length > 20) publishChange(prisma, { kind: "identity" });
    else for (const generationId of news) publishChange(prisma, { kind: "identity", generationId });
    const claimed = await claimNext(prisma, owner, this.deps.leaseMs ?? 10 * 60_000);
    // More of a long history to queue: go on at once.
    if (!claimed) return queued.length === ENQUEUE_BATCH;
    const { id, attempts } = claimed;
    try {
      const result = await this.score(id);
      if (result && (await finish(prisma, id, owner, result)))
        publishChange(prisma, { kind: "identity", generationId: id });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.deps.log?.(`clip ${id} not scored: ${message}`);
      await fail(prisma, id, owner, message, attempts);
    }
    return true;
  }

  /** Measures one clip; null when the clip is gone (its row is dropped; a restore queues it again). */
  private async score(id: string): Promise<IdentityResult | null> {
    const { prisma, store } = this.deps;
    const g = await prisma.generation.findUnique({
      where: { id },
      select: {
        videoKey: true,
        deletedAt: true,
        references: { orderBy: { position: "asc" }, include: { asset: { include: { face: true } } } },
      },
    });
    if (!g || g.deletedAt || !g.videoKey) {
      await prisma.clipIdentity.deleteMany({ where: { generationId: id } });
      return null;
    }
    const assets = new Map(g.references.map((r) => [r.assetId, r.asset]));
    // Reference faces measured before by this model (null: no face); the others are measured now.
    const known = new Map(
      [...assets.values()].flatMap((a) =>
        a.face?.model === FACE_MODEL ? [[a.id, a.face.descriptor as number[] | null] as const] : [],
      ),
    );
    const refs = [...assets.values()];
    // Local files for the scorer: the stored files themselves, or downloads removed afterwards (S3).
    const measured = await withLocalFiles(store, [g.videoKey, ...refs.map((a) => a.mediaKey)], (fileOf) =>
      this.deps.scorer.measure({
        tools: { ffmpeg: tool("ffmpeg").path, ffprobe: tool("ffprobe").path },
        video: fileOf(g.videoKey as string),
        references: refs.map((a) => ({ key: a.id, file: fileOf(a.mediaKey), descriptor: known.get(a.id) })),
      }),
    );
    // Each reference image measured for the first time is kept, so no clip measures it again.
    for (const r of measured.references) {
      if (known.has(r.key)) continue;
      const descriptor = r.descriptor ?? Prisma.DbNull;
      await prisma.assetFace.upsert({
        where: { assetId: r.key },
        create: { assetId: r.key, descriptor, model: FACE_MODEL },
        update: { descriptor, model: FACE_MODEL, createdAt: new Date() },
      });
    }
    const faces: IdentityFace[] = g.references.flatMap((r) => {
      const f = measured.faces[r.assetId];
      if (!f) return [];
      return [{ position: r.position, assetId: r.assetId, label: r.label, ...f }];
    });
    return {
      kind: faces.length ? "scored" : "no_reference_face",
      model: FACE_MODEL,
      faces,
      samples: measured.samples,
      durationSec: measured.durationSec,
      ms: measured.ms,
    };
  }
}
