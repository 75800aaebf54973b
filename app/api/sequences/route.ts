import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { listSequences } from "@/lib/sequences/list";
import { createSequence } from "@/lib/sequences/service";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** `?project=<id>` → `{ items }`: the project's sequences, newest first, with their totals. */
export const GET = apiRoute({ role: "reviewer" }, async (request) => {
  const query = new URL(request.url).searchParams;
  for (const [name, value] of query) refuseNul(name, value);
  const { db } = await getRuntime();
  return Response.json(
    { items: await listSequences(db.prisma, query) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** `{ projectId, title, aspectRatio }` → 201 `{ sequence }` (no shots yet). */
export const POST = apiRoute({ role: "editor" }, async (request, { actor }) => {
  const body = await readJson(request);
  const { db } = await getRuntime();
  return Response.json({ sequence: await createSequence(db.prisma, actor, body) }, { status: 201 });
});
