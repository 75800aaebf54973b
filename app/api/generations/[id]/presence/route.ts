import { isMember } from "@/lib/auth/actor";
import { AppError } from "@/lib/http/errors";
import { apiRoute } from "@/lib/http/route";
import { heartbeat, leave, validTabId, viewers } from "@/lib/live/presence";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Who has this clip's page open now. */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json(
    { viewers: await viewers(db.prisma, params.id) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/**
 * `?tab=<id>`: this tab is (still) on the page; `&leave=1`: it left (sent with navigator.sendBeacon,
 * which can only POST).
 */
export const POST = apiRoute<{ id: string }>({ role: "reviewer" }, async (request, { actor, params }) => {
  refuseNul("id", params.id);
  const url = new URL(request.url);
  const tab = url.searchParams.get("tab");
  if (!validTabId(tab)) {
    throw new AppError("invalid_input", "tab: give this tab's id, 8 to 64 letters, digits, - or _.", 400);
  }
  if (!isMember(actor)) throw new AppError("forbidden", "Presence is for members.", 403);
  const { db } = await getRuntime();
  if (url.searchParams.get("leave") === "1") await leave(db.prisma, params.id, tab);
  else {
    const exists = await db.prisma.generation.count({ where: { id: params.id, deletedAt: null } });
    if (!exists) throw new AppError("not_found", "That clip does not exist.", 404);
    await heartbeat(db.prisma, actor, params.id, tab);
  }
  return new Response(null, { status: 204 });
});
