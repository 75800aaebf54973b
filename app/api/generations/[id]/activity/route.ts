import { listActivity, parseActivityParams } from "@/lib/activity/service";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The clip's activity trail, newest first: `{ items, nextCursor }`; `?before=<nextCursor>&limit=1..100`
 * pages back. Each item says who (member or guest, by name), what changed (from, to) and when.
 */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (request, { params: { id } }) => {
  const params = new URL(request.url).searchParams;
  refuseNul("id", id);
  for (const [name, value] of params) refuseNul(name, value);
  const options = parseActivityParams(params);
  const { db } = await getRuntime();
  const clip = await db.prisma.generation.findFirst({
    where: { id, deletedAt: null },
    select: { id: true },
  });
  if (!clip) {
    throw new AppError("not_found", "That clip does not exist (it may have been deleted).", 404);
  }
  return Response.json(await listActivity(db.prisma, { generationId: id }, options), {
    headers: { "Cache-Control": "no-store" },
  });
});
