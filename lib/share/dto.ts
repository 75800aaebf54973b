// JSON shapes of share links, for the studio's share dialog and the guest's page. Types only.
import type { LinkPermission } from "@/lib/auth/actor";
import type { AspectRatio, GenerationStatus } from "@/lib/generations/limits";
import type { ReviewStatus } from "@/lib/review/limits";
import type { ShareKind } from "./limits";

/** A link as members see it (the secret is never in it: it is shown once, when the link is made). */
export interface ShareLinkDTO {
  id: string;
  kind: ShareKind;
  target: string;
  /** The project what it shares belongs to; null for a gallery view across all projects. */
  projectId: string | null;
  title: string | null;
  permissions: LinkPermission[];
  hasPassword: boolean;
  expiresAt: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  revokedAt: string | null;
  lastUsedAt: string | null;
  status: "active" | "revoked" | "expired";
}

/** POST /api/share-links: the link, and its address with the secret, shown this once. */
export interface CreatedShareLinkDTO {
  link: ShareLinkDTO;
  token: string;
  /** `/r/<token>`. */
  path: string;
  /** The full address when the studio knows its public one (PUBLIC_BASE_URL), else from the request. */
  url: string;
}

/**
 * A clip as a guest sees it: what reviewing needs, and nothing of the studio's own business (no costs,
 * provider, request ids, logs, errors, creator, other clips). Media URLs go through the link
 * (/api/r/<token>/media/<key>).
 */
export interface GuestReferenceDTO {
  position: number;
  label: string;
  thumbUrl: string;
}

export interface GuestClipDTO {
  id: string;
  status: GenerationStatus;
  prompt: string;
  aspectRatio: AspectRatio;
  duration: number;
  videoDurationSec: number | null;
  /** Made by the studio's local preview engine (a slideshow of the references, not the model's output). */
  isPreview: boolean;
  takeIndex: number;
  takeCount: number;
  reviewStatus: ReviewStatus;
  commentCount: number;
  references: GuestReferenceDTO[];
  /** Reference videos (position n is <VIDEO_REF_n>); their thumbnails are short animated WebPs. */
  referenceVideos: GuestReferenceDTO[];
  videoUrl: string | null;
  posterUrl: string | null;
  createdAt: string;
}

export interface GuestLinkDTO {
  kind: ShareKind;
  title: string | null;
  permissions: LinkPermission[];
  expiresAt: string;
  /** Who shared it (their name only). */
  sharedBy: string;
}

/** A sequence in a project or sequence link's list: what its row shows. */
export interface GuestSequenceSummaryDTO {
  id: string;
  title: string;
  aspectRatio: AspectRatio;
  shotCount: number;
  /** Shots with a chosen take, and those takes' seconds added up: what plays. */
  chosenCount: number;
  durationSec: number;
  posterUrl: string | null;
}

/** A shot as a guest sees it: its place, its title, and its chosen take (what plays), if any. */
export interface GuestShotDTO {
  id: string;
  position: number;
  title: string;
  chosen: GuestClipDTO | null;
}

/** GET /api/r/<token>/sequences/<id>: a sequence to watch end to end and review on its own clock. */
export interface GuestSequenceDTO {
  id: string;
  title: string;
  aspectRatio: AspectRatio;
  shots: GuestShotDTO[];
}

/** A comment on a sequence's clock, as a guest sees it (lib/sequences/review.ts places it). */
export interface GuestSequenceCommentDTO extends GuestCommentDTO {
  shotId: string;
  shotPosition: number;
  shotTitle: string;
  sequenceSec: number;
  /** A reply's thread (the list shows threads' first comments). */
  parentId: string | null;
  resolvedAt: string | null;
}

/** GET /api/r/<token>: the link, who the guest is, and a page of what it shares. */
export interface GuestViewDTO {
  link: GuestLinkDTO;
  guest: { name: string };
  /** The sequences it lets the guest watch (project and sequence links). */
  sequences: GuestSequenceSummaryDTO[];
  clips: GuestClipDTO[];
  /** Gallery views page like the gallery: pass it back as `?cursor=`. */
  nextCursor: string | null;
}

export interface GuestCommentDTO {
  id: string;
  atSec: number;
  body: string;
  /** "Ana (guest)" for a guest's comment, the member's name otherwise. */
  authorName: string;
  guest: boolean;
  /** Whether this guest (this browser, on this link) wrote it. */
  mine: boolean;
  createdAt: string;
}
