// When the worker looks at a job again: the polling budget shared by every job at a provider, the
// spacing of the worker's passes, and backoff after transient faults. Pure functions, tested alone.

/**
 * Status calls per second the studio makes across all its jobs at a provider. With many jobs in flight
 * every job is polled less often rather than the studio polling harder: 200 jobs are each checked every
 * 20 s. It keeps the server nearly idle while it waits (each poll costs a few ms of CPU) and far from
 * the provider's rate limits. Webhooks, when on, tell us of a finished job at once anyway.
 */
export const MAX_STATUS_CALLS_PER_SECOND = 10;

/**
 * Milliseconds until the next status call for a job submitted `ageMs` ago, when `inFlight` jobs wait
 * at providers: quick at first, slower as the job ages, and never more than MAX_STATUS_CALLS_PER_SECOND
 * in all. With webhooks the poll is only a safety net. Stays within 20 calls per job per minute.
 */
export function pollDelayMs(ageMs: number, webhooks: boolean, inFlight = 1): number {
  const shared = Math.ceil((Math.max(1, inFlight) / MAX_STATUS_CALLS_PER_SECOND) * 1000);
  const own = webhooks
    ? ageMs < 120_000
      ? 15_000
      : 30_000
    : ageMs < 30_000
      ? 3_000
      : ageMs < 120_000
        ? 5_000
        : 10_000;
  return Math.max(own, shared);
}

/**
 * Milliseconds between the worker's passes over due rows, when `inFlight` jobs wait at providers: a
 * tenth of the shared spacing of each job's polls (so a poll is late by at most a tenth of its
 * interval), no shorter than `minMs` and no longer than 5 s. With 200 jobs in flight (a poll of each
 * every 20 s) a pass every 2 s claims, reads and releases 20 due jobs in three statements, where a pass
 * every second took six for the same polls. New jobs and webhooks wake the worker at once either way.
 */
export function passIntervalMs(inFlight: number, minMs = 1_000): number {
  const shared = (Math.max(1, inFlight) / MAX_STATUS_CALLS_PER_SECOND) * 1000;
  return Math.round(Math.max(minMs, Math.min(5_000, shared / 10)));
}

/** Exponential backoff with jitter for transient faults, capped at one minute. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Longest the worker sleeps. With nothing in flight it runs no query at all until something wakes it
 * (a new clip, a retry, a cancel, a webhook, or a NOTIFY from another instance on PostgreSQL); this
 * sweep is the safety net for rows nobody announced, e.g. written by a process that died before it
 * could say so. Leases left by a dead instance need no sweep: the worker sleeps until the first one
 * runs out (see Leases.claim).
 */
export const SAFETY_SWEEP_MS = 60_000;

/**
 * How long to sleep after a pass. `nextDueAt`: when the earliest row not taken by this pass becomes
 * claimable (null: nothing in flight anywhere; undefined: not known, e.g. the database did not answer).
 * Never sooner than the pass spacing, never later than the safety sweep.
 */
export function sleepAfterPassMs(
  nextDueAt: Date | null | undefined,
  floorMs: number,
  sweepMs = SAFETY_SWEEP_MS,
  now = Date.now(),
): number {
  if (nextDueAt === undefined) return floorMs;
  if (nextDueAt === null) return sweepMs;
  return Math.min(sweepMs, Math.max(floorMs, nextDueAt.getTime() - now));
}
