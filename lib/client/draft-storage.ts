import type { AssetDTO, GenerationDTO, VideoAssetInfo } from "@/lib/generations/dto";
import {
  ASPECT_RATIOS,
  MAX_PROMPT_CHARS,
  MAX_TAKES,
  PROVIDER_IDS,
  THINKING_LEVELS,
} from "@/lib/generations/limits";
import { isModelVersionId, isResolution, WIDEST } from "@/lib/models/profiles";
import type { Draft, DraftContent, DraftReference } from "./draft";
import { cleanReferenceName, defaultReferenceName } from "./reference-files";

// Drafts are never lost: the composer's content is kept in localStorage (stored references only: a file
// still uploading cannot be kept) and read back, checked, on the next load.
//
// The check is written out here rather than with zod: it runs on every first load, before the composer
// shows, and the format is our own; zod stays out of the first load (lib/generations/limits.ts).

export const DRAFT_STORAGE_KEY = "omni-studio:draft:v1";

export interface StoredReference {
  key: string;
  name: string;
  asset: AssetDTO;
  characterId?: string | null;
}

/** A draft's content as stored: references that finished uploading, and the draft's idempotency key. */
export type StoredDraft = Omit<DraftContent, "references" | "videos"> & {
  references: StoredReference[];
  videos: StoredReference[];
  idempotencyKey: string;
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown, min = 0, max = Number.POSITIVE_INFINITY): v is string =>
  typeof v === "string" && v.length >= min && v.length <= max;
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isIntIn = (v: unknown, min: number, max: number): v is number =>
  Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);

/** A video's own fields (length, sound, poster), or null when one is missing or of the wrong kind. */
function readVideoInfo(v: unknown): VideoAssetInfo | null {
  if (!isObject(v)) return null;
  const { durationSec, hasAudio, posterUrl } = v;
  if (!isNumber(durationSec) || typeof hasAudio !== "boolean" || !isString(posterUrl)) return null;
  return { durationSec, hasAudio, posterUrl };
}

/** The fields of an AssetDTO, and only those; null when one is missing or of the wrong kind. */
function readAsset(v: unknown, kind: "image" | "video" = "image"): AssetDTO | null {
  if (!isObject(v)) return null;
  const { id, sha256, mime, width, height, bytes, name, url, thumbUrl } = v;
  if (!isString(id, 1, 64) || !isString(sha256) || !isString(mime) || !isString(name)) return null;
  if (!isString(url) || !isString(thumbUrl)) return null;
  if (!isNumber(width) || !isNumber(height) || !isNumber(bytes)) return null;
  const asset: AssetDTO = { id, sha256, mime, width, height, bytes, name, url, thumbUrl };
  if (kind === "image") return v.kind === "video" ? null : asset;
  const video = readVideoInfo(v.video);
  return v.kind === "video" && video ? { ...asset, kind: "video", video } : null;
}

function readReference(v: unknown, kind: "image" | "video" = "image"): StoredReference | null {
  if (!isObject(v) || !isString(v.key, 1, 64) || !isString(v.name, 0, 200)) return null;
  const asset = readAsset(v.asset, kind);
  if (!asset) return null;
  const { characterId } = v;
  if (characterId !== undefined && characterId !== null && !isString(characterId, 0, 64)) return null;
  return { key: v.key, name: v.name, asset, ...(characterId !== undefined ? { characterId } : {}) };
}

/**
 * A stored draft, checked field by field; null when anything required is missing or out of range. The
 * ranges are the widest any model version allows: a draft over its own version's limit is kept (the
 * composer flags it), as it was when it was stored.
 */
function readStored(v: unknown): StoredDraft | null {
  if (!isObject(v) || !Array.isArray(v.references) || v.references.length > WIDEST.images) return null;
  const references: StoredReference[] = [];
  for (const r of v.references) {
    const ref = readReference(r);
    if (!ref) return null;
    references.push(ref);
  }
  // Drafts stored before reference videos have none.
  const rawVideos = v.videos === undefined ? [] : v.videos;
  if (!Array.isArray(rawVideos) || rawVideos.length > WIDEST.videos) return null;
  const videos: StoredReference[] = [];
  for (const r of rawVideos) {
    const ref = readReference(r, "video");
    if (!ref) return null;
    videos.push(ref);
  }
  const { prompt, duration, aspectRatio, takes, idempotencyKey } = v;
  // A stored draft may be over the limit (the lint says so); cap only absurd sizes.
  if (!isString(prompt, 0, MAX_PROMPT_CHARS * 4)) return null;
  if (!isIntIn(duration, WIDEST.minDuration, WIDEST.maxDuration) || !isIntIn(takes, 1, MAX_TAKES))
    return null;
  if (!isOneOf(ASPECT_RATIOS, aspectRatio)) return null;
  if (!isString(idempotencyKey) || !/^[A-Za-z0-9_-]{8,128}$/.test(idempotencyKey)) return null;
  return {
    references,
    videos,
    prompt,
    duration,
    aspectRatio,
    takes,
    // Drafts stored before providers could be picked have none of these (or a value no longer
    // offered): they follow the server's default.
    provider: isOneOf(PROVIDER_IDS, v.provider) ? v.provider : null,
    // Likewise drafts stored before versions and tiers: the provider's default version, its default tier.
    version: isModelVersionId(v.version) ? v.version : null,
    resolution: isResolution(v.resolution) ? v.resolution : null,
    seedText: isString(v.seedText, 0, 20) ? v.seedText : "",
    thinkingLevel: isOneOf(THINKING_LEVELS, v.thinkingLevel) ? v.thinkingLevel : "default",
    idempotencyKey,
  };
}

/** The references that finished uploading, as stored. */
const storedList = (list: readonly DraftReference[]): StoredReference[] =>
  list.flatMap((r) =>
    r.asset
      ? [
          {
            key: r.key,
            name: r.name,
            asset: r.asset,
            ...(r.characterId ? { characterId: r.characterId } : {}),
          },
        ]
      : [],
  );

export function toStored(draft: Draft): StoredDraft {
  return {
    references: storedList(draft.references),
    videos: storedList(draft.videos),
    prompt: draft.prompt,
    duration: draft.duration,
    aspectRatio: draft.aspectRatio,
    takes: draft.takes,
    provider: draft.provider,
    version: draft.version,
    resolution: draft.resolution,
    seedText: draft.seedText,
    thinkingLevel: draft.thinkingLevel,
    idempotencyKey: draft.idempotencyKey,
  };
}

export function storedReference(ref: StoredReference): DraftReference {
  return {
    key: ref.key,
    name: cleanReferenceName(ref.name) || defaultReferenceName(ref.asset.name),
    fileName: ref.asset.name,
    previewUrl: previewOf(ref.asset),
    status: "ready",
    progress: 1,
    asset: ref.asset,
    ...(ref.characterId ? { characterId: ref.characterId } : {}),
  };
}

/** The stored draft, or null when there is none or it cannot be trusted. */
export function parseStored(raw: string | null): { content: DraftContent; idempotencyKey: string } | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const stored = readStored(json);
  if (!stored) return null;
  // readStored builds exactly the stored fields, so the rest is the draft's content as it is.
  const { references, videos, idempotencyKey, ...rest } = stored;
  return {
    content: { ...rest, references: references.map(storedReference), videos: videos.map(storedReference) },
    idempotencyKey,
  };
}

export function readStoredDraft() {
  try {
    return parseStored(window.localStorage.getItem(DRAFT_STORAGE_KEY));
  } catch {
    return null;
  }
}

export function writeStoredDraft(draft: Draft): void {
  try {
    window.localStorage.setItem(DRAFT_STORAGE_KEY, JSON.stringify(toStored(draft)));
  } catch {
    // Storage full or disabled (private mode): the draft still lives in the page.
  }
}

/** A stored reference as the draft holds it. */
export function readyReference(
  asset: AssetDTO,
  label: string,
  key: string,
  characterId?: string | null,
): DraftReference {
  return {
    key,
    name: cleanReferenceName(label) || defaultReferenceName(asset.name),
    fileName: asset.name,
    previewUrl: previewOf(asset),
    status: "ready",
    progress: 1,
    asset,
    ...(characterId !== undefined ? { characterId } : {}),
  };
}

/** What a tile shows first: an image's thumbnail, a video's still poster (its moving thumbnail plays on top). */
export function previewOf(asset: AssetDTO): string {
  return asset.video?.posterUrl ?? asset.thumbUrl;
}

/** A clip's inputs as draft content, for "Use these settings". */
export function contentFromGeneration(generation: GenerationDTO, key: (i: number) => string): DraftContent {
  const byPosition = <T extends { position: number }>(list: readonly T[]) =>
    [...list].sort((a, b) => a.position - b.position);
  const references = byPosition(generation.references).map(
    ({ position: _position, label, characterId, ...asset }, i) =>
      readyReference(asset, label, key(i), characterId),
  );
  const videos = byPosition(generation.referenceVideos ?? []).map(
    ({ position: _position, label, characterId, ...asset }, i) =>
      readyReference(asset, label, key(references.length + i), characterId),
  );
  return {
    references,
    videos,
    prompt: generation.prompt,
    duration: generation.duration,
    aspectRatio: generation.aspectRatio,
    takes: Math.min(MAX_TAKES, Math.max(1, generation.takeCount || 1)),
    // The same provider, version, tier and controls, so a clip with a seed can be made again exactly.
    provider: generation.provider,
    version: generation.modelVersion,
    resolution: generation.resolution,
    seedText: generation.seed !== null && generation.seed >= 0 ? String(generation.seed) : "",
    thinkingLevel: generation.thinkingLevel ?? "default",
  };
}
