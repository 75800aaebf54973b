import "server-only";
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";
import { shotLabel } from "@/lib/sequences/service";
import { ID_PATTERN } from "@/lib/validation/fields";

/** What an export stitches, fixed when it is asked for: choosing another take later changes nothing. */
export interface ExportPlan {
  title: string;
  aspectRatio: string;
  shots: ExportPlanShot[];
}

export interface ExportPlanShot {
  shotId: string;
  title: string;
  generationId: string;
  prompt: string;
  /** The references' names, in order (the export's record). */
  references: string[];
  videoKey: string;
  /** The take's video length (its part of the export). */
  durationSec: number;
}

/**
 * The sequence's shots in order with their chosen takes. Refused (422, naming the first shot at fault)
 * when a shot has no chosen take, or its take is deleted or has no finished video; 404 for no sequence.
 */
export async function exportPlan(prisma: DbTx, sequenceId: string): Promise<ExportPlan> {
  const sequence = ID_PATTERN.test(sequenceId)
    ? await prisma.sequence.findUnique({
        where: { id: sequenceId },
        include: {
          shots: {
            where: { deletedAt: null },
            orderBy: [{ position: "asc" }, { id: "asc" }],
            include: {
              chosen: {
                include: { references: { orderBy: { position: "asc" }, include: { asset: true } } },
              },
            },
          },
        },
      })
    : null;
  if (!sequence) throw new AppError("not_found", "That sequence does not exist.", 404);
  if (sequence.shots.length === 0) {
    throw new AppError(
      "export_empty",
      "This sequence has no shots yet: add shots and choose their takes.",
      422,
    );
  }
  const shots = sequence.shots.map((shot): ExportPlanShot => {
    const label = shotLabel(shot);
    const take = shot.chosen;
    if (!take || take.deletedAt) {
      throw new AppError(
        "export_incomplete",
        `${label} has no chosen take: choose one of its takes before exporting.`,
        422,
        { shotId: shot.id },
      );
    }
    if (take.status !== "completed" || !take.videoKey) {
      throw new AppError(
        "export_incomplete",
        `${label}: its chosen take is ${take.status}, not a finished clip. Choose a finished take.`,
        422,
        { shotId: shot.id },
      );
    }
    return {
      shotId: shot.id,
      title: shot.title || `Shot ${shot.position + 1}`,
      generationId: take.id,
      prompt: take.prompt,
      references: take.references.map((r) => r.label || r.asset.originalName || r.assetId),
      videoKey: take.videoKey,
      durationSec: take.videoDurationSec ?? take.duration,
    };
  });
  return { title: sequence.title, aspectRatio: sequence.aspectRatio, shots };
}
