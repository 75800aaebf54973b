import type { GenerationStatus } from "./schema";

// queued -> submitted -> running -> saving -> completed, or failed / canceled. The provider may skip
// states (a fast job goes from submitted straight to saving), never go back.
const NEXT: Record<GenerationStatus, readonly GenerationStatus[]> = {
  queued: ["submitted", "failed", "canceled"],
  submitted: ["running", "saving", "failed", "canceled"],
  running: ["saving", "failed", "canceled"],
  // The provider already finished (and billed): we keep the clip rather than cancel it.
  saving: ["completed", "failed"],
  completed: [],
  failed: [],
  canceled: [],
};

export function canTransition(from: GenerationStatus, to: GenerationStatus): boolean {
  return NEXT[from].includes(to);
}

/** The states from which `to` may be entered: the guard for a conditional UPDATE. */
export function sourcesOf(to: GenerationStatus): GenerationStatus[] {
  return (Object.keys(NEXT) as GenerationStatus[]).filter((from) => NEXT[from].includes(to));
}

export const ACTIVE_STATUSES: readonly GenerationStatus[] = ["queued", "submitted", "running", "saving"];
export const CANCELABLE_STATUSES: readonly GenerationStatus[] = ["queued", "submitted", "running"];

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
