// A shot card's state, from its takes' statuses and its chosen take's review. Browser-safe and pure.
import type { GenerationStatus } from "@/lib/generations/limits";
import type { ReviewStatus } from "@/lib/review/limits";

export type ShotState = "empty" | "generating" | "takes" | "chosen" | "approved";

export const SHOT_STATE_LABELS: Record<ShotState, string> = {
  empty: "No takes yet",
  generating: "Generating",
  takes: "Takes to pick from",
  chosen: "Take chosen",
  approved: "Approved",
};

/** A shot's takes (clips made for it, not deleted) counted by where they are. */
export interface TakeTally {
  /** Queued, sent or rendering: still to come. */
  inFlight: number;
  completed: number;
  /** Failed or canceled. */
  failed: number;
}

export const NO_TAKES: TakeTally = { inFlight: 0, completed: 0, failed: 0 };

const IN_FLIGHT: readonly GenerationStatus[] = ["queued", "submitted", "running", "saving"];

/** Counts takes by status into a tally. */
export function tallyTakes(rows: readonly { status: GenerationStatus; count: number }[]): TakeTally {
  const tally = { ...NO_TAKES };
  for (const { status, count } of rows) {
    if (IN_FLIGHT.includes(status)) tally.inFlight += count;
    else if (status === "completed") tally.completed += count;
    else tally.failed += count;
  }
  return tally;
}

/**
 * The chosen take decides first (approved, else chosen): a shot with a chosen take is settled even while
 * more takes render. Without one: takes rendering, then finished takes to pick from, else empty (a shot
 * whose takes all failed has nothing to pick either).
 */
export function shotState(shot: {
  takes: TakeTally;
  chosen: { status: GenerationStatus; reviewStatus: ReviewStatus } | null;
}): ShotState {
  if (shot.chosen) return shot.chosen.reviewStatus === "approved" ? "approved" : "chosen";
  if (shot.takes.inFlight > 0) return "generating";
  if (shot.takes.completed > 0) return "takes";
  return "empty";
}
