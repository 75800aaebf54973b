import { clipToReferenceVideo } from "@/lib/generations/clip-reference";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * "Use as reference video": `{ startSec, endSec }` of a finished clip become a reference video asset
 * (201 `{ asset }`, the same asset for the same clip and range), to list in referenceVideoIds.
 */
export const POST = apiRoute<{ id: string }>({ role: "editor" }, async (request, { params }) => {
  refuseNul("id", params.id);
  const body = await readJson(request);
  const { db, store } = await getRuntime();
  const { asset } = await clipToReferenceVideo({ prisma: db.prisma, store }, params.id, body);
  return Response.json({ asset }, { status: 201 });
});
