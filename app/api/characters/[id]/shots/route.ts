import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { refreshCharacterShots, staleShots } from "@/lib/sequences/character-shots";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `{ items }`: the shots without a chosen take that still hold images this character no longer has. */
export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  refuseNul("id", params.id);
  const { db } = await getRuntime();
  return Response.json(
    { items: await staleShots(db.prisma, params.id) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** `{ shotIds? }` → `{ updated }`: those shots (all of them when left out) get the character's images now. */
export const POST = apiRoute<{ id: string }>({ role: "editor" }, async (request, { actor, params }) => {
  refuseNul("id", params.id);
  const body = await readJson(request);
  const { db } = await getRuntime();
  return Response.json({ updated: await refreshCharacterShots(db.prisma, actor, params.id, body) });
});
