import { handleFalWebhook } from "@/lib/generations/fal-webhook-handler";
import { readBodyLimited } from "@/lib/http/body";
import { errorResponse } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const rt = await getRuntime();
    const rawBody = await readBodyLimited(request, 1024 * 1024, "Webhook body too large.");
    const result = await handleFalWebhook(
      {
        prisma: rt.db.prisma,
        jwksUrl: rt.config.fal.webhookJwksUrl,
        wake: () => rt.worker.wake(),
        log: (m) => console.warn(`[webhook] ${m}`),
      },
      request.headers,
      rawBody,
    );
    return Response.json({ ok: true, ...result });
  } catch (err) {
    return errorResponse(err);
  }
}
