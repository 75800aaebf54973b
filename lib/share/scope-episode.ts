import "server-only";
import type { Db } from "@/lib/db/client";
import { findVisibleGeneration, type GenerationRow, toGenerationDTO } from "@/lib/generations/repo";
import { AppError } from "@/lib/http/errors";
import type { SequenceDTO } from "@/lib/sequences/dto";
import { listSequences } from "@/lib/sequences/list";
import { getSequence } from "@/lib/sequences/service";
import { clipsHolding, type ShareScope, viewScope } from "./scope";

// What a project link and a sequence link cover (the other kinds: ./scope.ts).
// - A project: its clips, paged like the gallery (a gallery view pinned to the project), and its
//   sequences, each watchable end to end.
// - A sequence: the chosen takes of its shots as they are chosen when the guest looks (a take chosen
//   later joins, one unchosen leaves), and the sequence itself. Not the other takes: the link shows the
//   cut, not the cutting-room floor.

/** A sequence read for a guest, or null when it is gone (a 404 from getSequence). */
async function readSequence(prisma: Db, id: string): Promise<SequenceDTO | null> {
  try {
    return await getSequence(prisma, id);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
}

export function projectScope(prisma: Db, projectId: string): ShareScope {
  const clips = viewScope(prisma, new URLSearchParams({ project: projectId }).toString());
  return {
    ...clips,
    async sequences() {
      return listSequences(prisma, new URLSearchParams({ project: projectId })).catch((err) => {
        if (err instanceof AppError && err.status === 404) return [];
        throw err;
      });
    },
    async sequence(id) {
      const sequence = await readSequence(prisma, id);
      return sequence?.projectId === projectId ? sequence : null;
    },
  };
}

export function sequenceScope(prisma: Db, sequenceId: string): ShareScope {
  /** The live shots' chosen takes among `ids` (all of them without `ids`), as clip ids. */
  const chosenIds = async (ids?: string[]) => {
    const shots = await prisma.shot.findMany({
      where: {
        sequenceId,
        deletedAt: null,
        chosenGenerationId: ids ? { in: ids } : { not: null },
      },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { chosenGenerationId: true },
    });
    return shots.map((s) => s.chosenGenerationId as string);
  };
  const visible = async (ids: string[]) =>
    (await Promise.all(ids.map((id) => findVisibleGeneration(prisma, id)))).filter(
      (r): r is GenerationRow => r !== null,
    );
  return {
    async clips() {
      return { clips: (await visible(await chosenIds())).map(toGenerationDTO), nextCursor: null };
    },
    async clip(id) {
      const [chosen] = await chosenIds([id]);
      return chosen ? await findVisibleGeneration(prisma, chosen) : null;
    },
    async hasMedia(key) {
      const holders = await clipsHolding(prisma, key);
      return holders.length > 0 && (await chosenIds(holders)).length > 0;
    },
    async sequences() {
      const sequence = await readSequence(prisma, sequenceId);
      if (!sequence) return [];
      const all = await listSequences(prisma, new URLSearchParams({ project: sequence.projectId }));
      return all.filter((s) => s.id === sequenceId);
    },
    async sequence(id) {
      return id === sequenceId ? await readSequence(prisma, id) : null;
    },
  };
}
