import { describe, expect, it } from "vitest";
import {
  CALIBRATION,
  distanceToScore,
  faceDistance,
  lowMoments,
  MATCH_SCORE,
  scoreBand,
  summarize,
} from "./score";

describe("faceDistance", () => {
  it("is the euclidean distance between two descriptors", () => {
    expect(faceDistance([0, 0, 0], [0, 0, 0])).toBe(0);
    expect(faceDistance([3, 0], [0, 4])).toBe(5);
    expect(faceDistance(new Float32Array([0.1, 0.2]), [0.1, 0.2])).toBeCloseTo(0, 6);
  });

  it("refuses descriptors of different lengths", () => {
    expect(() => faceDistance([1, 2], [1])).toThrow(/lengths differ: 2 and 1/);
  });
});

describe("distanceToScore", () => {
  it("gives 100 at or under the perfect distance and 0 at or past the unrelated one", () => {
    expect(distanceToScore(0)).toBe(100);
    expect(distanceToScore(CALIBRATION.perfect)).toBe(100);
    expect(distanceToScore(CALIBRATION.unrelated)).toBe(0);
    expect(distanceToScore(1.4)).toBe(0);
  });

  it("falls linearly between, so a nearer face always scores at least as high", () => {
    const mid = (CALIBRATION.perfect + CALIBRATION.unrelated) / 2;
    expect(distanceToScore(mid)).toBe(50);
    let last = 101;
    for (let d = 0; d <= 1; d += 0.01) {
      const s = distanceToScore(d);
      expect(s).toBeLessThanOrEqual(last);
      last = s;
    }
  });

  it("puts the match threshold between 'holds' and 'drifts'", () => {
    expect(scoreBand(MATCH_SCORE)).toBe("holds");
    expect(scoreBand(MATCH_SCORE - 1)).toBe("drifts");
    expect(scoreBand(10)).toBe("lost");
  });

  it("refuses what is not a distance", () => {
    expect(() => distanceToScore(-0.1)).toThrow(/not a distance/);
    expect(() => distanceToScore(Number.NaN)).toThrow(/not a distance/);
  });
});

describe("summarize", () => {
  it("scores the median distance of the samples that saw a face", () => {
    const r = summarize([
      { t: 0.5, d: 0.3 },
      { t: 1.5, d: null },
      { t: 2.5, d: 0.4 },
      { t: 3.5, d: 0.9 },
    ]);
    expect(r.found).toBe(3);
    expect(r.distance).toBe(0.4);
    expect(r.score).toBe(distanceToScore(0.4));
  });

  it("says no face found (null), never zero, when no sample saw one", () => {
    const r = summarize([
      { t: 0.5, d: null },
      { t: 1.5, d: null },
    ]);
    expect(r).toMatchObject({ score: null, distance: null, found: 0 });
    expect(summarize([]).score).toBeNull();
  });

  it("takes the farther of the two middle distances of an even count: half the clip lost is not 'kept'", () => {
    expect(
      summarize([
        { t: 0, d: 0.4 },
        { t: 1, d: 0.6 },
      ]).distance,
    ).toBe(0.6);
    const half = summarize([0.15, 0.15, 0.15, 0.7, 0.7, 0.7].map((d, t) => ({ t, d })));
    expect(half.distance).toBe(0.7);
  });
});

describe("lowMoments", () => {
  it("marks the samples farther than the match threshold, not those without a face", () => {
    const low = lowMoments([
      { t: 0.5, d: 0.2 },
      { t: 1.5, d: CALIBRATION.match + 0.01 },
      { t: 2.5, d: null },
    ]);
    expect(low.map((s) => s.t)).toEqual([1.5]);
  });
});
