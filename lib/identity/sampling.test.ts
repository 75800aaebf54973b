import { describe, expect, it } from "vitest";
import { baseTimes, refineTimes, type SampledFace } from "./sampling";

describe("baseTimes", () => {
  it("takes the middle of every second: at least one sample per second", () => {
    expect(baseTimes(8)).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]);
    expect(baseTimes(3.2)).toEqual([0.5, 1.5, 2.5]);
    expect(baseTimes(0.4)).toEqual([]);
  });

  it("takes more per second when asked", () => {
    expect(baseTimes(2, 2)).toEqual([0.25, 0.75, 1.25, 1.75]);
  });

  it("has nothing to sample in a clip without length", () => {
    expect(baseTimes(0)).toEqual([]);
    expect(baseTimes(Number.NaN)).toEqual([]);
  });
});

const still = (t: number, d = 0.3): SampledFace => ({ t, box: { cx: 0.5, cy: 0.4, w: 0.2 }, d });

describe("refineTimes", () => {
  it("adds nothing while the face holds still", () => {
    expect(refineTimes([still(0.5), still(1.5), still(2.5)], 5)).toEqual([]);
  });

  it("samples between two moments where the face moved across the frame", () => {
    const moved: SampledFace = { t: 2.5, box: { cx: 0.8, cy: 0.4, w: 0.2 }, d: 0.3 };
    expect(refineTimes([still(0.5), still(1.5), moved], 5)).toEqual([2]);
  });

  it("samples where a face appears or vanishes, or its distance jumps", () => {
    const gone: SampledFace = { t: 1.5, box: null, d: null };
    expect(refineTimes([still(0.5), gone], 5)).toEqual([1]);
    expect(refineTimes([still(0.5, 0.3), still(1.5, 0.6)], 5)).toEqual([1]);
  });

  it("keeps to its budget, the biggest changes first, and returns them in time order", () => {
    const samples: SampledFace[] = [
      still(0.5),
      { t: 1.5, box: { cx: 0.6, cy: 0.4, w: 0.2 }, d: 0.3 }, // moved 0.1: under the threshold
      { t: 2.5, box: { cx: 0.95, cy: 0.4, w: 0.2 }, d: 0.3 }, // moved 0.35
      { t: 3.5, box: { cx: 0.75, cy: 0.4, w: 0.2 }, d: 0.3 }, // moved 0.2
    ];
    expect(refineTimes(samples, 1)).toEqual([2]);
    expect(refineTimes(samples, 5)).toEqual([2, 3]);
    expect(refineTimes(samples, 0)).toEqual([]);
  });
});
