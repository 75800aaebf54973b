import { spendToday } from "@/lib/generations/spend";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "reviewer" }, async () => {
  const { db } = await getRuntime();
  return Response.json(await spendToday(db.prisma), { headers: { "Cache-Control": "no-store" } });
});
