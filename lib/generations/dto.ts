import type { IdentityDTO } from "@/lib/identity/dto";
// JSON shapes the API and the browser share. Browser-safe: types only.

import type { PersonDTO } from "@/lib/activity/dto";
import type { ModelVersionId, Resolution } from "@/lib/models/profiles";
import type { LogLine, ProviderError, ProviderId } from "@/lib/providers/types";
import type { ReviewStatus } from "@/lib/review/schema";
import type { AspectRatio, GenerationStatus, ThinkingLevel } from "./schema";

export type AssetKind = "image" | "video";

/** What only a reference video has. */
export interface VideoAssetInfo {
  /** Its length in seconds (ffprobe). */
  durationSec: number;
  /** Whether it has a sound track (fal ignores it; a preview may play it). */
  hasAudio: boolean;
  /** A still frame (WebP); the asset's thumbUrl is its moving thumbnail (animated WebP). */
  posterUrl: string;
}

export interface AssetDTO {
  id: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  /** Original file name as uploaded (sanitized). */
  name: string;
  url: string;
  /** A small WebP: the image scaled down, or a video's few frames moving (animated). */
  thumbUrl: string;
  /** Always sent by the server; absent only in drafts a browser saved before videos (images). */
  kind?: AssetKind;
  /** Set for videos. */
  video?: VideoAssetInfo;
  /** A still taken from a clip ("Continue from here"): which clip, and when in it. */
  frameOf?: { generationId: string; atSec: number };
}

export interface GenerationReferenceDTO extends AssetDTO {
  /** 0-based: the prompt's <IMAGE_REF_{position}>. */
  position: number;
  /** The short name the reference had in the composer for this clip (defaults to the file name). */
  label: string;
  /** The saved character this reference came from, if any. */
  characterId: string | null;
}

/** A reference video of a clip: position n is the prompt's <VIDEO_REF_n> (numbered apart from images). */
export interface GenerationReferenceVideoDTO extends AssetDTO {
  kind: "video";
  video: VideoAssetInfo;
  position: number;
  label: string;
  characterId: string | null;
}

export interface GenerationDTO {
  id: string;
  status: GenerationStatus;
  prompt: string;
  references: GenerationReferenceDTO[];
  /** Reference videos in order (empty for clips without any). */
  referenceVideos: GenerationReferenceVideoDTO[];
  duration: number;
  aspectRatio: AspectRatio;
  provider: ProviderId;
  modelId: string;
  /** The model version it was made with (lib/models/profiles.ts), and its short label. */
  modelVersion: ModelVersionId;
  modelLabel: string;
  /** The tier it was rendered at. */
  resolution: Resolution;
  /** True for clips made by the local preview engine: never AI output. */
  isPreview: boolean;
  /** Takes submitted together share a group id; index is 0-based within the group. */
  takeGroupId: string | null;
  takeIndex: number;
  takeCount: number;
  /** The failed or finished clip this one re-runs (Retry), if any. */
  retryOfId: string | null;
  /** The draft this clip is the final of (Make final), if any. */
  draftOfId: string | null;
  /** The project it belongs to (lib/projects); null only for a row older than projects that none took. */
  projectId: string | null;
  /** The shot it is a take of (lib/sequences), if it was made for one. */
  shotId: string | null;
  /** The member who asked for it (or retried it); null when made by a guest link or before accounts. */
  createdBy: PersonDTO | null;
  /** Provider controls used (AtlasCloud): seed (-1 = random) and thinking level; null where not used. */
  seed: number | null;
  thinkingLevel: ThinkingLevel | null;
  /** Review. */
  favorite: boolean;
  reviewStatus: ReviewStatus;
  /** The take the team chose within its group. */
  chosen: boolean;
  commentCount: number;
  requestId: string | null;
  queuePosition: number | null;
  logs: LogLine[];
  error: ProviderError | null;
  estimatedCostUsd: number;
  actualCostUsd: number | null;
  videoUrl: string | null;
  posterUrl: string | null;
  /**
   * The small, silent copy gallery cards hover-play (lib/media/hover.ts). Null for a clip stored at 720p
   * or less (its own file is small enough: play videoUrl) and, above 720p, for the seconds until it is
   * made after the save (videoUrl plays meanwhile). The clip page always plays videoUrl.
   */
  hoverUrl: string | null;
  /** Real duration of the stored file. */
  videoDurationSec: number | null;
  /**
   * The characters it belongs to: it used one of their images (or their video), made before or after the
   * character was saved (lib/characters/lineage.ts). By name.
   */
  characters: { id: string; name: string }[];
  /** How well it keeps its reference faces (lib/identity); null until queued after completing. */
  identity: IdentityDTO | null;
  createdAt: string;
  submittedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  updatedAt: string;
}

export interface GenerationPage {
  items: GenerationDTO[];
  nextCursor: string | null;
}

/** A clip beside another in a gallery view (GET /api/generations/:id/neighbors): enough to name it. */
export interface ClipNeighbor {
  id: string;
  prompt: string;
  references: Pick<GenerationReferenceDTO, "position" | "label">[];
  takeIndex: number;
  /** 1 for a clip outside a take group. */
  takeCount: number;
}

/** The clips before (newer) and after (older) one in a gallery view; null at either end. */
export interface ClipNeighbors {
  prev: ClipNeighbor | null;
  next: ClipNeighbor | null;
}

export const GALLERY_FILTERS = ["all", "active", "completed", "failed", "canceled"] as const;
export type GalleryFilter = (typeof GALLERY_FILTERS)[number];

export interface SpendDTO {
  /** Spend today (server's UTC day): completed clips at their cost plus clips in flight at their estimate. */
  todayUsd: number;
  /** Start of the day counted, ISO. */
  since: string;
}
