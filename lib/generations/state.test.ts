import { describe, expect, it } from "vitest";
import { GENERATION_STATUSES, type GenerationStatus } from "./limits";
import {
  AT_PROVIDER_STATUSES,
  BILLED_STATUSES,
  CANCELABLE_STATUSES,
  canTransition,
  IN_FLIGHT_STATUSES,
  isCancelable,
  isInFlight,
  isTerminal,
  sourcesOf,
  TERMINAL_STATUSES,
} from "./state";

// Every pair written out: the table in state.ts must say exactly this, and a change to it must change
// this list too. [from, to] pairs that are allowed; every other pair is refused.
const ALLOWED: ReadonlyArray<[GenerationStatus, GenerationStatus]> = [
  ["queued", "submitted"],
  ["queued", "failed"],
  ["queued", "canceled"],
  ["submitted", "running"],
  ["submitted", "saving"],
  ["submitted", "failed"],
  ["submitted", "canceled"],
  ["running", "saving"],
  ["running", "failed"],
  ["running", "canceled"],
  ["saving", "completed"],
  ["saving", "failed"],
];

describe("state machine", () => {
  it("allows exactly the listed transitions, for every pair of statuses", () => {
    const allowed = new Set(ALLOWED.map(([a, b]) => `${a}>${b}`));
    let pairs = 0;
    for (const from of GENERATION_STATUSES) {
      for (const to of GENERATION_STATUSES) {
        pairs++;
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(allowed.has(`${from}>${to}`));
      }
    }
    expect(pairs).toBe(49);
  });

  it("derives the guard states of each target from the same table", () => {
    for (const to of GENERATION_STATUSES) {
      const expected = ALLOWED.filter(([, b]) => b === to).map(([a]) => a);
      expect(sourcesOf(to).sort(), to).toEqual([...expected].sort());
    }
  });

  it("names the sets the worker, the webhook, spend and the browser use", () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(["canceled", "completed", "failed"]);
    expect([...IN_FLIGHT_STATUSES].sort()).toEqual(["queued", "running", "saving", "submitted"]);
    expect([...AT_PROVIDER_STATUSES].sort()).toEqual(["running", "submitted"]);
    expect([...CANCELABLE_STATUSES].sort()).toEqual(["queued", "running", "submitted"]);
    expect(BILLED_STATUSES).toEqual(["completed"]);
  });

  it("puts every status in exactly one of in flight and terminal, and agrees with the predicates", () => {
    for (const s of GENERATION_STATUSES) {
      expect(isTerminal(s) !== isInFlight(s), s).toBe(true);
      expect(isCancelable(s), s).toBe(CANCELABLE_STATUSES.includes(s));
      // A clip is billed only once it is finished.
      if (BILLED_STATUSES.includes(s)) expect(isTerminal(s), s).toBe(true);
    }
  });
});
