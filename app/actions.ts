"use server";

import { characterVideoUpdateSchema, characterWithVideoSchema } from "@/lib/characters/schema";
import {
  createCharacter,
  deleteCharacter,
  setCharacterVideo,
  updateCharacter,
} from "@/lib/characters/service";
import { clipToReferenceVideo } from "@/lib/generations/clip-reference";
import { clipReferenceVideoSchema } from "@/lib/generations/clip-reference-schema";
import { deleteGeneration, restoreGeneration } from "@/lib/generations/deletion";
import { finalResolutionSchema } from "@/lib/generations/final-schema";
import { clipFrameSchema } from "@/lib/generations/frame-schema";
import { clipFrameToReference } from "@/lib/generations/frames";
import { makeFinal, retryGeneration } from "@/lib/generations/rerun";
import { createGenerationSchema, idempotencyKeySchema } from "@/lib/generations/schema";
import { createGeneration, requestCancel } from "@/lib/generations/service";
import { serverAction } from "@/lib/http/server-action";
import { addComment, deleteComment, editComment, resolveComment } from "@/lib/review/comments";
import {
  deleteCommentSchema,
  editCommentSchema,
  newCommentSchema,
  resolveCommentSchema,
  reviewUpdateSchema,
} from "@/lib/review/schema";
import { updateReview } from "@/lib/review/service";
import { generationDeps, getRuntime } from "@/lib/server/runtime";
import { idSchema } from "@/lib/validation/fields";

// Server actions are public POST endpoints: each one goes through serverAction, which checks the caller
// and its role, parses every argument with its schema and returns expected failures as values. The
// services parse their input again with the same schemas, because scripts reach them through the routes.

const clipId = idSchema("the clip id");
const characterId = idSchema("the character id");
const prisma = async () => (await getRuntime()).db.prisma;
const deps = async () => generationDeps(await getRuntime());

/** Creates the generation (or, with `takes`, a group of them). `generation` is the first take. */
export const createGenerationAction = serverAction(
  { role: "editor", args: [createGenerationSchema] },
  async (ctx, input) => {
    const { generation, generations } = await createGeneration(await deps(), ctx.actor, input);
    return { generation, generations };
  },
);

export const cancelGenerationAction = serverAction({ role: "editor", args: [clipId] }, async (_ctx, id) => ({
  generation: await requestCancel(await deps(), id),
}));

/** Runs a clip's inputs again as a new clip. The key makes a double click retry once. */
export const retryGenerationAction = serverAction(
  { role: "editor", args: [clipId, idempotencyKeySchema] },
  async (ctx, id, idempotencyKey) => {
    const { generation, generations } = await retryGeneration(await deps(), ctx.actor, id, idempotencyKey);
    return { generation, generations };
  },
);

/** Make final: a finished draft's inputs again at a higher tier, as a new clip linked to the draft. */
export const makeFinalAction = serverAction(
  { role: "editor", args: [clipId, finalResolutionSchema, idempotencyKeySchema] },
  async (ctx, id, resolution, idempotencyKey) => {
    const { generation, generations } = await makeFinal(
      await deps(),
      ctx.actor,
      id,
      resolution,
      idempotencyKey,
    );
    return { generation, generations };
  },
);

/** Hides a finished clip from every view; restoreGenerationAction undoes it. */
export const deleteGenerationAction = serverAction({ role: "editor", args: [clipId] }, async (ctx, id) => {
  await deleteGeneration(await prisma(), ctx.actor, id);
  return {};
});

export const restoreGenerationAction = serverAction({ role: "editor", args: [clipId] }, async (ctx, id) => ({
  generation: await restoreGeneration(await prisma(), ctx.actor, id),
}));

/**
 * `{ generationId, favorite?, reviewStatus?, chosen?, expectedStatus?, expectedChosenId? }`: star, review
 * status, chosen take; refused with `conflict` when the expected status or chosen take moved meanwhile.
 */
export const updateReviewAction = serverAction(
  { role: "reviewer", args: [reviewUpdateSchema] },
  async (ctx, input) => ({ generation: await updateReview(await prisma(), ctx.actor, input) }),
);

/**
 * `{ generationId, atSec, endSec?, parentId?, body, drawing? }`: signed by the caller (ctx.actor). A
 * reply names its thread's first comment as parentId and takes its time.
 */
export const addCommentAction = serverAction(
  { role: "reviewer", args: [newCommentSchema] },
  async (ctx, input) => ({ comment: await addComment(await prisma(), ctx.actor, input) }),
);

/** `{ commentId, body }`: only the author may edit. */
export const editCommentAction = serverAction(
  { role: "reviewer", args: [editCommentSchema] },
  async (ctx, input) => ({ comment: await editComment(await prisma(), ctx.actor, input) }),
);

/** `{ commentId }`: the author, an admin or the owner may delete. */
export const deleteCommentAction = serverAction(
  { role: "reviewer", args: [deleteCommentSchema] },
  async (ctx, input) => {
    await deleteComment(await prisma(), ctx.actor, input);
    return {};
  },
);

/** `{ commentId, resolved }`: resolves (true) or reopens (false) the thread that comment starts. */
export const resolveCommentAction = serverAction(
  { role: "reviewer", args: [resolveCommentSchema] },
  async (ctx, input) => ({ comment: await resolveComment(await prisma(), ctx.actor, input) }),
);

/** `{ name, description?, images: [{ assetId, label? }], video? }` (1 to 5 images; `video`: `{ assetId, label? }`). */
export const createCharacterAction = serverAction(
  { role: "editor", args: [characterWithVideoSchema] },
  async (ctx, input) => ({ character: await createCharacter(await prisma(), ctx.actor, input) }),
);

/** Replaces the character; `video` absent keeps its video, null removes it. */
export const updateCharacterAction = serverAction(
  { role: "editor", args: [characterId, characterWithVideoSchema] },
  async (ctx, id, input) => ({ character: await updateCharacter(await prisma(), ctx.actor, id, input) }),
);

/** Deletes the character; clips that used it keep their references. */
export const deleteCharacterAction = serverAction(
  { role: "editor", args: [characterId] },
  async (ctx, id) => {
    await deleteCharacter(await prisma(), ctx.actor, id);
    return {};
  },
);

/** The character's one video of how it moves (`{ assetId, label? }`, a reference video asset), or null to remove it. */
export const setCharacterVideoAction = serverAction(
  { role: "editor", args: [characterId, characterVideoUpdateSchema] },
  async (ctx, id, video) => ({ character: await setCharacterVideo(await prisma(), ctx.actor, id, video) }),
);

/** "Use as reference video": `{ startSec, endSec }` of a finished clip become a reference video asset. */
export const clipToReferenceVideoAction = serverAction(
  { role: "editor", args: [clipId, clipReferenceVideoSchema] },
  async (_ctx, id, input) => {
    const { db, store } = await getRuntime();
    const { asset } = await clipToReferenceVideo({ prisma: db.prisma, store }, id, input);
    return { asset };
  },
);

/** "Continue from here": a finished clip's frame (`atSec`, or "last") as a reference image asset. */
export const clipFrameAction = serverAction(
  { role: "editor", args: [clipId, clipFrameSchema] },
  async (_ctx, id, input) => {
    const { db, store } = await getRuntime();
    const { asset } = await clipFrameToReference({ prisma: db.prisma, store }, id, input);
    return { asset };
  },
);
