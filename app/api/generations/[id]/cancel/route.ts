import { requestCancel } from "@/lib/generations/service";
import { errorResponse } from "@/lib/http/errors";
import { generationDeps, getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(_request: Request, ctx: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await ctx.params;
    const rt = await getRuntime();
    const generation = await requestCancel(generationDeps(rt), id);
    return Response.json({ generation }, { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}
