import { ledger } from "@/lib/generations/ledger";
import { AppError, errorResponse } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `?days=30`: spend per day and per character, completed vs failed, from the stored costs. */
export async function GET(request: Request) {
  try {
    const days = Number(new URL(request.url).searchParams.get("days") ?? 30);
    if (!Number.isInteger(days) || days < 1 || days > 366) {
      throw new AppError("invalid_days", "days must be a whole number from 1 to 366.", 400);
    }
    const { db } = await getRuntime();
    return Response.json(await ledger(db.prisma, days), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
