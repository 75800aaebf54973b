import "server-only";
import type { DbTx } from "@/lib/db/client";
import { mediaUrl } from "@/lib/media/keys";
import { getProject } from "@/lib/projects/service";
import { parseInput } from "@/lib/validation/parse";
import type { SequenceSummaryDTO } from "./dto";
import { listSequencesQuerySchema } from "./schema";

/**
 * A project's sequences, newest first, each with what its row in the list shows: shots, the chosen takes'
 * total length and the first chosen take's poster. One read of the sequences with their shots' chosen
 * takes (only the columns the totals need), however many there are.
 */
export async function listSequences(prisma: DbTx, query: URLSearchParams): Promise<SequenceSummaryDTO[]> {
  const { project } = parseInput(listSequencesQuerySchema, Object.fromEntries(query));
  // A 404 naming the project, not an empty list, for an id that names none.
  await getProject(prisma, project);
  const rows = await prisma.sequence.findMany({
    where: { projectId: project },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: {
      shots: {
        where: { deletedAt: null },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: {
          chosen: {
            select: { deletedAt: true, posterKey: true, videoDurationSec: true, duration: true },
          },
        },
      },
    },
  });
  return rows.map((row) => {
    // A chosen take deleted since is not counted: the storyboard does not show it either.
    const chosen = row.shots.flatMap((s) => (s.chosen && !s.chosen.deletedAt ? [s.chosen] : []));
    const poster = chosen.find((c) => c.posterKey)?.posterKey;
    return {
      id: row.id,
      projectId: row.projectId,
      title: row.title,
      aspectRatio: row.aspectRatio as SequenceSummaryDTO["aspectRatio"],
      shotCount: row.shots.length,
      chosenCount: chosen.length,
      durationSec: chosen.reduce((sum, c) => sum + (c.videoDurationSec ?? c.duration), 0),
      posterUrl: poster ? mediaUrl(poster) : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}
