import { applyResult } from "@/lib/generations/worker";
import { readBodyLimited } from "@/lib/http/body";
import { AppError, errorResponse } from "@/lib/http/errors";
import { verifyFalWebhook, webhookToOutcome } from "@/lib/providers/fal-webhook";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * fal calls this when a job ends. The signature is checked against fal's published keys before anything
 * is read; the transition is the poller's own, so retries and replays change nothing.
 */
export async function POST(request: Request) {
  try {
    const rt = await getRuntime();
    const rawBody = await readBodyLimited(request, 1024 * 1024, "Webhook body too large.");
    const verified = await verifyFalWebhook({
      headers: request.headers,
      rawBody,
      jwksUrl: rt.config.fal.webhookJwksUrl,
    });
    if (!verified.ok) throw new AppError("invalid_signature", `Webhook refused: ${verified.reason}`, 401);
    const { payload } = verified;
    const row = await rt.db.prisma.generation.findFirst({
      where: { requestId: payload.request_id, provider: "fal" },
      select: { id: true },
    });
    if (!row) throw new AppError("unknown_request", "No generation has this request id.", 404);
    const outcome = await applyResult(rt.db.prisma, row.id, webhookToOutcome(payload));
    if (outcome === "saving") rt.worker.wake();
    return Response.json({ ok: true, outcome });
  } catch (err) {
    return errorResponse(err);
  }
}
