import { parseListParams } from "@/lib/generations/list-params";
import { findNeighbors } from "@/lib/generations/neighbors";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `?<the gallery's filter>` (the list's own parameters: status, q, favorite, review, takes, asset,
 * character, creator) → `{ prev, next }`: the clips before and after this one in that view, in the
 * gallery's order; null at either end.
 */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (request, { params, actor }) => {
  const { id } = params;
  refuseNul("id", id);
  const search = new URL(request.url).searchParams;
  // A page of the list means nothing here.
  search.delete("cursor");
  search.delete("limit");
  const { cursor: _cursor, limit: _limit, ...filter } = parseListParams(search, actor);
  const { db } = await getRuntime();
  const neighbors = await findNeighbors(db.prisma, id, filter);
  if (!neighbors) throw new AppError("not_found", "That generation does not exist.", 404);
  return Response.json(neighbors, { headers: { "Cache-Control": "no-store" } });
});
