import "server-only";
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { FIRST_PROJECT_ID } from "@/lib/projects/first";
import { openProject } from "@/lib/projects/service";
import { shotLabel } from "./service";

/**
 * Where a new clip belongs: a clip made for a shot is one of its takes and goes into that shot's project;
 * one made for a project goes there; one made for neither goes into the first project. Refuses a shot that
 * does not exist or was removed, a project that differs from the shot's, and an unknown or archived
 * project, each naming the shot or the field.
 */
export async function placeClip(
  prisma: DbTx,
  input: { projectId?: string; shotId?: string },
): Promise<{ projectId: string; shotId: string | null }> {
  if (input.shotId) {
    const shot = await prisma.shot.findUnique({
      where: { id: input.shotId },
      include: { sequence: { include: { project: true } } },
    });
    if (!shot) {
      throw new AppError("unknown_shot", "That shot does not exist.", 422, { shotId: "unknown shot" });
    }
    const label = shotLabel(shot);
    if (shot.deletedAt) {
      throw new AppError("shot_removed", `${label} was removed: restore it before making a take.`, 422, {
        shotId: "removed shot",
      });
    }
    const { project } = shot.sequence;
    if (input.projectId && input.projectId !== project.id) {
      throw new AppError(
        "other_project",
        `${label} belongs to the project "${project.name}", not to the project this clip names.`,
        422,
        { projectId: "not the shot's project" },
      );
    }
    await openProject(prisma, project.id, "shotId");
    return { projectId: project.id, shotId: shot.id };
  }
  if (input.projectId) return { projectId: (await openProject(prisma, input.projectId)).id, shotId: null };
  return { projectId: FIRST_PROJECT_ID, shotId: null };
}
