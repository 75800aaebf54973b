import { apiRoute } from "@/lib/http/route";
import { restoreShot } from "@/lib/sequences/shots";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Brings a removed shot back at its place → `{ shot }`. */
export const POST = apiRoute<{ id: string }>({ role: "editor" }, async (_request, { actor, params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json({ shot: await restoreShot(db.prisma, actor, params.id) });
});
