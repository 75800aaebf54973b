import { parseListParams } from "@/lib/generations/list-params";
import { listGenerations } from "@/lib/generations/repo";
import { createGeneration } from "@/lib/generations/service";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { generationDeps, getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = apiRoute({ role: "reviewer" }, async (request, { actor }) => {
  const started = performance.now();
  // `creator=me` is the caller.
  const options = parseListParams(new URL(request.url).searchParams, actor);
  const { db } = await getRuntime();
  const queryStarted = performance.now();
  const page = await listGenerations(db.prisma, options);
  const queryMs = performance.now() - queryStarted;
  const body = JSON.stringify(page);
  // The route's own time (query, mapping, encoding), for load runs and anyone reading the network tab.
  const timing = `db;dur=${queryMs.toFixed(1)}, total;dur=${(performance.now() - started).toFixed(1)}`;
  return new Response(body, {
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "Server-Timing": timing },
  });
});

/** For scripts: the same schema and code path as the studio's Generate button, made by the caller. */
export const POST = apiRoute({ role: "editor" }, async (request, { actor }) => {
  const body = await readJson(request);
  const rt = await getRuntime();
  const { generation, generations } = await createGeneration(generationDeps(rt), actor, body);
  return Response.json({ generation, generations }, { status: 202 });
});
