import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  const { id } = params;
  refuseNul("id", id);
  const { db } = await getRuntime();
  const row = await findVisibleGeneration(db.prisma, id);
  if (!row) throw new AppError("not_found", "That generation does not exist.", 404);
  return Response.json({ generation: toGenerationDTO(row) }, { headers: { "Cache-Control": "no-store" } });
});
