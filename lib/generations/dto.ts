// JSON shapes the API and the browser share. Browser-safe: types only.

import type { PersonDTO } from "@/lib/activity/dto";
import type { ModelVersionId, Resolution } from "@/lib/models/profiles";
import type { LogLine, ProviderError, ProviderId } from "@/lib/providers/types";
import type { ReviewStatus } from "@/lib/review/schema";
import type { AspectRatio, GenerationStatus, ThinkingLevel } from "./schema";

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
  thumbUrl: string;
}

export interface GenerationReferenceDTO extends AssetDTO {
  /** 0-based: the prompt's <IMAGE_REF_{position}>. */
  position: number;
  /** The short name the reference had in the composer for this clip (defaults to the file name). */
  label: string;
  /** The saved character this reference came from, if any. */
  characterId: string | null;
}

export interface GenerationDTO {
  id: string;
  status: GenerationStatus;
  prompt: string;
  references: GenerationReferenceDTO[];
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
  /** Real duration of the stored file. */
  videoDurationSec: number | null;
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

export const GALLERY_FILTERS = ["all", "active", "completed", "failed", "canceled"] as const;
export type GalleryFilter = (typeof GALLERY_FILTERS)[number];

export interface SpendDTO {
  /** Spend today (server's UTC day): completed clips at their cost plus clips in flight at their estimate. */
  todayUsd: number;
  /** Start of the day counted, ISO. */
  since: string;
}
