"use server";

import { createCharacter, deleteCharacter, updateCharacter } from "@/lib/characters/service";
import { DATABASE_UNAVAILABLE_MESSAGE, errorLine, isDatabaseUnavailable } from "@/lib/db/errors";
import type { ActionResult, CharacterDTO, CommentDTO, GenerationDTO } from "@/lib/generations/dto";
import {
  createGeneration,
  deleteGeneration,
  requestCancel,
  restoreGeneration,
  retryGeneration,
} from "@/lib/generations/service";
import { AppError } from "@/lib/http/errors";
import { addComment, deleteComment, editComment, updateReview } from "@/lib/review/service";
import { generationDeps, getRuntime } from "@/lib/server/runtime";

// Server actions are public POST endpoints: each validates its input (ids here, the shared schema in the
// service) and returns expected failures as values.

type Failure = { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
type Generations = { generation: GenerationDTO; generations: GenerationDTO[] };

function failure(err: unknown): Failure {
  if (err instanceof AppError) return { ok: false, ...err.toBody() };
  if (isDatabaseUnavailable(err)) {
    console.warn(`[db] action refused, the database is unavailable: ${errorLine(err)}`);
    return { ok: false, error: { code: "database_unavailable", message: DATABASE_UNAVAILABLE_MESSAGE } };
  }
  console.error(err);
  return {
    ok: false,
    error: { code: "internal_error", message: "Something went wrong on the server. Try again." },
  };
}

const deps = generationDeps;

const idOf = (id: unknown) => {
  if (typeof id !== "string" || id.length > 64)
    throw new AppError("invalid_input", "A clip id is required.", 400);
  return id;
};

/** Creates the generation (or, with `takes`, a group of them). `generation` is the first take. */
export async function createGenerationAction(input: unknown): Promise<ActionResult<Generations>> {
  try {
    const { generation, generations } = await createGeneration(deps(await getRuntime()), input);
    return { ok: true, generation, generations };
  } catch (err) {
    return failure(err);
  }
}

export async function cancelGenerationAction(
  id: unknown,
): Promise<ActionResult<{ generation: GenerationDTO }>> {
  try {
    const generation = await requestCancel(deps(await getRuntime()), idOf(id));
    return { ok: true, generation };
  } catch (err) {
    return failure(err);
  }
}

/** Runs a clip's inputs again as a new clip. The key makes a double click retry once. */
export async function retryGenerationAction(
  id: unknown,
  idempotencyKey: unknown,
): Promise<ActionResult<Generations>> {
  try {
    const { generation, generations } = await retryGeneration(
      deps(await getRuntime()),
      idOf(id),
      idempotencyKey,
    );
    return { ok: true, generation, generations };
  } catch (err) {
    return failure(err);
  }
}

/** Hides a finished clip from every view; restoreGenerationAction undoes it. */
export async function deleteGenerationAction(id: unknown): Promise<ActionResult<Record<never, never>>> {
  try {
    await deleteGeneration((await getRuntime()).db.prisma, idOf(id));
    return { ok: true };
  } catch (err) {
    return failure(err);
  }
}

export async function restoreGenerationAction(
  id: unknown,
): Promise<ActionResult<{ generation: GenerationDTO }>> {
  try {
    const generation = await restoreGeneration((await getRuntime()).db.prisma, idOf(id));
    return { ok: true, generation };
  } catch (err) {
    return failure(err);
  }
}

/** `{ generationId, favorite?, reviewStatus?, chosen? }`: star, review status, chosen take. */
export async function updateReviewAction(
  input: unknown,
): Promise<ActionResult<{ generation: GenerationDTO }>> {
  try {
    return { ok: true, generation: await updateReview((await getRuntime()).db.prisma, input) };
  } catch (err) {
    return failure(err);
  }
}

/** `{ generationId, atSec, body, author: { authorId, authorName } }`. */
export async function addCommentAction(input: unknown): Promise<ActionResult<{ comment: CommentDTO }>> {
  try {
    return { ok: true, comment: await addComment((await getRuntime()).db.prisma, input) };
  } catch (err) {
    return failure(err);
  }
}

/** `{ commentId, body, authorId }`: only the author may edit. */
export async function editCommentAction(input: unknown): Promise<ActionResult<{ comment: CommentDTO }>> {
  try {
    return { ok: true, comment: await editComment((await getRuntime()).db.prisma, input) };
  } catch (err) {
    return failure(err);
  }
}

/** `{ commentId, authorId }`: only the author may delete. */
export async function deleteCommentAction(input: unknown): Promise<ActionResult<Record<never, never>>> {
  try {
    await deleteComment((await getRuntime()).db.prisma, input);
    return { ok: true };
  } catch (err) {
    return failure(err);
  }
}

/** `{ name, description?, images: [{ assetId, label? }] }` (1 to 5 images). */
export async function createCharacterAction(
  input: unknown,
): Promise<ActionResult<{ character: CharacterDTO }>> {
  try {
    return { ok: true, character: await createCharacter((await getRuntime()).db.prisma, input) };
  } catch (err) {
    return failure(err);
  }
}

export async function updateCharacterAction(
  id: unknown,
  input: unknown,
): Promise<ActionResult<{ character: CharacterDTO }>> {
  try {
    return { ok: true, character: await updateCharacter((await getRuntime()).db.prisma, idOf(id), input) };
  } catch (err) {
    return failure(err);
  }
}

/** Deletes the character; clips that used it keep their references. */
export async function deleteCharacterAction(id: unknown): Promise<ActionResult<Record<never, never>>> {
  try {
    await deleteCharacter((await getRuntime()).db.prisma, idOf(id));
    return { ok: true };
  } catch (err) {
    return failure(err);
  }
}
