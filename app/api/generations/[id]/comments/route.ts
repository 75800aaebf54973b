import { apiRoute } from "@/lib/http/route";
import { getComments, postComment } from "@/lib/review/comment-routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Comments in time order; `mine` and `canDelete` say what the caller may do with each. */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, (request, { actor, params }) =>
  getComments(request, actor, params),
);

/** For scripts, beside addCommentAction: JSON `{ body, atSec, endSec?, parentId?, drawing? }`. */
export const POST = apiRoute<{ id: string }>({ role: "reviewer" }, (request, { actor, params }) =>
  postComment(request, actor, params),
);
