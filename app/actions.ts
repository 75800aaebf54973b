"use server";

import type { ActionResult, GenerationDTO } from "@/lib/generations/dto";
import { createGeneration, requestCancel } from "@/lib/generations/service";
import { AppError } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";

// Server actions are public POST endpoints: each validates its input with the shared schema.

function failure(err: unknown): {
  ok: false;
  error: { code: string; message: string; fields?: Record<string, string> };
} {
  if (err instanceof AppError) return { ok: false, ...err.toBody() };
  console.error(err);
  return {
    ok: false,
    error: { code: "internal_error", message: "Something went wrong on the server. Try again." },
  };
}

export async function createGenerationAction(
  input: unknown,
): Promise<ActionResult<{ generation: GenerationDTO }>> {
  try {
    const rt = await getRuntime();
    const { generation } = await createGeneration(
      { prisma: rt.db.prisma, provider: rt.provider, wake: () => rt.worker.wake() },
      input,
    );
    return { ok: true, generation };
  } catch (err) {
    return failure(err);
  }
}

export async function cancelGenerationAction(
  id: unknown,
): Promise<ActionResult<{ generation: GenerationDTO }>> {
  try {
    if (typeof id !== "string") throw new AppError("invalid_input", "A generation id is required.", 400);
    const rt = await getRuntime();
    const generation = await requestCancel({ prisma: rt.db.prisma, wake: () => rt.worker.wake() }, id);
    return { ok: true, generation };
  } catch (err) {
    return failure(err);
  }
}
