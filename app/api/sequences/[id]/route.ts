import { apiRoute } from "@/lib/http/route";
import { getSequence } from "@/lib/sequences/service";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `{ sequence }`: its shots in order, each with its chosen take and take count. */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json(
    { sequence: await getSequence(db.prisma, params.id) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
