import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { createSequence } from "@/lib/sequences/service";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `{ projectId, title, aspectRatio }` → 201 `{ sequence }` (no shots yet). */
export const POST = apiRoute({ role: "editor" }, async (request, { actor }) => {
  const body = await readJson(request);
  const { db } = await getRuntime();
  return Response.json({ sequence: await createSequence(db.prisma, actor, body) }, { status: 201 });
});
