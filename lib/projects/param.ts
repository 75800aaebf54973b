import "server-only";
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/validation/parse";
import { projectScopeSchema } from "./schema";

/**
 * `?project=<id>` of a read scoped to one project (the spend ledger, the library's counts); absent: every
 * project. A malformed id is a 422 and an unknown one a 404, both naming the parameter. An archived
 * project can still be read: its work is hidden from the switcher, not gone.
 */
export async function projectParam(prisma: DbTx, params: URLSearchParams): Promise<string | undefined> {
  const raw = params.get("project");
  const { project } = parseInput(projectScopeSchema, raw === null ? {} : { project: raw });
  if (project === undefined) return undefined;
  const found = await prisma.project.findUnique({ where: { id: project }, select: { id: true } });
  if (!found) {
    throw new AppError("unknown_project", `project ${project} does not exist.`, 404, {
      project: "unknown project",
    });
  }
  return project;
}
