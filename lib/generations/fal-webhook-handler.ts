import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { verifyFalWebhook, webhookToOutcome } from "@/lib/providers/fal-webhook";
import { applyResult } from "./worker";

/**
 * fal calls this when a job ends. The signature is checked against fal's published keys before the body
 * is trusted; the transition is the poller's own, so retries and replays change nothing.
 */
export async function handleFalWebhook(
  deps: { prisma: Db; jwksUrl: string; wake(): void },
  headers: Headers,
  rawBody: Uint8Array,
): Promise<{ outcome: "saving" | "failed" | "unchanged" }> {
  const verified = await verifyFalWebhook({ headers, rawBody, jwksUrl: deps.jwksUrl });
  if (!verified.ok) throw new AppError("invalid_signature", `Webhook refused: ${verified.reason}`, 401);
  const { payload } = verified;
  const row = await deps.prisma.generation.findFirst({
    where: { requestId: payload.request_id, provider: "fal" },
    select: { id: true },
  });
  if (!row) throw new AppError("unknown_request", "No generation has this request id.", 404);
  const outcome = await applyResult(deps.prisma, row.id, webhookToOutcome(payload));
  if (outcome === "saving") deps.wake();
  return { outcome };
}
