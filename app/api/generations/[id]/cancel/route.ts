import { requestCancel } from "@/lib/generations/service";
import { errorResponse } from "@/lib/http/errors";
import { foreignOriginResponse, sameOrigin } from "@/lib/http/origin";
import { generationDeps, getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, ctx: { params: Promise<{ id: string }> }) {
  if (!sameOrigin(request)) return foreignOriginResponse();
  try {
    const { id } = await ctx.params;
    refuseNul("id", id);
    const rt = await getRuntime();
    const generation = await requestCancel(generationDeps(rt), id);
    return Response.json({ generation }, { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}
