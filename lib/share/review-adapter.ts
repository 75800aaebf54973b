import "server-only";
import type { GuestActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { GenerationDTO } from "@/lib/generations/dto";
import { addComment, listComments } from "@/lib/review/comments";
import type { CommentDTO } from "@/lib/review/dto";
import type { ReviewStatus } from "@/lib/review/limits";
import { updateReview } from "@/lib/review/service";
import type { SequenceDTO } from "@/lib/sequences/dto";
import { addSequenceComment, type SequenceComment, sequenceComments } from "@/lib/sequences/review";
import type { GuestCommentDTO, GuestSequenceCommentDTO } from "./dto";
import { GUEST_MARK } from "./limits";

// A guest's comments and review changes go through the studio's own review services with the guest as
// the actor, as a member's do, so the same rules, limits, signatures (guestName and guestLinkId on the
// comment, a guest event in the activity trail) and live updates (publishChange) apply. These three
// functions (and the sequence's two, which place a comment on the chosen take under a moment of the
// sequence) are the only calls from lib/share into lib/review.

function toGuestComment(c: CommentDTO): GuestCommentDTO {
  return {
    id: c.id,
    atSec: c.atSec,
    body: c.body,
    authorName: c.guest ? `${c.authorName}${GUEST_MARK}` : c.authorName,
    guest: c.guest,
    mine: c.mine,
    createdAt: c.createdAt,
  };
}

export async function guestListComments(
  prisma: Db,
  actor: GuestActor,
  generationId: string,
): Promise<GuestCommentDTO[]> {
  return (await listComments(prisma, generationId, actor)).map(toGuestComment);
}

export async function guestAddComment(
  prisma: Db,
  actor: GuestActor,
  generationId: string,
  input: { atSec: number; body: string },
): Promise<GuestCommentDTO> {
  const comment = await addComment(prisma, actor, { generationId, atSec: input.atSec, body: input.body });
  return toGuestComment(comment);
}

export async function guestSetReviewStatus(
  prisma: Db,
  actor: GuestActor,
  generationId: string,
  reviewStatus: ReviewStatus,
): Promise<GenerationDTO> {
  return updateReview(prisma, actor, { generationId, reviewStatus });
}

function toGuestSequenceComment(c: SequenceComment): GuestSequenceCommentDTO {
  return {
    ...toGuestComment(c),
    shotId: c.shotId,
    shotPosition: c.shotPosition,
    shotTitle: c.shotTitle,
    sequenceSec: c.sequenceSec,
    parentId: c.parentId,
    resolvedAt: c.resolvedAt,
  };
}

export async function guestSequenceComments(
  prisma: Db,
  actor: GuestActor,
  sequence: SequenceDTO,
): Promise<GuestSequenceCommentDTO[]> {
  return (await sequenceComments(prisma, sequence, actor)).map(toGuestSequenceComment);
}

/** `{ atSec, body }` on the sequence's clock: a comment on the chosen take playing then, in the guest's name. */
export async function guestAddSequenceComment(
  prisma: Db,
  actor: GuestActor,
  sequence: SequenceDTO,
  raw: unknown,
): Promise<GuestSequenceCommentDTO> {
  return toGuestSequenceComment(await addSequenceComment(prisma, actor, sequence, raw));
}
