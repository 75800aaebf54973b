import { apiRoute } from "@/lib/http/route";
import { listComments } from "@/lib/review/service";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Comments in time order. `?viewer=<authorId>` marks the asking browser's own (editable) comments. */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (request, { params }) => {
  const { id } = params;
  const viewer = new URL(request.url).searchParams.get("viewer") ?? undefined;
  refuseNul("id", id);
  refuseNul("viewer", viewer);
  const { db } = await getRuntime();
  return Response.json(
    { items: await listComments(db.prisma, id, viewer) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
