import "server-only";
import { recordEvents } from "@/lib/activity/service";
import { type Actor, hasRole } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { publishChange } from "@/lib/live/change-bus";
import type { GenerationDTO } from "./dto";
import { findVisibleGeneration, toGenerationDTO } from "./repo";
import { isTerminal } from "./state";

// Deleting a clip, bringing it back within the undo window, and removing it for good after.

/**
 * Editors delete (and restore) only the clips they made; admins and the owner any clip. The message
 * says whose it is, so the editor knows whom to ask.
 */
function assertMayDelete(
  actor: Actor,
  row: { createdById: string | null; createdBy?: { name: string } | null },
) {
  if (hasRole(actor, "admin") || (actor.kind === "member" && row.createdById === actor.id)) return;
  const whose = row.createdBy?.name ? `${row.createdBy.name} made this clip` : "This clip is not yours";
  throw new AppError(
    "forbidden",
    `${whose}: editors delete only their own clips. Deleting others' needs the admin role or higher.`,
    403,
  );
}

/**
 * Hides a finished clip; restoreGeneration undoes it. Files stay: they are shared by content. Both are
 * signed in the clip's activity trail.
 */
export async function deleteGeneration(prisma: Db, actor: Actor, id: string): Promise<void> {
  const row = await findVisibleGeneration(prisma, id);
  if (!row) throw new AppError("not_found", "That clip does not exist (it may already be deleted).", 404);
  assertMayDelete(actor, row);
  if (!isTerminal(row.status)) {
    throw new AppError(
      "still_running",
      "This clip is still being made. Cancel it first, then delete it.",
      409,
    );
  }
  const deleted = await prisma.$transaction(async (tx) => {
    const { count } = await tx.generation.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (count > 0) await recordEvents(tx, actor, [{ generationId: id, kind: "delete" }]);
    return count > 0;
  });
  // Deleted meanwhile by someone else: it is gone, as asked, and their event says who.
  if (deleted) publishChange(prisma, { kind: "generation.deleted", generationId: id });
}

export async function restoreGeneration(prisma: Db, actor: Actor, id: string): Promise<GenerationDTO> {
  const gone = await prisma.generation.findUnique({
    where: { id },
    select: { createdById: true, createdBy: { select: { name: true } } },
  });
  if (!gone) throw new AppError("not_found", "That clip does not exist.", 404);
  assertMayDelete(actor, gone);
  const restored = await prisma.$transaction(async (tx) => {
    const { count } = await tx.generation.updateMany({
      where: { id, deletedAt: { not: null } },
      data: { deletedAt: null },
    });
    if (count > 0) await recordEvents(tx, actor, [{ generationId: id, kind: "restore" }]);
    return count > 0;
  });
  if (restored) publishChange(prisma, { kind: "generation.restored", generationId: id });
  const row = await findVisibleGeneration(prisma, id);
  if (!row) throw new AppError("not_found", "That clip does not exist.", 404);
  return toGenerationDTO(row);
}

/** How long a deleted clip can be brought back before it and its comments are removed for good. */
export const UNDO_WINDOW_MS = 10 * 60_000;

/** Removes clips deleted longer ago than the undo window; comments and references go with them. */
export async function purgeDeletedGenerations(prisma: Db, now = new Date()): Promise<number> {
  const { count } = await prisma.generation.deleteMany({
    where: { deletedAt: { lt: new Date(now.getTime() - UNDO_WINDOW_MS) } },
  });
  return count;
}
