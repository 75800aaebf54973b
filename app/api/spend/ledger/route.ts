import { ledger } from "@/lib/generations/ledger";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { projectParam } from "@/lib/projects/param";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `?days=30&project=<id>`: spend per day and per character, completed vs failed, from the stored costs;
 * one project's clips with `project`, every project's without.
 */
export const GET = apiRoute({ role: "reviewer" }, async (request) => {
  const params = new URL(request.url).searchParams;
  const days = Number(params.get("days") ?? 30);
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new AppError("invalid_days", "days must be a whole number from 1 to 366.", 400, {
      days: "a whole number from 1 to 366",
    });
  }
  const { db } = await getRuntime();
  const projectId = await projectParam(db.prisma, params);
  return Response.json(await ledger(db.prisma, days, new Date(), projectId), {
    headers: { "Cache-Control": "no-store" },
  });
});
