import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { removeShot, updateShot } from "@/lib/sequences/shots";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `{ title?, content?, cameraNote?, dialogue?, position?, sequenceId?, chosenGenerationId? }` →
 * `{ shot }`. Refusals name the shot.
 */
export const PATCH = apiRoute<{ id: string }>({ role: "editor" }, async (request, { actor, params }) => {
  refuseNul("id", params.id);
  const body = await readJson(request);
  const { db } = await getRuntime();
  return Response.json({ shot: await updateShot(db.prisma, actor, params.id, body) });
});

/** Removes the shot (undo: POST /api/shots/:id/restore) → `{ shot }`. Its takes stay. */
export const DELETE = apiRoute<{ id: string }>({ role: "editor" }, async (_request, { actor, params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json({ shot: await removeShot(db.prisma, actor, params.id) });
});
