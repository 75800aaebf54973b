import "server-only";
import { makerId } from "@/lib/activity/service";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/client";
import type { Project } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { publishChange } from "@/lib/live/change-bus";
import { ID_PATTERN } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import type { ProjectDTO } from "./dto";
import { createProjectSchema, updateProjectSchema } from "./schema";

const counts = {
  _count: { select: { sequences: true, generations: { where: { deletedAt: null } } } },
} as const;

function toDTO(p: Project & { _count: { sequences: number; generations: number } }): ProjectDTO {
  return {
    id: p.id,
    name: p.name,
    archivedAt: p.archivedAt?.toISOString() ?? null,
    clipCount: p._count.generations,
    sequenceCount: p._count.sequences,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The projects, oldest first; archived ones only when asked. */
export async function listProjects(prisma: DbTx, options: { archived?: boolean } = {}) {
  const rows = await prisma.project.findMany({
    where: options.archived ? {} : { archivedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: counts,
  });
  return rows.map(toDTO);
}

export async function getProject(prisma: DbTx, id: string): Promise<ProjectDTO> {
  const row = ID_PATTERN.test(id)
    ? await prisma.project.findUnique({ where: { id }, include: counts })
    : null;
  if (!row) throw new AppError("not_found", "That project does not exist.", 404);
  return toDTO(row);
}

/**
 * A project new work may go into: it exists and is not archived. `field` is the request's field that
 * named it, so a 422 says which one.
 */
export async function openProject(prisma: DbTx, id: string, field = "projectId"): Promise<Project> {
  const row = ID_PATTERN.test(id) ? await prisma.project.findUnique({ where: { id } }) : null;
  if (!row)
    throw new AppError("unknown_project", "That project does not exist.", 422, {
      [field]: "unknown project",
    });
  if (row.archivedAt) {
    throw new AppError(
      "project_archived",
      `The project "${row.name}" is archived: unarchive it to add to it.`,
      422,
      { [field]: "archived project" },
    );
  }
  return row;
}

export async function createProject(prisma: Db, actor: Actor, raw: unknown): Promise<ProjectDTO> {
  const input = parseInput(createProjectSchema, raw);
  const id = newId();
  await prisma.project.create({ data: { id, name: input.name, createdById: makerId(actor) } });
  publishChange(prisma, { kind: "project" });
  return getProject(prisma, id);
}

/** Renames, archives (hidden, nothing deleted) or unarchives a project. */
export async function updateProject(prisma: Db, id: string, raw: unknown): Promise<ProjectDTO> {
  const input = parseInput(updateProjectSchema, raw);
  const before = await getProject(prisma, id);
  const archivedAt =
    input.archived === undefined
      ? undefined
      : input.archived
        ? before.archivedAt
          ? undefined
          : new Date()
        : null;
  await prisma.project.update({
    where: { id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(archivedAt !== undefined ? { archivedAt } : {}),
    },
  });
  publishChange(prisma, { kind: "project" });
  return getProject(prisma, id);
}
