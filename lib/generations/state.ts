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
 * Seconds until the next status call for a job submitted `ageMs` ago: quick at first, slower as it ages.
 * With webhooks the poll is only a safety net. Stays within 20 calls per job per minute.
 */
export function pollDelayMs(ageMs: number, webhooks: boolean): number {
  if (webhooks) return ageMs < 120_000 ? 15_000 : 30_000;
  if (ageMs < 30_000) return 3_000;
  if (ageMs < 120_000) return 5_000;
  return 10_000;
}

/** Exponential backoff with jitter for transient faults, capped at one minute. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(60_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}
