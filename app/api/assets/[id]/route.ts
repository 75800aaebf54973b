import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { toAssetDTO } from "@/lib/uploads/ingest";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * One stored asset (an image or a reference video) as the composer holds it: what `/?referenceVideo=<id>`
 * reads to put a stored video in the draft. Assets are the team's, like the clips that use them.
 */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  const { id } = params;
  refuseNul("id", id);
  const { db } = await getRuntime();
  const row = id.length <= 64 ? await db.prisma.asset.findUnique({ where: { id } }) : null;
  if (!row) throw new AppError("not_found", `There is no stored asset ${id.slice(0, 64)}.`, 404);
  return Response.json({ asset: toAssetDTO(row) }, { headers: { "Cache-Control": "no-store" } });
});
