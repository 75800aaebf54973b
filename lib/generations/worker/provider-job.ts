import "server-only";
import type { Db } from "@/lib/db/client";
import type { Generation } from "@/lib/db/generated/client";
import type { MediaStore } from "@/lib/media/storage";
import { isResolution, LEGACY_RESOLUTION, profileOfClip } from "@/lib/models/profiles";
import type { ProviderJob, ProviderStatus } from "@/lib/providers/types";
import type { AspectRatio, ProviderId, ThinkingLevel } from "../limits";
import { findGenerationRecord, type GenerationRecord } from "../repo";
import { AT_PROVIDER_STATUSES } from "../state";

export type References = GenerationRecord["references"];
export type VideoReferences = GenerationRecord["videoReferences"];

const toProviderReference = (store: MediaStore, asset: References[number]["asset"]) => ({
  assetId: asset.id,
  sha256: asset.sha256,
  mime: asset.mime,
  withFile: <T>(fn: (file: string) => Promise<T>) => store.withLocalFile(asset.mediaKey, fn),
  fileName: asset.originalName,
});

/**
 * The provider's view of a job. `references` are the row's, for the steps that send them or name them
 * in an error (submit, result, cancel); a status poll needs only the request id.
 */
export function providerJob(
  store: MediaStore,
  row: Generation,
  references: References = [],
  videos: VideoReferences = [],
): ProviderJob {
  return {
    generationId: row.id,
    requestId: row.requestId ?? "",
    input: {
      modelId: row.modelId,
      profile: profileOfClip({ provider: row.provider as ProviderId, modelVersion: row.modelVersion }),
      resolution: isResolution(row.resolution) ? row.resolution : LEGACY_RESOLUTION,
      prompt: row.prompt,
      duration: row.duration,
      aspectRatio: row.aspectRatio as AspectRatio,
      ...(row.seed !== null ? { seed: row.seed } : {}),
      ...(row.thinkingLevel ? { thinkingLevel: row.thinkingLevel as ThinkingLevel } : {}),
      references: references.map((r) => toProviderReference(store, r.asset)),
      ...(videos.length ? { videos: videos.map((r) => toProviderReference(store, r.asset)) } : {}),
    },
  };
}

/**
 * The row's references, for the provider steps after submit that may name one in an error. [] when the
 * row is gone or the read fails (the database is away): the step still runs, and an error about an
 * image then says its number without its name.
 */
export async function referencesOf(prisma: Db, row: Generation): Promise<References> {
  const full = await findGenerationRecord(prisma, row.id).catch(() => null);
  return full?.references ?? [];
}

/**
 * When a job that finished between two status calls started, from how long its provider says it ran
 * (counted back from now, never before it was sent). Nothing when the start was seen, or is not known.
 */
export function startOf(
  row: Pick<Generation, "startedAt" | "submittedAt">,
  status: ProviderStatus,
  now = Date.now(),
): { startedAt?: Date } {
  if (row.startedAt || status.state !== "completed" || status.ranSeconds === undefined) return {};
  const at = now - status.ranSeconds * 1000;
  return { startedAt: new Date(Math.min(now, Math.max(at, row.submittedAt?.getTime() ?? at))) };
}

/**
 * How many jobs wait at providers, across every studio instance: the poll schedule shares its status
 * calls among them. Counted at most every 5 s; a failed count keeps the last.
 */
export class ProviderLoad {
  count = 0;
  private at = 0;

  constructor(private readonly prisma: Db) {}

  async current(): Promise<number> {
    if (Date.now() - this.at < 5_000) return this.count;
    this.at = Date.now();
    try {
      this.count = await this.prisma.generation.count({
        where: { status: { in: [...AT_PROVIDER_STATUSES] } },
      });
    } catch {
      // The database is briefly away: the last count is good enough for spacing polls.
    }
    return this.count;
  }

  /** Counted at once, not at the next count: a burst of submits spaces its own first polls. */
  sent() {
    this.count += 1;
  }
}
