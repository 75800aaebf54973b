import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { SequenceCommentDTO } from "@/lib/client/sequence-queries";
import { locate, timelineOf } from "@/lib/client/sequence-timeline";
import type { Db } from "@/lib/db/client";
import { toCsv } from "@/lib/http/csv";
import { AppError } from "@/lib/http/errors";
import { addComment, listComments } from "@/lib/review/comments";
import { parseInput } from "@/lib/validation/parse";
import type { SequenceDTO } from "./dto";
import { sequenceCommentSchema } from "./schema";
import { getSequence } from "./service";

// Review of a whole sequence: a comment made on the sequence's timeline is a comment on the chosen take
// under that moment, at the time inside the take, so it shows on the clip's page as well and the team
// reviews one set of comments. Listed back with the shot and the time on the sequence's clock.

export type SequenceComment = SequenceCommentDTO;

/** The sequence itself, read unless the caller already holds it. */
const read = async (prisma: Db, sequence: string | SequenceDTO) =>
  typeof sequence === "string" ? await getSequence(prisma, sequence) : sequence;

/** The comments on the chosen takes, in sequence order (threads' replies at their thread's moment). */
export async function sequenceComments(
  prisma: Db,
  sequence: string | SequenceDTO,
  viewer: Actor,
): Promise<SequenceComment[]> {
  const timeline = timelineOf(await read(prisma, sequence));
  const lists = await Promise.all(timeline.segments.map((s) => listComments(prisma, s.generationId, viewer)));
  return timeline.segments.flatMap((seg, i) =>
    (lists[i] ?? []).map((c) => ({
      ...c,
      shotId: seg.shotId,
      shotPosition: seg.position,
      shotTitle: seg.title,
      sequenceSec: seg.startSec + c.atSec,
    })),
  );
}

/**
 * `{ atSec, body }` on the sequence's clock → a comment on the chosen take playing then, at the moment
 * inside it (a time on a cut goes to the shot that starts there). 422 when nothing plays: no shot has
 * a finished chosen take.
 */
export async function addSequenceComment(
  prisma: Db,
  actor: Actor,
  sequence: string | SequenceDTO,
  raw: unknown,
): Promise<SequenceComment> {
  const input = parseInput(sequenceCommentSchema, raw);
  const timeline = timelineOf(await read(prisma, sequence));
  if (input.atSec > timeline.totalSec + 0.05) {
    throw new AppError(
      "invalid_input",
      `atSec ${input.atSec} s is past the sequence's end: it plays ${timeline.totalSec.toFixed(2)} s.`,
      422,
      { atSec: `must be from 0 to ${timeline.totalSec.toFixed(2)}` },
    );
  }
  const at = locate(timeline, input.atSec);
  if (!at) {
    throw new AppError(
      "nothing_to_review",
      "No shot of this sequence has a finished chosen take yet: there is nothing to comment on.",
      422,
    );
  }
  const seg = timeline.segments[at.index]!;
  const comment = await addComment(prisma, actor, {
    generationId: seg.generationId,
    atSec: Math.round(at.offsetSec * 1000) / 1000,
    body: input.body,
  });
  return {
    ...comment,
    shotId: seg.shotId,
    shotPosition: seg.position,
    shotTitle: seg.title,
    sequenceSec: seg.startSec + comment.atSec,
  };
}

export function sequenceCommentsCsv(comments: SequenceComment[]): string {
  const header = [
    "shot",
    "shot_title",
    "sequence_sec",
    "take_id",
    "take_sec",
    "author",
    "comment",
    "reply_to",
    "resolved",
    "created_at",
  ];
  return toCsv(
    header,
    comments.map((c) => [
      c.shotPosition + 1,
      c.shotTitle,
      Number(c.sequenceSec.toFixed(3)),
      c.generationId,
      Number(c.atSec.toFixed(3)),
      c.authorName,
      c.body,
      c.parentId,
      c.resolvedAt ? "yes" : "no",
      c.createdAt,
    ]),
  );
}
