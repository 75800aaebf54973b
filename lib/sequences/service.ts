import "server-only";
import { makerId, recordEvents } from "@/lib/activity/service";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/client";
import type { Shot } from "@/lib/db/generated/client";
import type { GenerationStatus } from "@/lib/generations/limits";
import { findVisibleGeneration, toGenerationDTO } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { publishChange } from "@/lib/live/change-bus";
import { mediaUrl } from "@/lib/media/keys";
import { openProject } from "@/lib/projects/service";
import { ID_PATTERN } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import type { SequenceDTO, ShotDTO } from "./dto";
import { createSequenceSchema, type ShotContent } from "./schema";
import { shotName } from "./shot-request";
import { NO_TAKES, type TakeTally, tallyTakes } from "./shot-state";

/** How a message names a shot: its place, counted from 1, and its title ("Shot 2 "Harbour""). */
export function shotLabel(shot: Pick<Shot, "position" | "title">): string {
  // The browser's words for it too (the storyboard's confirm names shots the same way).
  return shotName(shot);
}

export async function toShotDTO(prisma: DbTx, shot: Shot, summary = NO_SUMMARY): Promise<ShotDTO> {
  const chosen = shot.chosenGenerationId
    ? await findVisibleGeneration(prisma, shot.chosenGenerationId)
    : null;
  return {
    id: shot.id,
    sequenceId: shot.sequenceId,
    position: shot.position,
    title: shot.title,
    content: (shot.content ?? {}) as ShotContent,
    cameraNote: shot.cameraNote,
    dialogue: shot.dialogue,
    chosenGenerationId: shot.chosenGenerationId,
    chosen: chosen ? toGenerationDTO(chosen) : null,
    takeCount: summary.tally.inFlight + summary.tally.completed + summary.tally.failed,
    takes: summary.tally,
    latestPosterUrl: summary.latestPosterUrl,
    deletedAt: shot.deletedAt?.toISOString() ?? null,
    createdAt: shot.createdAt.toISOString(),
    updatedAt: shot.updatedAt.toISOString(),
  };
}

/** What a shot card shows of its takes besides the chosen one. */
export interface TakeSummary {
  tally: TakeTally;
  latestPosterUrl: string | null;
}
const NO_SUMMARY: TakeSummary = { tally: NO_TAKES, latestPosterUrl: null };

/**
 * Takes per shot (clips made for it that are not deleted), counted by status, and the poster of the
 * newest take that has one: two grouped reads for any number of shots, not one per shot.
 */
export async function takeSummaries(prisma: DbTx, shotIds: string[]): Promise<Map<string, TakeSummary>> {
  if (shotIds.length === 0) return new Map();
  const [rows, posters] = await Promise.all([
    prisma.generation.groupBy({
      by: ["shotId", "status"],
      where: { shotId: { in: shotIds }, deletedAt: null },
      _count: { _all: true },
    }),
    prisma.generation.findMany({
      where: { shotId: { in: shotIds }, deletedAt: null, posterKey: { not: null } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      distinct: ["shotId"],
      select: { shotId: true, posterKey: true },
    }),
  ]);
  const byShot = new Map<string, { status: GenerationStatus; count: number }[]>();
  for (const r of rows) {
    const list = byShot.get(r.shotId ?? "") ?? [];
    list.push({ status: r.status as GenerationStatus, count: r._count._all });
    byShot.set(r.shotId ?? "", list);
  }
  const poster = new Map(posters.map((p) => [p.shotId ?? "", p.posterKey ? mediaUrl(p.posterKey) : null]));
  return new Map(
    shotIds.map((id) => [
      id,
      { tally: tallyTakes(byShot.get(id) ?? []), latestPosterUrl: poster.get(id) ?? null },
    ]),
  );
}

export async function createSequence(prisma: Db, actor: Actor, raw: unknown): Promise<SequenceDTO> {
  const input = parseInput(createSequenceSchema, raw);
  await openProject(prisma, input.projectId);
  const id = newId();
  await prisma.$transaction(async (tx) => {
    await tx.sequence.create({
      data: {
        id,
        projectId: input.projectId,
        title: input.title,
        aspectRatio: input.aspectRatio,
        createdById: makerId(actor),
      },
    });
    await recordEvents(tx, actor, [{ sequenceId: id, kind: "sequence_create", to: input }]);
  });
  publishChange(prisma, { kind: "sequence", sequenceId: id });
  return getSequence(prisma, id);
}

/** A sequence with its shots in order (removed ones left out), each with its chosen take. */
export async function getSequence(prisma: DbTx, id: string): Promise<SequenceDTO> {
  const row = ID_PATTERN.test(id)
    ? await prisma.sequence.findUnique({
        where: { id },
        include: { shots: { where: { deletedAt: null }, orderBy: [{ position: "asc" }, { id: "asc" }] } },
      })
    : null;
  if (!row) throw new AppError("not_found", "That sequence does not exist.", 404);
  const summaries = await takeSummaries(
    prisma,
    row.shots.map((s) => s.id),
  );
  const shots = await Promise.all(row.shots.map((s) => toShotDTO(prisma, s, summaries.get(s.id))));
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    aspectRatio: row.aspectRatio as SequenceDTO["aspectRatio"],
    shots,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Refuses a shot's references and characters that do not exist, naming the shot and the field. */
export async function checkShotContent(prisma: DbTx, label: string, content: ShotContent | undefined) {
  if (!content) return;
  const checks = [
    ["referenceIds", content.referenceIds ?? [], "image", "an uploaded image"],
    ["referenceVideoIds", content.referenceVideoIds ?? [], "video", "an uploaded video"],
  ] as const;
  for (const [field, ids, kind, what] of checks) {
    if (ids.length === 0) continue;
    const found = await prisma.asset.findMany({
      where: { id: { in: [...ids] }, kind },
      select: { id: true },
    });
    const known = new Set(found.map((a) => a.id));
    const missing = ids.findIndex((id) => !known.has(id));
    if (missing >= 0) {
      throw new AppError(
        "unknown_reference",
        `${label}: reference ${missing + 1} is not ${what}. Upload it again.`,
        422,
        { [`content.${field}`]: `unknown asset id: ${ids[missing]}` },
      );
    }
  }
  const characterIds = [
    ...new Set(
      [...(content.referenceCharacterIds ?? []), ...(content.referenceVideoCharacterIds ?? [])].filter(
        (c): c is string => c !== null,
      ),
    ),
  ];
  if (characterIds.length > 0) {
    const known = await prisma.character.count({ where: { id: { in: characterIds } } });
    if (known !== characterIds.length) {
      throw new AppError(
        "unknown_character",
        `${label}: one of its saved characters no longer exists. Insert it again.`,
        422,
        { "content.referenceCharacterIds": "unknown character id" },
      );
    }
  }
}
