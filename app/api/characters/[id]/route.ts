import { getCharacter } from "@/lib/characters/service";
import { apiRoute } from "@/lib/http/route";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>({ role: "reviewer" }, async (_request, { params }) => {
  const { db } = await getRuntime();
  return Response.json(
    { character: await getCharacter(db.prisma, params.id) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
