import { forbidden, hasRole, unauthorized } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { foreignOriginResponse, sameOrigin } from "@/lib/http/origin";
import { getComments, postComment } from "@/lib/review/comment-routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** Comments in time order; `mine` and `canDelete` say what the caller may do with each. */
export async function GET(request: Request, ctx: Ctx) {
  try {
    const actor = await resolveActor(() => request.headers);
    if (!actor) throw unauthorized();
    return await getComments(request, actor, await ctx.params);
  } catch (err) {
    return errorResponse(err);
  }
}

/** For scripts, beside addCommentAction: JSON `{ body, atSec, endSec?, parentId?, drawing? }`. */
export async function POST(request: Request, ctx: Ctx) {
  if (!sameOrigin(request)) return foreignOriginResponse();
  try {
    const actor = await resolveActor(() => request.headers);
    if (!actor) throw unauthorized();
    if (!hasRole(actor, "reviewer")) throw forbidden("reviewer");
    return await postComment(request, actor, await ctx.params);
  } catch (err) {
    return errorResponse(err);
  }
}
