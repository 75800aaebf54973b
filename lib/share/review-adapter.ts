import "server-only";
import type { GuestActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { GenerationDTO } from "@/lib/generations/dto";
import type { CommentDTO } from "@/lib/review/dto";
import type { ReviewStatus } from "@/lib/review/limits";
import { addComment, listComments, updateReview } from "@/lib/review/service";
import type { GuestCommentDTO } from "./dto";
import { GUEST_MARK } from "./limits";

// A guest's comments and review changes go through the studio's own review services, as a member's do,
// so the same rules, limits and live updates (publishChange) apply. The services are moving to take the
// actor (comments signed by the server-side actor: authorUserId for members, guestName and guestLinkId for
// guests); until then this adapter signs a guest's comment with an author id of its own and the name
// marked " (guest)". These three functions are the only calls from lib/share into lib/review.

/** The author id a guest's comments carry until comments are signed by the actor. */
const authorIdOf = (actor: GuestActor) => `guest_${actor.id.slice(actor.id.lastIndexOf(":") + 1)}`;

function toGuestComment(c: CommentDTO): GuestCommentDTO {
  return {
    id: c.id,
    atSec: c.atSec,
    body: c.body,
    authorName: c.authorName,
    guest: c.authorName.endsWith(GUEST_MARK),
    mine: c.mine,
    createdAt: c.createdAt,
  };
}

export async function guestListComments(
  prisma: Db,
  actor: GuestActor,
  generationId: string,
): Promise<GuestCommentDTO[]> {
  return (await listComments(prisma, generationId, authorIdOf(actor))).map(toGuestComment);
}

export async function guestAddComment(
  prisma: Db,
  actor: GuestActor,
  generationId: string,
  input: { atSec: number; body: string },
): Promise<GuestCommentDTO> {
  const comment = await addComment(prisma, {
    generationId,
    atSec: input.atSec,
    body: input.body,
    author: { authorId: authorIdOf(actor), authorName: `${actor.name}${GUEST_MARK}` },
  });
  return toGuestComment(comment);
}

export async function guestSetReviewStatus(
  prisma: Db,
  _actor: GuestActor,
  generationId: string,
  reviewStatus: ReviewStatus,
): Promise<GenerationDTO> {
  return updateReview(prisma, { generationId, reviewStatus });
}
