import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { verifyFalWebhook, webhookToOutcome } from "@/lib/providers/fal-webhook";
import { ProviderCallError, type ProviderResult } from "@/lib/providers/types";
import { AT_PROVIDER_STATUSES } from "./state";
import { applyResult } from "./transitions";

/**
 * fal calls this when a job ends. The signature is checked against fal's published keys before the body
 * is trusted; the transition is the poller's own, so retries and replays change nothing.
 */
export async function handleFalWebhook(
  deps: { prisma: Db; jwksUrl: string; wake(): void; log?: (message: string) => void },
  headers: Headers,
  rawBody: Uint8Array,
): Promise<{ outcome: "saving" | "failed" | "unchanged" }> {
  const verified = await verifyFalWebhook({ headers, rawBody, jwksUrl: deps.jwksUrl });
  if (!verified.ok) {
    // Keys we could not fetch are our problem, not the sender's: 503 makes fal deliver again later.
    if (verified.transient) throw new AppError("webhook_keys_unavailable", verified.reason, 503);
    throw new AppError("invalid_signature", `Webhook refused: ${verified.reason}`, 401);
  }
  const { payload } = verified;
  const row = await deps.prisma.generation.findFirst({
    where: { requestId: payload.request_id, provider: "fal" },
    select: { id: true },
  });
  if (!row) throw new AppError("unknown_request", "No generation has this request id.", 404);
  let result: ProviderResult;
  try {
    result = webhookToOutcome(payload);
  } catch (err) {
    // The job finished but the webhook carried no output: let the poller fetch the result now.
    if (err instanceof ProviderCallError && err.error.retryable) {
      await deps.prisma.generation.updateMany({
        where: { id: row.id, status: { in: [...AT_PROVIDER_STATUSES] } },
        data: { nextRunAt: new Date() },
      });
      deps.wake();
      return { outcome: "unchanged" };
    }
    throw err;
  }
  const outcome = await applyResult(deps.prisma, row.id, result, { log: deps.log });
  if (outcome === "saving") deps.wake();
  return { outcome };
}
