import { healthReport } from "@/lib/server/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Database, storage, ffmpeg and provider, each checked for real; 503 when one is down. */
export async function GET() {
  const { status, body } = await healthReport();
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
