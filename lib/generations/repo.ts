import { isResolution, LEGACY_RESOLUTION, profileOfClip } from "@/lib/models/profiles";
import "server-only";
import { toPersonDTO } from "@/lib/activity/people";
import {
  belongsToCharacter,
  type ClipCharacter,
  charactersOfClips,
  referenceOfCharacterNamed,
} from "@/lib/characters/lineage";
import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { toIdentityDTO } from "@/lib/identity/dto";
import { mediaUrl } from "@/lib/media/keys";
import type { LogLine, ProviderId } from "@/lib/providers/types";
import type { ReviewStatus } from "@/lib/review/schema";
import { toAssetDTO } from "@/lib/uploads/ingest";
import type { GalleryFilter, GenerationDTO, GenerationPage, GenerationReferenceVideoDTO } from "./dto";
import type { AspectRatio, GenerationStatus, ThinkingLevel } from "./schema";
import { IN_FLIGHT_STATUSES } from "./state";

export const generationInclude = {
  references: { orderBy: { position: "asc" }, include: { asset: true } },
  videoReferences: { orderBy: { position: "asc" }, include: { asset: true } },
} satisfies Prisma.GenerationInclude;

/** A generation with its references (images, then videos): what the worker needs. */
export type GenerationRecord = Prisma.GenerationGetPayload<{ include: typeof generationInclude }>;

/** What people see also says who made the clip (one look-up by primary key for a whole page). */
export const generationViewInclude = {
  ...generationInclude,
  createdBy: { select: { id: true, name: true } },
  identity: { select: { status: true, result: true, scoredAt: true } },
} satisfies Prisma.GenerationInclude;
export type GenerationView = Prisma.GenerationGetPayload<{ include: typeof generationViewInclude }>;
/** ... how many comments it has and which characters it belongs to: what people see. */
export type GenerationRow = GenerationView & { commentCount: number; characters: ClipCharacter[] };

/**
 * Adds comment counts with one query over these rows' ids (served by the (generationId, atSec) index).
 * Not Prisma's `_count` include: that joins an aggregate of the whole Comment table to every read, which
 * kept the gallery's query off its index.
 */
export async function withCommentCounts(db: DbTx, rows: GenerationView[]): Promise<GenerationRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [counts, characters] = await Promise.all([
    db.comment.groupBy({
      by: ["generationId"],
      where: { generationId: { in: ids } },
      _count: { _all: true },
    }),
    // The characters a clip belongs to (lib/characters/lineage.ts): one more query for the whole page.
    charactersOfClips(db, ids),
  ]);
  const byId = new Map(counts.map((c) => [c.generationId, c._count._all]));
  return rows.map((r) => ({
    ...r,
    commentCount: byId.get(r.id) ?? 0,
    characters: characters.get(r.id) ?? [],
  }));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toGenerationDTO(row: GenerationRow): GenerationDTO {
  return {
    id: row.id,
    status: row.status,
    prompt: row.prompt,
    references: row.references.map((r) => ({
      ...toAssetDTO(r.asset),
      position: r.position,
      label: r.label || r.asset.originalName,
      characterId: r.characterId,
    })),
    referenceVideos: row.videoReferences.map((r) => toReferenceVideoDTO(r)),
    duration: row.duration,
    aspectRatio: row.aspectRatio as AspectRatio,
    provider: row.provider as ProviderId,
    modelId: row.modelId,
    ...versionOf(row),
    isPreview: row.provider === "preview",
    takeGroupId: row.takeGroupId,
    takeIndex: row.takeIndex,
    takeCount: row.takeCount,
    retryOfId: row.retryOfId,
    draftOfId: row.draftOfId,
    projectId: row.projectId,
    shotId: row.shotId,
    createdBy: row.createdBy ? toPersonDTO(row.createdBy) : null,
    seed: row.seed,
    thinkingLevel: row.thinkingLevel as ThinkingLevel | null,
    favorite: row.favorite,
    reviewStatus: row.reviewStatus,
    chosen: row.chosen,
    commentCount: row.commentCount,
    requestId: row.requestId,
    queuePosition: row.queuePosition,
    logs: Array.isArray(row.logs) ? (row.logs as unknown as LogLine[]) : [],
    error: row.errorCode
      ? { code: row.errorCode, message: row.errorMessage ?? "", retryable: row.errorRetryable ?? false }
      : null,
    estimatedCostUsd: row.estimatedCostUsd,
    actualCostUsd: row.actualCostUsd,
    videoUrl: row.videoKey ? mediaUrl(row.videoKey) : null,
    posterUrl: row.posterKey ? mediaUrl(row.posterKey) : null,
    hoverUrl: row.hoverKey ? mediaUrl(row.hoverKey) : null,
    videoDurationSec: row.videoDurationSec,
    identity: toIdentityDTO(row.identity),
    characters: row.characters,
    createdAt: row.createdAt.toISOString(),
    submittedAt: iso(row.submittedAt),
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A clip's reference video: its asset (moving thumbnail, poster, length), position and label. */
function toReferenceVideoDTO(r: GenerationRecord["videoReferences"][number]): GenerationReferenceVideoDTO {
  const asset = toAssetDTO(r.asset);
  return {
    ...asset,
    kind: "video",
    video: asset.video ?? { durationSec: 0, hasAudio: false, posterUrl: asset.thumbUrl },
    position: r.position,
    label: r.label || r.asset.originalName,
    characterId: r.characterId,
  };
}

/** A generation, deleted ones included (the worker and undo need them); reads for people use findVisible. */
export async function findGeneration(db: DbTx, id: string): Promise<GenerationRow | null> {
  const row = await db.generation.findUnique({ where: { id }, include: generationViewInclude });
  return row ? ((await withCommentCounts(db, [row]))[0] ?? null) : null;
}

/** The worker's read on every step: the row and its references, nothing more. */
export async function findGenerationRecord(db: DbTx, id: string): Promise<GenerationRecord | null> {
  return db.generation.findUnique({ where: { id }, include: generationInclude });
}

export async function findVisibleGeneration(db: DbTx, id: string): Promise<GenerationRow | null> {
  if (!/^[a-z0-9]{8,64}$/.test(id)) return null;
  const row = await db.generation.findFirst({
    where: { id, deletedAt: null },
    include: generationViewInclude,
  });
  return row ? ((await withCommentCounts(db, [row]))[0] ?? null) : null;
}

const FILTER_STATUSES: Record<Exclude<GalleryFilter, "all">, GenerationStatus[]> = {
  active: [...IN_FLIGHT_STATUSES],
  completed: ["completed"],
  failed: ["failed"],
  canceled: ["canceled"],
};

export interface ListOptions {
  cursor?: { createdAt: Date; id: string };
  limit: number;
  filter?: GalleryFilter;
  /**
   * Case-insensitive text the prompt, a reference's name (image or video) or its saved character's name
   * must contain: the gallery shows those names as chips, so people search by them.
   */
  q?: string;
  favorite?: boolean;
  review?: ReviewStatus;
  /** Hide the takes a team did not choose (single clips stay). */
  chosenOnly?: boolean;
  /** Reverse lookup: clips that used this reference image, or belong to this character (its lineage). */
  assetId?: string;
  characterId?: string;
  /** Only clips this user made (GET /api/generations?creator=me|<user id>). */
  createdById?: string;
  /** Only the finals made of this draft (Make final), for the draft's page. */
  draftOfId?: string;
  /** Only these clips (a share link checks whether a gallery view finds a clip). */
  ids?: string[];
  /** Only the takes of this group (the clip page's take switcher); served by the takeGroupId index. */
  takeGroupId?: string;
  /** Only the clips of this project (?project=), served by the (projectId, createdAt) index. */
  projectId?: string;
  /** Only the takes of this shot (?shot=). */
  shotId?: string;
}

/** What a list is filtered by, without its page: the clip page's neighbours walk the same view. */
export type ListFilter = Omit<ListOptions, "cursor" | "limit">;

// Cursor = base64url("<createdAt ISO>|<id>"): stable under inserts, served by the (createdAt, id) index.
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const [at, id] = text.split("|");
  if (!at || !id || !/^[a-z0-9]{8,64}$/.test(id)) return null;
  const createdAt = new Date(at);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
}

/** The conditions a list's filter puts on its rows (deleted clips never show). */
export function listFilterWhere(options: ListFilter): Prisma.GenerationWhereInput[] {
  const { filter = "all", q } = options;
  const and: Prisma.GenerationWhereInput[] = [{ deletedAt: null }];
  if (filter !== "all") and.push({ status: { in: FILTER_STATUSES[filter] } });
  if (q) {
    const text = { contains: q, mode: "insensitive" } as const;
    const named = { OR: [{ label: text }, referenceOfCharacterNamed(text)] };
    const namedVideo = { OR: [{ label: text }, { character: { name: text } }] };
    and.push({
      OR: [{ prompt: text }, { references: { some: named } }, { videoReferences: { some: namedVideo } }],
    });
  }
  if (options.favorite) and.push({ favorite: true });
  if (options.review) and.push({ reviewStatus: options.review });
  if (options.chosenOnly) and.push({ OR: [{ takeGroupId: null }, { chosen: true }] });
  if (options.assetId) {
    const assetId = options.assetId;
    and.push({ OR: [{ references: { some: { assetId } } }, { videoReferences: { some: { assetId } } }] });
  }
  if (options.characterId) and.push(belongsToCharacter(options.characterId));
  // Served by the (createdById, createdAt) index.
  if (options.createdById) and.push({ createdById: options.createdById });
  if (options.draftOfId) and.push({ draftOfId: options.draftOfId });
  if (options.ids) and.push({ id: { in: options.ids } });
  if (options.takeGroupId) and.push({ takeGroupId: options.takeGroupId });
  if (options.projectId) and.push({ projectId: options.projectId });
  if (options.shotId) and.push({ shotId: options.shotId });
  return and;
}

export async function listGenerations(db: DbTx, options: ListOptions): Promise<GenerationPage> {
  const { cursor, limit } = options;
  const and = listFilterWhere(options);
  if (cursor) {
    // The first bound is implied by the second; it is there because it is what the index can seek to
    // (an OR alone is only a filter: a page 9,000 clips deep read and dropped 9,000 index entries).
    and.push({ createdAt: { lte: cursor.createdAt } });
    and.push({
      OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
    });
  }
  const where: Prisma.GenerationWhereInput = { AND: and };
  const rows = await db.generation.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: generationViewInclude,
  });
  const page = await withCommentCounts(db, rows.slice(0, limit));
  const last = page.at(-1);
  return {
    items: page.map(toGenerationDTO),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** A clip's version and tier; clips made before versions existed are their provider's first, at 720p. */
function versionOf(row: { provider: string; modelVersion: string | null; resolution: string | null }) {
  const profile = profileOfClip({ provider: row.provider as ProviderId, modelVersion: row.modelVersion });
  return {
    modelVersion: profile.id,
    modelLabel: profile.label,
    resolution: isResolution(row.resolution) ? row.resolution : LEGACY_RESOLUTION,
  };
}
