import "server-only";
import { makerId, recordEvents } from "@/lib/activity/service";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/client";
import type { SequenceExport } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { publishChange } from "@/lib/live/change-bus";
import { mediaUrl } from "@/lib/media/keys";
import { ID_PATTERN } from "@/lib/validation/fields";
import type { ExportChapter, ExportDTO, ExportStatus } from "./dto";
import { type ExportPlan, exportPlan } from "./plan";

/** A sequence's exports listed, newest first. */
const RECENT_EXPORTS = 10;

export function toExportDTO(row: SequenceExport): ExportDTO {
  const plan = row.plan as unknown as ExportPlan;
  const done = row.status === "completed" && row.videoKey;
  return {
    id: row.id,
    sequenceId: row.sequenceId,
    title: plan.title,
    status: row.status as ExportStatus,
    progress: row.status === "completed" ? 1 : row.progress,
    shotCount: plan.shots.length,
    expectedDurationSec: plan.shots.reduce((sum, s) => sum + s.durationSec, 0),
    videoUrl: done && row.videoKey ? mediaUrl(row.videoKey) : null,
    posterUrl: done && row.posterKey ? mediaUrl(row.posterKey) : null,
    downloadUrl: done ? `/api/exports/${row.id}/download` : null,
    bytes: row.bytes,
    durationSec: row.durationSec,
    width: row.width,
    height: row.height,
    fps: row.fps,
    chapters: (row.chapters ?? []) as unknown as ExportChapter[],
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

const samePlan = (a: ExportPlan, b: ExportPlan) =>
  a.title === b.title &&
  a.shots.length === b.shots.length &&
  a.shots.every((s, i) => s.generationId === b.shots[i]?.generationId && s.title === b.shots[i]?.title);

/**
 * Asks for an MP4 of the sequence's chosen takes, in order (the background worker makes it). Refused,
 * changing nothing, when a shot has no finished chosen take (the message names the shot). Asking again
 * while the same export is queued or running answers that one: a double click makes one file.
 */
export async function createExport(
  prisma: Db,
  actor: Actor,
  sequenceId: string,
): Promise<{ export: ExportDTO; created: boolean }> {
  const plan = await exportPlan(prisma, sequenceId);
  const result = await prisma.$transaction(async (tx) => {
    // One request at a time per sequence, so two at once cannot both find nothing under way.
    await tx.$executeRaw`SELECT 1 FROM "Sequence" WHERE "id" = ${sequenceId} FOR UPDATE`;
    const active = await tx.sequenceExport.findMany({
      where: { sequenceId, status: { in: ["queued", "running"] } },
      orderBy: { createdAt: "desc" },
    });
    const same = active.find((e) => samePlan(e.plan as unknown as ExportPlan, plan));
    if (same) return { row: same, created: false };
    const row = await tx.sequenceExport.create({
      data: {
        id: newId(),
        sequenceId,
        plan: plan as unknown as object,
        createdById: makerId(actor),
      },
    });
    await recordEvents(tx, actor, [
      { sequenceId, kind: "sequence_export", to: { exportId: row.id, shots: plan.shots.length } },
    ]);
    return { row, created: true };
  });
  if (result.created) publishChange(prisma, { kind: "export", sequenceId });
  return { export: toExportDTO(result.row), created: result.created };
}

export async function findExport(prisma: DbTx, id: string): Promise<SequenceExport> {
  const row = ID_PATTERN.test(id) ? await prisma.sequenceExport.findUnique({ where: { id } }) : null;
  if (!row) throw new AppError("not_found", "That export does not exist.", 404);
  return row;
}

export async function getExport(prisma: DbTx, id: string): Promise<ExportDTO> {
  return toExportDTO(await findExport(prisma, id));
}

/** The sequence's latest exports, newest first. */
export async function listExports(prisma: DbTx, sequenceId: string): Promise<ExportDTO[]> {
  const rows = await prisma.sequenceExport.findMany({
    where: { sequenceId },
    orderBy: { createdAt: "desc" },
    take: RECENT_EXPORTS,
  });
  return rows.map(toExportDTO);
}
