import "server-only";
import pLimit from "p-limit";
import type { Db } from "@/lib/db/client";
import { publishChange } from "@/lib/live/change-bus";
import { makeHoverRendition, needsHoverRendition } from "@/lib/media/hover";
import { probeVideo } from "@/lib/media/probe";
import type { MediaStore } from "@/lib/media/storage";
import type { Resolution } from "@/lib/models/profiles";

/** Tiers whose clips are stored above 720p: where a restart may have left a rendition unmade. */
const LARGE_TIERS: Resolution[] = ["1080p", "4k"];
/** Clips one sweep picks up at most; a later start picks up the rest. */
const SWEEP_LIMIT = 200;

export interface HoverRenditionDeps {
  prisma: Db;
  store: MediaStore;
  log?: (message: string) => void;
}

/**
 * Makes the hover renditions of saved clips (lib/media/hover.ts), after the save and one at a time: a 4K
 * clip's takes about 4 CPU s, and the cores belong to renders and saves first. Each job reads its row
 * again, so a clip deleted meanwhile, or whose rendition another instance made, is left alone. A
 * rendition lost to a restart is found again by the sweep at start; until it exists, cards play the
 * stored file, so nothing waits on it.
 */
export class HoverRenditions {
  private readonly queue = pLimit(1);
  private readonly pending = new Map<string, Promise<void>>();
  private controller = new AbortController();

  constructor(private readonly deps: HoverRenditionDeps) {}

  /** Makes the rendition of clip `id` when it needs one; repeated asks share one job. */
  request(id: string): Promise<void> {
    let job = this.pending.get(id);
    if (!job) {
      const { signal } = this.controller;
      job = this.queue(() => this.make(id, signal))
        .catch((err: unknown) => {
          if (!signal.aborted)
            this.deps.log?.(
              `generation ${id}: no hover rendition (${err instanceof Error ? err.message : String(err)})`,
            );
        })
        .finally(() => this.pending.delete(id));
      this.pending.set(id, job);
    }
    return job;
  }

  /** Starts work again after stop() and looks for clips a restart left without their rendition. */
  async start(): Promise<number> {
    if (this.controller.signal.aborted) this.controller = new AbortController();
    const rows = await this.deps.prisma.generation.findMany({
      where: {
        status: "completed",
        deletedAt: null,
        videoKey: { not: null },
        hoverKey: null,
        resolution: { in: LARGE_TIERS },
      },
      select: { id: true },
      orderBy: { createdAt: "desc" },
      take: SWEEP_LIMIT,
    });
    for (const row of rows) void this.request(row.id);
    return rows.length;
  }

  /** Resolves once every rendition asked for so far is made (or given up). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending.values());
  }

  /** Stops the rendition being made (its ffmpeg is killed) and drops the waiting ones. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.idle();
  }

  private async make(id: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const { prisma, store } = this.deps;
    const row = await prisma.generation.findUnique({
      where: { id },
      select: { videoKey: true, hoverKey: true, deletedAt: true },
    });
    if (!row?.videoKey || row.hoverKey || row.deletedAt) return;
    const probe = await store.withLocalFile(row.videoKey, (file) => probeVideo(file, signal));
    // A tier above 720p that came back at 720p or less plays as stored: its own file is the small one.
    const hoverKey = needsHoverRendition(probe)
      ? (await makeHoverRendition(store, row.videoKey, { signal })).key
      : row.videoKey;
    const { count } = await prisma.generation.updateMany({
      where: { id, videoKey: row.videoKey, hoverKey: null },
      data: { hoverKey },
    });
    // What a card plays changed: lists refetch as for a status change (a progress change would refresh
    // only the clip's own page).
    if (count === 1) publishChange(prisma, { kind: "generation.status", generationId: id });
  }
}
