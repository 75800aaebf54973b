import "server-only";
import type { Db } from "@/lib/db/client";
import type { Comment } from "@/lib/db/generated/client";
import type { GenerationDTO } from "@/lib/generations/dto";
import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { publishChange } from "@/lib/live/change-bus";
import { parseInput } from "@/lib/validation/parse";
import type { CommentDTO } from "./dto";
import {
  deleteCommentSchema,
  editCommentSchema,
  formatClipTime,
  newCommentSchema,
  reviewUpdateSchema,
} from "./schema";

async function visible(prisma: Db, id: string) {
  const row = await findVisibleGeneration(prisma, id);
  if (!row) throw new AppError("not_found", "That clip does not exist (it may have been deleted).", 404);
  return row;
}

/** Star, review status, and the chosen take (one per group: choosing one unchooses the others). */
export async function updateReview(prisma: Db, raw: unknown): Promise<GenerationDTO> {
  const input = parseInput(reviewUpdateSchema, raw);
  const row = await visible(prisma, input.generationId);
  await prisma.$transaction(async (tx) => {
    if (input.chosen === true && row.takeGroupId) {
      await tx.generation.updateMany({
        where: { takeGroupId: row.takeGroupId, id: { not: row.id } },
        data: { chosen: false },
      });
    }
    await tx.generation.update({
      where: { id: row.id },
      data: {
        ...(input.favorite !== undefined ? { favorite: input.favorite } : {}),
        ...(input.reviewStatus !== undefined ? { reviewStatus: input.reviewStatus } : {}),
        ...(input.chosen !== undefined ? { chosen: input.chosen } : {}),
      },
    });
  });
  // Choosing a take unchooses its siblings: views of the group refetch the list, which shows them.
  publishChange(prisma, { kind: "review", generationId: row.id });
  return toGenerationDTO((await findVisibleGeneration(prisma, row.id))!);
}

export function toCommentDTO(c: Comment, viewerId?: string): CommentDTO {
  return {
    id: c.id,
    generationId: c.generationId,
    atSec: c.atSec,
    body: c.body,
    authorName: c.authorName,
    mine: viewerId !== undefined && c.authorId === viewerId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function listComments(
  prisma: Db,
  generationId: string,
  viewerId?: string,
): Promise<CommentDTO[]> {
  await visible(prisma, generationId);
  const rows = await prisma.comment.findMany({
    where: { generationId },
    orderBy: [{ atSec: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((c) => toCommentDTO(c, viewerId));
}

/** A comment at a moment of the clip; the moment must lie within the clip. */
export async function addComment(prisma: Db, raw: unknown): Promise<CommentDTO> {
  const input = parseInput(newCommentSchema, raw);
  const row = await visible(prisma, input.generationId);
  const length = row.videoDurationSec ?? row.duration;
  if (input.atSec > length + 0.05) {
    throw new AppError(
      "time_out_of_range",
      `${formatClipTime(input.atSec)} is past the end of this ${length.toFixed(1)} s clip.`,
      422,
      { atSec: `must be between 0 and ${length.toFixed(1)} seconds` },
    );
  }
  const comment = await prisma.comment.create({
    data: {
      id: newId(),
      generationId: row.id,
      atSec: Math.min(input.atSec, length),
      body: input.body,
      authorName: input.author.authorName,
      authorId: input.author.authorId,
    },
  });
  publishChange(prisma, { kind: "comment", generationId: row.id });
  return toCommentDTO(comment, input.author.authorId);
}

async function ownComment(prisma: Db, commentId: string, authorId: string) {
  const comment = await prisma.comment.findUnique({
    where: { id: commentId },
    include: { generation: true },
  });
  if (!comment || comment.generation.deletedAt)
    throw new AppError("not_found", "That comment does not exist.", 404);
  if (comment.authorId !== authorId) {
    throw new AppError("not_author", "Only the person who wrote a comment can change or delete it.", 403);
  }
  return comment;
}

export async function editComment(prisma: Db, raw: unknown): Promise<CommentDTO> {
  const input = parseInput(editCommentSchema, raw);
  await ownComment(prisma, input.commentId, input.authorId);
  const updated = await prisma.comment.update({ where: { id: input.commentId }, data: { body: input.body } });
  publishChange(prisma, { kind: "comment", generationId: updated.generationId });
  return toCommentDTO(updated, input.authorId);
}

export async function deleteComment(prisma: Db, raw: unknown): Promise<void> {
  const input = parseInput(deleteCommentSchema, raw);
  const comment = await ownComment(prisma, input.commentId, input.authorId);
  await prisma.comment.delete({ where: { id: input.commentId } });
  publishChange(prisma, { kind: "comment", generationId: comment.generationId });
}
