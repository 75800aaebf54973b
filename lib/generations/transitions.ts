import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { publishChange } from "@/lib/live/change-bus";
import { ProviderCallError, type ProviderError, type ProviderResult } from "@/lib/providers/types";
import { AT_PROVIDER_STATUSES } from "./state";

// The transitions the poller and fal's webhook share. Each is a conditional UPDATE guarded by the
// states the table in state.ts allows, so a replayed or late delivery changes nothing.

/** The server log's line for a clip that failed: what the person sees, with its code. */
export function failureLine(id: string, error: ProviderError): string {
  return `generation ${id} failed: ${error.code}${error.retryable ? " (retryable)" : ""}: ${error.message}`;
}

export function toProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderCallError) return err.error;
  const message = err instanceof Error ? err.message : String(err);
  return {
    code: "internal_error",
    message: `The studio could not finish this step: ${message}`,
    retryable: true,
  };
}

/**
 * The one transition from "the provider finished" to our next state: saving (then the worker copies the
 * video) or failed. Only moves a row still waiting at its provider; with `leaseOwner`, only while that
 * worker holds the row.
 */
export async function applyResult(
  prisma: Db,
  id: string,
  result: ProviderResult,
  guard: { leaseOwner?: string; log?: (message: string) => void } = {},
): Promise<"saving" | "failed" | "unchanged"> {
  const to = result.ok ? "saving" : "failed";
  const where = {
    id,
    // Only a job still at its provider: a late "failed" must not undo a clip already being saved.
    status: { in: [...AT_PROVIDER_STATUSES] },
    ...(guard.leaseOwner ? { leaseOwner: guard.leaseOwner } : {}),
  };
  const now = new Date();
  const data: Prisma.GenerationUpdateManyMutationInput = result.ok
    ? { status: "saving", outputUrl: result.video.url, queuePosition: null, nextRunAt: now, attempts: 0 }
    : {
        status: "failed",
        errorCode: result.error.code,
        errorMessage: result.error.message,
        errorRetryable: result.error.retryable,
        completedAt: now,
        queuePosition: null,
      };
  const { count } = await prisma.generation.updateMany({ where, data });
  if (count === 0) return "unchanged";
  publishChange(prisma, { kind: "generation.status", generationId: id });
  if (!result.ok) guard.log?.(failureLine(id, result.error));
  return to;
}
