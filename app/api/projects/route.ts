import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { createProject, listProjects } from "@/lib/projects/service";
import { getRuntime } from "@/lib/server/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The projects, oldest first, with clip and sequence counts; archived ones too with `?archived=1`. */
export const GET = apiRoute({ role: "reviewer" }, async (request) => {
  const archived = new URL(request.url).searchParams.get("archived") === "1";
  const { db } = await getRuntime();
  return Response.json(
    { items: await listProjects(db.prisma, { archived }) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

/** `{ name }` → 201 `{ project }`. */
export const POST = apiRoute({ role: "editor" }, async (request, { actor }) => {
  const body = await readJson(request);
  const { db } = await getRuntime();
  return Response.json({ project: await createProject(db.prisma, actor, body) }, { status: 201 });
});
