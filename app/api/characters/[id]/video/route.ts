import { setCharacterVideo } from "@/lib/characters/service";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The character's one video of how it moves: `{ assetId, label? }` (a reference video asset) → `{ character }`. */
export const PUT = apiRoute<{ id: string }>({ role: "editor" }, async (request, { actor, params }) => {
  refuseNul("id", params.id);
  const body = await readJson(request);
  const { db } = await getRuntime();
  return Response.json({ character: await setCharacterVideo(db.prisma, actor, params.id, body) });
});

/** Removes the character's video (its images stay) → `{ character }`. */
export const DELETE = apiRoute<{ id: string }>({ role: "editor" }, async (_request, { actor, params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json({ character: await setCharacterVideo(db.prisma, actor, params.id, null) });
});
