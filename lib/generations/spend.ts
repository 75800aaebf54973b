import "server-only";
import type { DbTx } from "@/lib/db/client";
import { roundUsd } from "./cost";
import type { SpendDTO } from "./dto";
import { BILLED_STATUSES, IN_FLIGHT_STATUSES } from "./state";

/**
 * Today's spend (UTC day): completed clips at their recorded cost, clips in flight at their estimate.
 * Failed and canceled clips count as free (fal does not bill server errors).
 */
export async function spendToday(db: DbTx, now = new Date()): Promise<SpendDTO> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [done, active] = await Promise.all([
    db.generation.aggregate({
      _sum: { actualCostUsd: true },
      where: { createdAt: { gte: since }, status: { in: [...BILLED_STATUSES] }, deletedAt: null },
    }),
    db.generation.aggregate({
      _sum: { estimatedCostUsd: true },
      where: { createdAt: { gte: since }, status: { in: [...IN_FLIGHT_STATUSES] } },
    }),
  ]);
  return {
    todayUsd: roundUsd((done._sum.actualCostUsd ?? 0) + (active._sum.estimatedCostUsd ?? 0)),
    since: since.toISOString(),
  };
}
