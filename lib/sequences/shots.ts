import "server-only";
import { recordEvents } from "@/lib/activity/service";
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/client";
import type { Prisma, Shot } from "@/lib/db/generated/client";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { publishChange } from "@/lib/live/change-bus";
import { openProject } from "@/lib/projects/service";
import { ID_PATTERN } from "@/lib/validation/fields";
import { parseInput } from "@/lib/validation/parse";
import type { ShotDTO } from "./dto";
import { addShotSchema, updateShotSchema } from "./schema";
import { checkShotContent, shotLabel, takeSummaries, toShotDTO } from "./service";

// Shots of a sequence keep dense positions 0..n-1 among those not removed: every change here reads the
// sequence's shots in order, puts the moved one where it goes, and rewrites the positions that changed,
// in one transaction. A removed shot keeps the place it had, where restoring puts it back.

/**
 * The sequence's shots in order, removed ones left out. Locks the sequence's row until the transaction
 * ends, so two changes to one sequence (two adds at once) take turns and positions stay dense.
 */
async function ordered(tx: DbTx, sequenceId: string): Promise<Shot[]> {
  await tx.$queryRaw`SELECT 1 FROM "Sequence" WHERE "id" = ${sequenceId} FOR UPDATE`;
  return tx.shot.findMany({
    where: { sequenceId, deletedAt: null },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
}

/** Writes positions 0..n-1 in the order of `ids`, touching only the rows that move. */
async function repack(tx: DbTx, shots: Shot[], ids: string[]) {
  const at = new Map(shots.map((s) => [s.id, s.position]));
  for (const [position, id] of ids.entries()) {
    if (at.get(id) !== position) await tx.shot.update({ where: { id }, data: { position } });
  }
}

/** What a shot's events record of it. */
const snapshot = (s: Pick<Shot, "id" | "position" | "title" | "chosenGenerationId">) => ({
  shotId: s.id,
  position: s.position,
  title: s.title,
  chosenGenerationId: s.chosenGenerationId,
});

const insertAt = (ids: string[], index: number, id: string) => [
  ...ids.slice(0, index),
  id,
  ...ids.slice(index),
];

async function dtoOf(prisma: DbTx, id: string): Promise<ShotDTO> {
  const shot = await prisma.shot.findUniqueOrThrow({ where: { id } });
  return toShotDTO(prisma, shot, (await takeSummaries(prisma, [id])).get(id));
}

async function findShot(prisma: DbTx, id: string) {
  const shot = ID_PATTERN.test(id)
    ? await prisma.shot.findUnique({ where: { id }, include: { sequence: true } })
    : null;
  if (!shot) throw new AppError("not_found", "That shot does not exist.", 404);
  return shot;
}

function outOfRange(label: string, position: number, count: number): AppError {
  return new AppError(
    "invalid_position",
    `${label}: position ${position} is past the end; use 0 to ${count - 1}.`,
    422,
    { position: `at most ${count - 1}` },
  );
}

/** One shot (removed ones too, saying so) with what the composer shows of its sequence. */
export async function getShot(prisma: DbTx, id: string) {
  const shot = await findShot(prisma, id);
  const { sequence } = shot;
  return {
    shot: await dtoOf(prisma, id),
    sequence: {
      id: sequence.id,
      projectId: sequence.projectId,
      title: sequence.title,
      aspectRatio: sequence.aspectRatio as "16:9" | "9:16",
    },
  };
}

/** Adds an empty or filled shot (at the end, or at `position`), or a copy of one right after it. */
export async function addShot(prisma: Db, actor: Actor, sequenceId: string, raw: unknown): Promise<ShotDTO> {
  const input = parseInput(addShotSchema, raw);
  const sequence = ID_PATTERN.test(sequenceId)
    ? await prisma.sequence.findUnique({ where: { id: sequenceId } })
    : null;
  if (!sequence) throw new AppError("not_found", "That sequence does not exist.", 404);
  await openProject(prisma, sequence.projectId, "sequence");
  const id = newId();
  await prisma.$transaction(async (tx) => {
    const shots = await ordered(tx, sequenceId);
    const ids = shots.map((s) => s.id);
    let data: Omit<Prisma.ShotUncheckedCreateInput, "id" | "sequenceId" | "position">;
    let index: number;
    if (input.duplicateOf) {
      const source = shots.find((s) => s.id === input.duplicateOf);
      if (!source) {
        throw new AppError(
          "unknown_shot",
          "The shot to duplicate is not one of this sequence's shots.",
          422,
          {
            duplicateOf: "not a shot of this sequence",
          },
        );
      }
      // The copy has the same content, not the takes: those were made for the original.
      data = {
        title: source.title,
        content: source.content as Prisma.InputJsonValue,
        cameraNote: source.cameraNote,
        dialogue: source.dialogue,
      };
      index = source.position + 1;
    } else {
      index = input.position ?? ids.length;
      const label = shotLabel({ position: index, title: input.title ?? "" });
      if (index > ids.length) throw outOfRange(label, index, ids.length + 1);
      await checkShotContent(tx, label, input.content);
      data = {
        title: input.title ?? "",
        content: (input.content ?? {}) as Prisma.InputJsonValue,
        cameraNote: input.cameraNote ?? "",
        dialogue: input.dialogue ?? "",
      };
    }
    const made = await tx.shot.create({ data: { ...data, id, sequenceId, position: index } });
    await repack(tx, await ordered(tx, sequenceId), insertAt(ids, index, id));
    const to = { ...snapshot(made), ...(input.duplicateOf ? { duplicateOf: input.duplicateOf } : {}) };
    await recordEvents(tx, actor, [{ sequenceId, kind: "shot_add", to }]);
  });
  publishChange(prisma, { kind: "sequence", sequenceId });
  return dtoOf(prisma, id);
}

/**
 * Changes a shot: its title, content, camera note and dialogue, its place (`position`, the others shift),
 * its sequence (`sequenceId`, another of the same project) and its chosen take (one of its own takes, or
 * null). Refusals name the shot.
 */
export async function updateShot(prisma: Db, actor: Actor, id: string, raw: unknown): Promise<ShotDTO> {
  const input = parseInput(updateShotSchema, raw);
  const shot = await findShot(prisma, id);
  const label = shotLabel(shot);
  if (shot.deletedAt) {
    throw new AppError("shot_removed", `${label} was removed: restore it before changing it.`, 409);
  }
  await prisma.$transaction(async (tx) => {
    await checkShotContent(tx, label, input.content);
    if (input.chosenGenerationId) {
      const take = await tx.generation.findFirst({
        where: { id: input.chosenGenerationId, shotId: id, deletedAt: null },
        select: { id: true },
      });
      if (!take) {
        throw new AppError("not_a_take", `${label}: that clip is not one of its takes.`, 422, {
          chosenGenerationId: "not one of the shot's takes",
        });
      }
    }
    let sequenceId = shot.sequenceId;
    if (input.sequenceId && input.sequenceId !== shot.sequenceId) {
      const target = await tx.sequence.findUnique({ where: { id: input.sequenceId } });
      if (!target) {
        throw new AppError("unknown_sequence", `${label}: that sequence does not exist.`, 422, {
          sequenceId: "unknown sequence",
        });
      }
      if (target.projectId !== shot.sequence.projectId) {
        throw new AppError(
          "other_project",
          `${label} belongs to another project than the sequence "${target.title}": a shot stays in its project (its takes were made there).`,
          422,
          { sequenceId: "a sequence of another project" },
        );
      }
      const left = (await ordered(tx, shot.sequenceId)).filter((s) => s.id !== id);
      await repack(
        tx,
        left,
        left.map((s) => s.id),
      );
      sequenceId = target.id;
    }
    const shots = await ordered(tx, sequenceId);
    const others = shots.filter((s) => s.id !== id).map((s) => s.id);
    const moved = sequenceId !== shot.sequenceId;
    const index = input.position ?? (moved ? others.length : shots.findIndex((s) => s.id === id));
    if (index > others.length) throw outOfRange(label, index, others.length + 1);
    await tx.shot.update({
      where: { id },
      data: {
        sequenceId,
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.content !== undefined ? { content: input.content as Prisma.InputJsonValue } : {}),
        ...(input.cameraNote !== undefined ? { cameraNote: input.cameraNote } : {}),
        ...(input.dialogue !== undefined ? { dialogue: input.dialogue } : {}),
        ...(input.chosenGenerationId !== undefined ? { chosenGenerationId: input.chosenGenerationId } : {}),
      },
    });
    await repack(tx, moved ? [...shots, { ...shot, position: -1 }] : shots, insertAt(others, index, id));
    const after = await tx.shot.findUniqueOrThrow({ where: { id } });
    await recordEvents(tx, actor, [
      { sequenceId: shot.sequenceId, kind: "shot_update", from: snapshot(shot), to: snapshot(after) },
    ]);
  });
  publishChange(prisma, { kind: "sequence", sequenceId: shot.sequenceId });
  if (input.sequenceId && input.sequenceId !== shot.sequenceId)
    publishChange(prisma, { kind: "sequence", sequenceId: input.sequenceId });
  return dtoOf(prisma, id);
}

/** Removes a shot (undo: restoreShot); the shots after it move up. Its takes stay. */
export async function removeShot(prisma: Db, actor: Actor, id: string): Promise<ShotDTO> {
  const shot = await findShot(prisma, id);
  if (!shot.deletedAt) {
    await prisma.$transaction(async (tx) => {
      await tx.shot.update({ where: { id }, data: { deletedAt: new Date() } });
      const left = await ordered(tx, shot.sequenceId);
      await repack(
        tx,
        left,
        left.map((s) => s.id),
      );
      await recordEvents(tx, actor, [
        { sequenceId: shot.sequenceId, kind: "shot_remove", from: snapshot(shot) },
      ]);
    });
    publishChange(prisma, { kind: "sequence", sequenceId: shot.sequenceId });
  }
  return dtoOf(prisma, id);
}

/** Brings a removed shot back at the place it had (or at the end, when the sequence is shorter now). */
export async function restoreShot(prisma: Db, actor: Actor, id: string): Promise<ShotDTO> {
  const shot = await findShot(prisma, id);
  if (shot.deletedAt) {
    await prisma.$transaction(async (tx) => {
      const shots = await ordered(tx, shot.sequenceId);
      const ids = shots.map((s) => s.id);
      const index = Math.min(shot.position, ids.length);
      await tx.shot.update({ where: { id }, data: { deletedAt: null, position: index } });
      await repack(tx, [...shots, { ...shot, position: index }], insertAt(ids, index, id));
      const to = snapshot({ ...shot, position: index });
      await recordEvents(tx, actor, [{ sequenceId: shot.sequenceId, kind: "shot_restore", to }]);
    });
    publishChange(prisma, { kind: "sequence", sequenceId: shot.sequenceId });
  }
  return dtoOf(prisma, id);
}
