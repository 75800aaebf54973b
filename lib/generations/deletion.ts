import "server-only";
import { recordEvents } from "@/lib/activity/service";
import { type Actor, hasRole } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { publishChange } from "@/lib/live/change-bus";
import type { MediaStore } from "@/lib/media/storage";
import { keysInUse } from "@/lib/media/usage";
import { dropVariants } from "@/lib/media/variants";
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

/**
 * A file written this recently is never removed by a purge, even when nothing names it yet: a clip being
 * saved (or an upload) that came out byte for byte like a purged clip's file stores it under the same key
 * a moment before its row names it. Shorter than the undo window, so a purged clip's own files (written
 * before it was deleted) are always older.
 */
export const MEDIA_GRACE_MS = 5 * 60_000;
/** Clips purged per statement. */
const PURGE_BATCH = 200;

/**
 * Removes clips deleted longer ago than the undo window; comments and references go with them. With a
 * store, their files that nothing else uses any more go too (lib/media/usage.ts), with their image
 * variants. A clip one of whose unused files was written within MEDIA_GRACE_MS waits for a later round
 * (by then the clip that wrote it names it, or the file goes with this one), so no file is left behind
 * unowned. Safe with several instances at once: a row or file already gone is not an error. Returns how
 * many clips went.
 */
export async function purgeDeletedGenerations(
  prisma: Db,
  now = new Date(),
  store?: MediaStore,
): Promise<number> {
  const cutoff = new Date(now.getTime() - UNDO_WINDOW_MS);
  const held: string[] = [];
  let purged = 0;
  for (;;) {
    const rows = await prisma.generation.findMany({
      where: { deletedAt: { lt: cutoff }, ...(held.length ? { id: { notIn: held } } : {}) },
      select: { id: true, videoKey: true, posterKey: true, hoverKey: true },
      orderBy: { id: "asc" },
      take: PURGE_BATCH,
    });
    if (rows.length === 0) break;
    const keysOf = (r: (typeof rows)[number]) =>
      [r.videoKey, r.posterKey, r.hoverKey].filter((k): k is string => k !== null);
    const unused: string[] = [];
    let going = rows;
    if (store) {
      const keys = [...new Set(rows.flatMap(keysOf))];
      const used = await keysInUse(prisma, keys, { exceptClips: rows.map((r) => r.id) });
      const fresh = new Set<string>();
      for (const key of keys.filter((k) => !used.has(k))) {
        const info = await store.stat(key);
        if (info && now.getTime() - info.mtime.getTime() < MEDIA_GRACE_MS) fresh.add(key);
        else unused.push(key);
      }
      going = rows.filter((r) => !keysOf(r).some((k) => fresh.has(k)));
      held.push(...rows.filter((r) => !going.includes(r)).map((r) => r.id));
    }
    // Still deleted: a clip brought back since it was read stays, and so do its files (it names them).
    const { count } = await prisma.generation.deleteMany({
      where: { id: { in: going.map((r) => r.id) }, deletedAt: { lt: cutoff } },
    });
    purged += count;
    if (store && unused.length > 0) {
      const stillUsed = await keysInUse(prisma, unused);
      for (const key of unused.filter((k) => !stillUsed.has(k))) await removeMedia(store, key);
    }
    if (rows.length < PURGE_BATCH) break;
  }
  return purged;
}

/** Removes a stored file nothing uses, and its image variants. */
async function removeMedia(store: MediaStore, key: string) {
  await store.delete(key);
  await dropVariants(store, key);
}
