import { forbidden, hasRole } from "@/lib/auth/actor";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { getShot, removeShot, updateShot } from "@/lib/sequences/shots";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `{ shot, sequence }`: the shot, and its sequence's id, title and aspect ratio (for the composer). */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json(await getShot(db.prisma, params.id), { headers: { "Cache-Control": "no-store" } });
});

/**
 * `{ title?, content?, cameraNote?, dialogue?, position?, sequenceId?, chosenGenerationId? }` →
 * `{ shot }`. Refusals name the shot. A reviewer chooses takes (as on a clip page) but changes nothing
 * else: a body with any other field needs an editor.
 */
export const PATCH = apiRoute<{ id: string }>({ role: "reviewer" }, async (request, { actor, params }) => {
  refuseNul("id", params.id);
  const body = await readJson(request);
  const onlyChoice =
    typeof body === "object" &&
    body !== null &&
    Object.keys(body).length === 1 &&
    "chosenGenerationId" in body;
  if (!onlyChoice && !hasRole(actor, "editor")) throw forbidden("editor");
  const { db } = await getRuntime();
  return Response.json({ shot: await updateShot(db.prisma, actor, params.id, body) });
});

/** Removes the shot (undo: POST /api/shots/:id/restore) → `{ shot }`. Its takes stay. */
export const DELETE = apiRoute<{ id: string }>({ role: "editor" }, async (_request, { actor, params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json({ shot: await removeShot(db.prisma, actor, params.id) });
});
