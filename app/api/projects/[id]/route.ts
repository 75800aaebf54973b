import { forbidden, hasRole } from "@/lib/auth/actor";
import { readJson } from "@/lib/http/body";
import { apiRoute } from "@/lib/http/route";
import { updateProject } from "@/lib/projects/service";
import { getRuntime } from "@/lib/server/runtime";
import { refuseNul } from "@/lib/validation/parse";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * `{ name?, archived? }` → `{ project }`. Editors rename; archiving (hidden, nothing deleted) and
 * unarchiving take an admin, as it hides the project's work from everyone.
 */
export const PATCH = apiRoute<{ id: string }>({ role: "editor" }, async (request, { actor, params }) => {
  refuseNul("id", params.id);
  const body = await readJson(request);
  if (body && typeof body === "object" && "archived" in body && !hasRole(actor, "admin"))
    throw forbidden("admin");
  const { db } = await getRuntime();
  return Response.json({ project: await updateProject(db.prisma, params.id, body) });
});
