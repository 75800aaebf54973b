import { listCharacters } from "@/lib/characters/service";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The character library with clip counts and spend. Clips that used one: /api/generations?character=<id>. */
export const GET = apiRoute({ role: "reviewer" }, async () => {
  const { db } = await getRuntime();
  return Response.json(
    { items: await listCharacters(db.prisma) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
