import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { revokeShareLink } from "@/lib/share/links";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Revokes the link at once: its guests' next request is refused. Any editor may (it only closes a door). */
export const DELETE = apiRoute<{ id: string }>({ role: "editor" }, async (_request, { params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json({ link: await revokeShareLink(db.prisma, params.id) });
});
