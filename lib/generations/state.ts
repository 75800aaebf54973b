import { GENERATION_STATUSES, type GenerationStatus } from "./limits";

// The one place the generation's status rules live. The worker, the webhook, the database queries,
// spend and the browser read the named sets below; none of them lists statuses by hand.
//
// queued -> submitted -> running -> saving -> completed, or failed / canceled. The provider may skip
// states (a fast job goes from submitted straight to saving), never go back. Plain values, no zod: the
// browser's first load reads these too.
const RULES: Record<GenerationStatus, { next: readonly GenerationStatus[]; billed: boolean }> = {
  queued: { next: ["submitted", "failed", "canceled"], billed: false },
  submitted: { next: ["running", "saving", "failed", "canceled"], billed: false },
  running: { next: ["saving", "failed", "canceled"], billed: false },
  // The provider already finished (and billed): we keep the clip rather than cancel it.
  saving: { next: ["completed", "failed"], billed: false },
  // Only a delivered clip costs money in the ledger: fal bills no server error, and a clip that failed
  // here (or was canceled) is shown as free rather than guessed at.
  completed: { next: [], billed: true },
  failed: { next: [], billed: false },
  canceled: { next: [], billed: false },
};

export function canTransition(from: GenerationStatus, to: GenerationStatus): boolean {
  return RULES[from].next.includes(to);
}

/** The states from which `to` may be entered: the guard for a conditional UPDATE. */
export function sourcesOf(to: GenerationStatus): GenerationStatus[] {
  return GENERATION_STATUSES.filter((from) => RULES[from].next.includes(to));
}

/** States with no way out: the clip is finished, one way or another. */
export const TERMINAL_STATUSES: readonly GenerationStatus[] = GENERATION_STATUSES.filter(
  (s) => RULES[s].next.length === 0,
);
/** States the worker still has something to do for (the gallery's "active" filter). */
export const IN_FLIGHT_STATUSES: readonly GenerationStatus[] = GENERATION_STATUSES.filter(
  (s) => RULES[s].next.length > 0,
);
/** Sent and not yet answered: the job waits at its provider, which the worker polls. */
export const AT_PROVIDER_STATUSES: readonly GenerationStatus[] = sourcesOf("saving");
/** States a person may still cancel from. */
export const CANCELABLE_STATUSES: readonly GenerationStatus[] = sourcesOf("canceled");
/** States whose cost is spent (at the recorded cost); in-flight states count at their estimate. */
export const BILLED_STATUSES: readonly GenerationStatus[] = GENERATION_STATUSES.filter(
  (s) => RULES[s].billed,
);

export const isTerminal = (s: GenerationStatus) => TERMINAL_STATUSES.includes(s);
export const isInFlight = (s: GenerationStatus) => IN_FLIGHT_STATUSES.includes(s);
export const isCancelable = (s: GenerationStatus) => CANCELABLE_STATUSES.includes(s);
