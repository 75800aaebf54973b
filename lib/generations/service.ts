import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { VideoProvider } from "@/lib/providers/types";
import type { GenerationDTO } from "./dto";
import { findGeneration, type GenerationRow, toGenerationDTO } from "./repo";
import { type CreateGenerationInput, createGenerationSchema, fieldErrors } from "./schema";
import { CANCELABLE_STATUSES } from "./state";

export interface GenerationDeps {
  prisma: Db;
  provider: VideoProvider;
  /** Tells the worker there is work now, so a submit does not wait for the next tick. */
  wake(): void;
}

function inputHash(input: CreateGenerationInput, provider: string): string {
  const { prompt, referenceIds, duration, aspectRatio } = input;
  return createHash("sha256")
    .update(JSON.stringify({ prompt, referenceIds, duration, aspectRatio, provider }))
    .digest("hex");
}

export function parseCreateInput(raw: unknown): CreateGenerationInput {
  const parsed = createGenerationSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const first = Object.values(fields)[0] ?? "The request is not valid.";
    throw new AppError("invalid_input", first.charAt(0).toUpperCase() + first.slice(1), 422, fields);
  }
  return parsed.data;
}

function sameRequest(row: GenerationRow, hash: string): GenerationDTO {
  if (row.inputHash !== hash) {
    throw new AppError(
      "idempotency_conflict",
      "This idempotency key was already used for a different request. Use a new key for new inputs.",
      409,
    );
  }
  return toGenerationDTO(row);
}

/**
 * Creates one generation per idempotency key. A repeated key with the same inputs returns the first
 * generation (a double click submits once); with other inputs it is refused.
 */
export async function createGeneration(
  deps: GenerationDeps,
  raw: unknown,
): Promise<{ generation: GenerationDTO; created: boolean }> {
  const input = parseCreateInput(raw);
  const { prisma, provider } = deps;
  const hash = inputHash(input, provider.id);

  const previous = await prisma.generation.findUnique({
    where: { idempotencyKey: input.idempotencyKey },
    select: { id: true },
  });
  if (previous)
    return { generation: sameRequest((await findGeneration(prisma, previous.id))!, hash), created: false };

  const assets = await prisma.asset.findMany({
    where: { id: { in: input.referenceIds } },
    select: { id: true },
  });
  const known = new Set(assets.map((a) => a.id));
  const missing = input.referenceIds.map((id, i) => ({ id, i })).filter(({ id }) => !known.has(id));
  if (missing.length > 0) {
    const which = missing.map(({ i }) => `reference ${i + 1} (<IMAGE_REF_${i}>)`).join(", ");
    throw new AppError(
      "unknown_reference",
      `${which} ${missing.length === 1 ? "is" : "are"} not an uploaded image. Upload it again.`,
      422,
      { referenceIds: `unknown asset id(s): ${missing.map((m) => m.id).join(", ")}` },
    );
  }

  const id = newId();
  try {
    await prisma.generation.create({
      data: {
        id,
        provider: provider.id,
        modelId: provider.modelId,
        prompt: input.prompt,
        duration: input.duration,
        aspectRatio: input.aspectRatio,
        idempotencyKey: input.idempotencyKey,
        inputHash: hash,
        estimatedCostUsd: provider.estimateCostUsd({ duration: input.duration }),
        references: {
          create: input.referenceIds.map((assetId, position) => ({ assetId, position })),
        },
      },
    });
  } catch (err) {
    // The same key raced in from a second click: answer like a repeat.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const raced = await prisma.generation.findUnique({
        where: { idempotencyKey: input.idempotencyKey },
        select: { id: true },
      });
      if (raced)
        return { generation: sameRequest((await findGeneration(prisma, raced.id))!, hash), created: false };
    }
    throw err;
  }
  deps.wake();
  return { generation: toGenerationDTO((await findGeneration(prisma, id))!), created: true };
}

/**
 * Asks for a cancel. A queued job that was never sent is canceled at once; a job at the provider is
 * canceled there by the worker, which then marks it canceled.
 */
export async function requestCancel(deps: Pick<GenerationDeps, "prisma" | "wake">, id: string) {
  const row = await findGeneration(deps.prisma, id);
  if (!row) throw new AppError("not_found", "That generation does not exist.", 404);
  if (!CANCELABLE_STATUSES.includes(row.status)) {
    throw new AppError(
      "not_cancelable",
      `This generation is ${row.status} and can no longer be canceled.`,
      409,
    );
  }
  const now = new Date();
  // Never sent, and nobody is sending it right now: cancel directly.
  const direct = await deps.prisma.generation.updateMany({
    where: { id, status: "queued", submitStartedAt: null, leaseOwner: null },
    data: { status: "canceled", cancelRequested: true, completedAt: now, queuePosition: null },
  });
  if (direct.count === 0) {
    await deps.prisma.generation.updateMany({
      where: { id, status: { in: [...CANCELABLE_STATUSES] } },
      data: { cancelRequested: true, nextRunAt: now },
    });
    deps.wake();
  }
  return toGenerationDTO((await findGeneration(deps.prisma, id))!);
}
