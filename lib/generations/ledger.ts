import "server-only";
import { listCharacters } from "@/lib/characters/service";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { roundUsd } from "./cost";
import { BILLED_STATUSES } from "./state";
import { statusList } from "./status-sql";

export interface LedgerDay {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  completedUsd: number;
  completed: number;
  failed: number;
  canceled: number;
}

export interface Ledger {
  days: LedgerDay[];
  characters: { id: string; name: string; clipCount: number; spendUsd: number }[];
  totals: { completedUsd: number; completed: number; failed: number; canceled: number };
}

/**
 * Spend from the stored costs: completed clips at their cost (the preview engine is free), failed and
 * canceled clips counted but not charged (fal does not bill server errors). `projectId` counts one
 * project's clips only (days and characters alike); without it, every project's.
 */
export async function ledger(prisma: Db, days = 30, now = new Date(), projectId?: string): Promise<Ledger> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const rows = await prisma.$queryRaw<
    { day: string; usd: number | null; completed: bigint; failed: bigint; canceled: bigint }[]
  >`
    SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day,
           sum(CASE WHEN "status" IN (${statusList(BILLED_STATUSES)}) THEN "actualCostUsd" ELSE 0 END) AS usd,
           count(*) FILTER (WHERE "status" = 'completed') AS completed,
           count(*) FILTER (WHERE "status" = 'failed') AS failed,
           count(*) FILTER (WHERE "status" = 'canceled') AS canceled
    FROM "Generation"
    WHERE "createdAt" >= ${since} AND "deletedAt" IS NULL
      ${projectId ? Prisma.sql`AND "projectId" = ${projectId}` : Prisma.empty}
    GROUP BY 1 ORDER BY 1 DESC`;
  const list = rows.map((r) => ({
    day: r.day,
    completedUsd: roundUsd(Number(r.usd ?? 0)),
    completed: Number(r.completed),
    failed: Number(r.failed),
    canceled: Number(r.canceled),
  }));
  const characters = (await listCharacters(prisma, { projectId }))
    .map(({ id, name, clipCount, spendUsd }) => ({ id, name, clipCount, spendUsd }))
    .sort((a, b) => b.spendUsd - a.spendUsd);
  const totals = list.reduce(
    (t, d) => ({
      completedUsd: roundUsd(t.completedUsd + d.completedUsd),
      completed: t.completed + d.completed,
      failed: t.failed + d.failed,
      canceled: t.canceled + d.canceled,
    }),
    { completedUsd: 0, completed: 0, failed: 0, canceled: 0 },
  );
  return { days: list, characters, totals };
}
