import { clipFrameToReference } from "@/lib/generations/frames";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * "Continue from here": `{ atSec }` (seconds, or "last") of a finished clip become a reference image
 * (201 `{ asset }` with `frameOf`; the same frame gives the same asset), to list in referenceIds.
 */
export const POST = apiRoute<{ id: string }>({ role: "editor" }, async (request, { params }) => {
  refuseNul("id", params.id);
  const body = await readJson(request);
  const { db, store } = await getRuntime();
  const { asset } = await clipFrameToReference({ prisma: db.prisma, store }, params.id, body);
  return Response.json({ asset }, { status: 201 });
});
