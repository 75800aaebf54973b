import { spendToday } from "@/lib/generations/spend";
import { errorResponse } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { db } = await getRuntime();
    return Response.json(await spendToday(db.prisma), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
