import "server-only";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { SequenceDTO, SequenceSummaryDTO } from "@/lib/sequences/dto";
import type {
  GuestClipDTO,
  GuestLinkDTO,
  GuestReferenceDTO,
  GuestSequenceDTO,
  GuestSequenceSummaryDTO,
  GuestViewDTO,
} from "./dto";
import type { ReadyGuest } from "./guest";
import { linkPermissions } from "./links";

// What a guest's page and GET /api/r/<token> show: the clips the link shares, stripped to what reviewing
// needs (lib/share/dto.ts GuestClipDTO), with media addressed through the link.

/** `/api/r/<token>/media/<key>` for a member's `/api/media/<key>`. */
export function guestMediaUrl(token: string, memberUrl: string | null): string | null {
  return memberUrl ? `/api/r/${token}/media/${memberUrl.slice(memberUrl.lastIndexOf("/") + 1)}` : null;
}

/** A reference as a guest sees it: its name and thumbnail through the link, not its original file. */
function guestReference(r: GenerationDTO["references"][number], token: string): GuestReferenceDTO {
  return { position: r.position, label: r.label, thumbUrl: guestMediaUrl(token, r.thumbUrl)! };
}

export function toGuestClip(g: GenerationDTO, token: string): GuestClipDTO {
  return {
    id: g.id,
    status: g.status,
    prompt: g.prompt,
    aspectRatio: g.aspectRatio,
    duration: g.duration,
    videoDurationSec: g.videoDurationSec,
    isPreview: g.isPreview,
    takeIndex: g.takeIndex,
    takeCount: g.takeCount,
    reviewStatus: g.reviewStatus,
    commentCount: g.commentCount,
    references: g.references.map((r) => guestReference(r, token)),
    referenceVideos: g.referenceVideos.map((r) => guestReference(r, token)),
    videoUrl: guestMediaUrl(token, g.videoUrl),
    posterUrl: guestMediaUrl(token, g.posterUrl),
    createdAt: g.createdAt,
  };
}

function guestSequenceSummary(s: SequenceSummaryDTO, token: string): GuestSequenceSummaryDTO {
  return {
    id: s.id,
    title: s.title,
    aspectRatio: s.aspectRatio,
    shotCount: s.shotCount,
    chosenCount: s.chosenCount,
    durationSec: s.durationSec,
    posterUrl: guestMediaUrl(token, s.posterUrl),
  };
}

/** A sequence as a guest watches it: each shot's place, title and chosen take, through the link. */
export function toGuestSequence(s: SequenceDTO, token: string): GuestSequenceDTO {
  return {
    id: s.id,
    title: s.title,
    aspectRatio: s.aspectRatio,
    shots: s.shots.map((shot) => ({
      id: shot.id,
      position: shot.position,
      title: shot.title,
      chosen: shot.chosen ? toGuestClip(shot.chosen, token) : null,
    })),
  };
}

/** The link as its guest's page describes it. */
export function guestLink(guest: ReadyGuest): GuestLinkDTO {
  return {
    kind: guest.link.kind,
    title: guest.link.title,
    permissions: linkPermissions(guest.link),
    expiresAt: guest.link.expiresAt.toISOString(),
    sharedBy: guest.link.createdBy.name,
  };
}

export async function guestView(guest: ReadyGuest, token: string, cursor?: string): Promise<GuestViewDTO> {
  const [{ clips, nextCursor }, sequences] = await Promise.all([
    guest.scope.clips(cursor),
    // The sequences head the first page only.
    cursor ? [] : guest.scope.sequences(),
  ]);
  return {
    link: guestLink(guest),
    guest: { name: guest.actor.name },
    sequences: sequences.map((s) => guestSequenceSummary(s, token)),
    clips: clips.map((g) => toGuestClip(g, token)),
    nextCursor,
  };
}
