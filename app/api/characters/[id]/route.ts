import { getCharacter } from "@/lib/characters/service";
import { errorResponse } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await ctx.params;
    const { db } = await getRuntime();
    return Response.json(
      { character: await getCharacter(db.prisma, id) },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
