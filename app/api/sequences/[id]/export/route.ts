import { createExport, listExports } from "@/lib/exports/service";
import { apiRoute } from "@/lib/http/route";
import { getSequence } from "@/lib/sequences/service";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Asks for one MP4 of the sequence's chosen takes → 202 `{ export: { id, status, ... } }`; follow it with
 * GET /api/exports/:id. 422 naming the shot when one has no finished chosen take. The same export asked
 * again while it is under way answers 200 with that one. Takes no body.
 */
export const POST = apiRoute<{ id: string }>({ role: "editor" }, async (_request, { actor, params }) => {
  refuseNul("id", params.id);
  const runtime = await getRuntime();
  const result = await createExport(runtime.db.prisma, actor, params.id);
  if (result.created) runtime.exports.wake();
  return Response.json({ export: result.export }, { status: result.created ? 202 : 200 });
});

/** `{ exports }`: the sequence's latest exports, newest first. */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  // 404 for a sequence that does not exist, rather than an empty list.
  await getSequence(db.prisma, params.id);
  return Response.json(
    { exports: await listExports(db.prisma, params.id) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
