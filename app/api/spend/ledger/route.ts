import { ledger } from "@/lib/generations/ledger";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `?days=30`: spend per day and per character, completed vs failed, from the stored costs. */
export const GET = apiRoute({ role: "reviewer" }, async (request) => {
  const days = Number(new URL(request.url).searchParams.get("days") ?? 30);
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new AppError("invalid_days", "days must be a whole number from 1 to 366.", 400);
  }
  const { db } = await getRuntime();
  return Response.json(await ledger(db.prisma, days), { headers: { "Cache-Control": "no-store" } });
});
