import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { addShot } from "@/lib/sequences/shots";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `{ title?, content?, cameraNote?, dialogue?, position? }` adds a shot (at the end by default), or
 * `{ duplicateOf }` copies one right after it → 201 `{ shot }`.
 */
export const POST = apiRoute<{ id: string }>({ role: "editor" }, async (request, { actor, params }) => {
  refuseNul("id", params.id);
  const body = await readJson(request);
  const { db } = await getRuntime();
  return Response.json({ shot: await addShot(db.prisma, actor, params.id, body) }, { status: 201 });
});
