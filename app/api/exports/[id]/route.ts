import { getExport } from "@/lib/exports/service";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `{ export }`: its status, progress, and once completed its `videoUrl`, `downloadUrl` and chapters. */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json(
    { export: await getExport(db.prisma, params.id) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
