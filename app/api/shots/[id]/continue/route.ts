import { apiRoute } from "@/lib/http/route";
import { continueFromPrevious } from "@/lib/sequences/continue-shot";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * "Continue from the previous shot" (no body): the previous shot's chosen take's last frame, with its
 * references and settings, becomes this shot's content → `{ shot }`. 422 naming the shot when there is
 * no previous shot or it has no finished chosen take.
 */
export const POST = apiRoute<{ id: string }>({ role: "editor" }, async (_request, { actor, params }) => {
  refuseNul("id", params.id);
  const { db, store } = await getRuntime();
  return Response.json({ shot: await continueFromPrevious({ prisma: db.prisma, store }, actor, params.id) });
});
