import "server-only";
import { type Actor, forbidden } from "@/lib/auth/actor";
import type { Db, DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { roundUsd } from "@/lib/generations/cost";
import { BILLED_STATUSES, IN_FLIGHT_STATUSES } from "@/lib/generations/state";
import { statusList } from "@/lib/generations/status-sql";
import { AppError } from "@/lib/http/errors";
import type { CapState, SpendAllowance, TeamSpendDTO } from "./dto";

export type { CapState, SpendAllowance, TeamSpendDTO };

// Daily spend caps, set by the owner: one per member (User.dailySpendCapUsd) and one for the whole team
// (StudioSettings.teamDailySpendCapUsd); null means no cap. A day is a UTC day, as on the Spend page.
//
// What counts as spent today, for a cap: every clip made today that costs or may still cost money.
//   - completed: its recorded cost (its estimate if none was recorded), deleted or not: deleting a clip
//     does not give the money back, so it must not give the cap back either;
//   - in flight (queued to saving): its estimate, since the provider may bill it;
//   - failed and canceled: nothing (fal does not bill server errors; lib/generations/state.ts BILLED).
// The Spend page's ledger counts completed clips only; a cap must also hold back what is on its way.
//
// The refusal is 403 `spend_cap` (the member's own cap) or `team_spend_cap` (the team's), not 402: the
// caller is signed in and not allowed this now, as every other refusal of the studio says it, and the
// message gives the amount left today and what the request needs.
//
// Two generates at the same moment: each check reads what is spent so far, so two requests that pass
// together could both be sent and overshoot the cap by one request's cost. withinSpendCap closes that:
// it takes a transaction-scoped advisory lock, checks, and runs the insert in the same transaction, so
// the second request's check sees the first request's rows. assertWithinSpendCap alone (outside such a
// transaction) is the plain check, for callers that accept that overshoot.

/** pg_advisory_xact_lock key for "spend is being checked and committed" (any stable bigint). */
const SPEND_LOCK_KEY = 7_242_120_101;

/** The start of the UTC day `now` falls in. */
export function utcDayStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const spendSql = Prisma.sql`coalesce(sum(CASE
  WHEN "status" IN (${statusList(BILLED_STATUSES)}) THEN coalesce("actualCostUsd", "estimatedCostUsd")
  WHEN "status" IN (${statusList(IN_FLIGHT_STATUSES)}) THEN "estimatedCostUsd"
  ELSE 0 END), 0)`;

/** What each member spent today (see above); clips made before accounts existed sit under null. */
export async function spentTodayByMember(db: DbTx, now = new Date()): Promise<Map<string | null, number>> {
  const rows = await db.$queryRaw<{ userId: string | null; usd: number }[]>`
    SELECT "createdById" AS "userId", ${spendSql}::float8 AS usd
    FROM "Generation" WHERE "createdAt" >= ${utcDayStart(now)}
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.userId, roundUsd(Number(r.usd))]));
}

/** What one member (or, with null, the whole team) spent today. */
export async function spentToday(db: DbTx, userId: string | null, now = new Date()): Promise<number> {
  const who = userId === null ? Prisma.empty : Prisma.sql`AND "createdById" = ${userId}`;
  const rows = await db.$queryRaw<{ usd: number }[]>`
    SELECT ${spendSql}::float8 AS usd FROM "Generation" WHERE "createdAt" >= ${utcDayStart(now)} ${who}`;
  return roundUsd(Number(rows[0]?.usd ?? 0));
}

const capState = (capUsd: number, spentUsd: number): CapState => ({
  capUsd,
  spentUsd,
  leftUsd: Math.max(0, roundUsd(capUsd - spentUsd)),
});

/** The caps that apply to a member today, with what is spent and left under each. */
export async function spendAllowance(db: DbTx, userId: string, now = new Date()): Promise<SpendAllowance> {
  const [user, settings] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { dailySpendCapUsd: true } }),
    db.studioSettings.findUnique({ where: { id: 1 }, select: { teamDailySpendCapUsd: true } }),
  ]);
  const memberCap = user?.dailySpendCapUsd ?? null;
  const teamCap = settings?.teamDailySpendCapUsd ?? null;
  const [mine, team] = await Promise.all([
    memberCap === null ? 0 : spentToday(db, userId, now),
    teamCap === null ? 0 : spentToday(db, null, now),
  ]);
  return {
    member: memberCap === null ? null : capState(memberCap, mine),
    team: teamCap === null ? null : capState(teamCap, team),
  };
}

/** "$1.20"; amounts under a cent keep their digits, so "needs $0.004" never reads as free. */
export function usd(amount: number): string {
  return amount > 0 && amount < 0.01 ? `$${roundUsd(amount)}` : `$${amount.toFixed(2)}`;
}

// A cent's tolerance for float sums: "left $1.30, needs $1.30" passes.
const EPSILON = 1e-6;

/**
 * Refuses (403 `spend_cap` or `team_spend_cap`) a request that would take the member or the team past
 * today's cap, with the amount left. A free request (the preview engine) always passes. Call it before
 * anything is sent to a provider; see withinSpendCap to make the check and the insert one step.
 */
export async function assertWithinSpendCap(
  db: DbTx,
  actor: Actor,
  estimatedCostUsd: number,
  now = new Date(),
): Promise<SpendAllowance | null> {
  if (actor.kind !== "member") throw forbidden("editor");
  if (!(estimatedCostUsd > 0)) return null;
  const allowance = await spendAllowance(db, actor.id, now);
  const needs = usd(estimatedCostUsd);
  const resets = "It starts again at 00:00 UTC";
  const { member, team } = allowance;
  if (member && estimatedCostUsd > member.leftUsd + EPSILON) {
    throw new AppError(
      "spend_cap",
      `Your daily spend cap is ${usd(member.capUsd)}; ${usd(member.leftUsd)} left today, this needs ${needs}. ${resets}, or ask the studio's owner to raise your cap.`,
      403,
    );
  }
  if (team && estimatedCostUsd > team.leftUsd + EPSILON) {
    throw new AppError(
      "team_spend_cap",
      `The team's daily spend cap is ${usd(team.capUsd)}; ${usd(team.leftUsd)} left today, this needs ${needs}. ${resets}, or ask the studio's owner to raise the team's cap.`,
      403,
    );
  }
  return allowance;
}

/**
 * The check and the write as one step: in a transaction that holds the spend lock, refuses past a cap,
 * else runs `write` (the insert of the generation rows) in the same transaction. Concurrent generates
 * wait for each other here only for the length of a check and an insert.
 */
export async function withinSpendCap<T>(
  prisma: Db,
  actor: Actor,
  estimatedCostUsd: number,
  write: (tx: DbTx) => Promise<T>,
): Promise<T> {
  if (!(estimatedCostUsd > 0)) {
    if (actor.kind !== "member") throw forbidden("editor");
    return prisma.$transaction((tx) => write(tx));
  }
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SPEND_LOCK_KEY})`);
    await assertWithinSpendCap(tx, actor, estimatedCostUsd);
    return write(tx);
  });
}

export async function teamSpend(db: DbTx, now = new Date()): Promise<TeamSpendDTO> {
  const [settings, spent] = await Promise.all([
    db.studioSettings.findUnique({ where: { id: 1 }, select: { teamDailySpendCapUsd: true } }),
    spentToday(db, null, now),
  ]);
  return {
    teamDailySpendCapUsd: settings?.teamDailySpendCapUsd ?? null,
    spentTodayUsd: spent,
    since: utcDayStart(now).toISOString(),
  };
}

/** Owner only: the team's daily cap (null: none). */
export async function setTeamSpendCap(db: DbTx, actor: Actor, capUsd: number | null): Promise<TeamSpendDTO> {
  if (actor.role !== "owner") throw forbidden("owner");
  await db.studioSettings.update({ where: { id: 1 }, data: { teamDailySpendCapUsd: capUsd } });
  return teamSpend(db);
}
