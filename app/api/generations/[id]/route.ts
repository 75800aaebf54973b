import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError, errorResponse } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await ctx.params;
    refuseNul("id", id);
    const { db } = await getRuntime();
    const row = await findVisibleGeneration(db.prisma, id);
    if (!row) throw new AppError("not_found", "That generation does not exist.", 404);
    return Response.json({ generation: toGenerationDTO(row) }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
