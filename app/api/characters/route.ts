import { listCharacters } from "@/lib/characters/service";
import { apiRoute } from "@/lib/http/route";
import { projectParam } from "@/lib/projects/param";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The character library with clip counts and spend; with `?project=<id>`, counted over that project's clips
 * (every character is listed: they are shared across projects). Clips that used one:
 * /api/generations?character=<id>&project=<id>.
 */
export const GET = apiRoute({ role: "reviewer" }, async (request) => {
  const { db } = await getRuntime();
  const projectId = await projectParam(db.prisma, new URL(request.url).searchParams);
  return Response.json(
    { items: await listCharacters(db.prisma, { projectId }) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
