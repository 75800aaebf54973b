import { describe, expect, it } from "vitest";
import {
  backoffMs,
  MAX_STATUS_CALLS_PER_SECOND,
  passIntervalMs,
  pollDelayMs,
  SAFETY_SWEEP_MS,
  sleepAfterPassMs,
} from "./schedule";

describe("polling budget", () => {
  it("polls at most 20 times a minute and slows as the job ages", () => {
    const ages = [0, 10_000, 60_000, 300_000, 3_600_000];
    const delays = ages.map((a) => pollDelayMs(a, false));
    for (const d of delays) expect(60_000 / d).toBeLessThanOrEqual(20);
    expect([...delays].sort((a, b) => a - b)).toEqual(delays);
    expect(pollDelayMs(0, true)).toBeGreaterThan(pollDelayMs(0, false));
  });

  it("shares at most MAX_STATUS_CALLS_PER_SECOND among all jobs in flight", () => {
    // A few jobs keep their own schedule.
    expect(pollDelayMs(0, false, 5)).toBe(pollDelayMs(0, false));
    expect(pollDelayMs(300_000, false, 20)).toBe(pollDelayMs(300_000, false));
    // Many jobs: each is polled less often, so the total rate stays at the cap whatever their age.
    for (const inFlight of [60, 200, 1_000]) {
      for (const age of [0, 60_000, 600_000]) {
        const perSecond = inFlight / (pollDelayMs(age, false, inFlight) / 1000);
        expect(perSecond).toBeLessThanOrEqual(MAX_STATUS_CALLS_PER_SECOND);
      }
    }
    expect(pollDelayMs(0, false, 200)).toBe(20_000);
    // Webhooks already poll slowly; the cap only matters with very many jobs.
    expect(pollDelayMs(0, true, 100)).toBe(pollDelayMs(0, true));
  });

  it("spaces the worker's passes by a tenth of the shared poll spacing, 1 to 5 s", () => {
    expect(passIntervalMs(0)).toBe(1_000);
    expect(passIntervalMs(30)).toBe(1_000);
    expect(passIntervalMs(200)).toBe(2_000);
    expect(passIntervalMs(200, 50)).toBe(2_000);
    expect(passIntervalMs(2, 50)).toBe(50);
    expect(passIntervalMs(10_000)).toBe(5_000);
    // A poll is never late by more than a tenth of its interval (or the 1 s floor).
    for (const n of [1, 50, 200, 400, 1_000]) {
      expect(passIntervalMs(n)).toBeLessThanOrEqual(Math.max(1_000, pollDelayMs(600_000, false, n) / 10));
    }
  });

  it("backs off exponentially with jitter, capped at a minute", () => {
    const mid = () => 0.5;
    expect(backoffMs(1, mid)).toBe(1_000);
    expect(backoffMs(3, mid)).toBe(4_000);
    expect(backoffMs(30, mid)).toBe(60_000);
    expect(backoffMs(2, () => 0)).toBe(1_500);
    expect(backoffMs(2, () => 1)).toBe(2_500);
  });
});

describe("sleep after a pass", () => {
  const now = Date.parse("2026-12-01T12:00:00.000Z");
  const at = (ms: number) => new Date(now + ms);

  it("sleeps until the safety sweep when nothing is in flight anywhere", () => {
    expect(sleepAfterPassMs(null, 1_000, SAFETY_SWEEP_MS, now)).toBe(SAFETY_SWEEP_MS);
    expect(SAFETY_SWEEP_MS).toBeLessThanOrEqual(60_000);
  });

  it("wakes when the next row is due, no sooner than the pass spacing and no later than the sweep", () => {
    expect(sleepAfterPassMs(at(7_000), 1_000, SAFETY_SWEEP_MS, now)).toBe(7_000);
    expect(sleepAfterPassMs(at(200), 1_000, SAFETY_SWEEP_MS, now)).toBe(1_000);
    expect(sleepAfterPassMs(at(-5_000), 1_000, SAFETY_SWEEP_MS, now)).toBe(1_000);
    expect(sleepAfterPassMs(at(3_600_000), 1_000, SAFETY_SWEEP_MS, now)).toBe(SAFETY_SWEEP_MS);
  });

  it("tries again at the pass spacing when it could not tell (the database did not answer)", () => {
    expect(sleepAfterPassMs(undefined, 1_000, SAFETY_SWEEP_MS, now)).toBe(1_000);
  });
});
