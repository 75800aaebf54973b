import { describe, expect, it } from "vitest";
import { costOf, estimateCostUsd, formatUsd } from "./cost";

describe("cost", () => {
  it("prices fal at $0.13 per second of output", () => {
    expect(estimateCostUsd("fal", 8)).toBe(1.04);
    expect(estimateCostUsd("fal", 3)).toBe(0.39);
    expect(estimateCostUsd("fal", 10)).toBe(1.3);
  });

  it("prices AtlasCloud at $0.135 per second with a 3-second minimum", () => {
    expect(estimateCostUsd("atlas", 8)).toBe(1.08);
    expect(estimateCostUsd("atlas", 3)).toBe(0.405);
    expect(estimateCostUsd("atlas", 10)).toBe(1.35);
    expect(costOf({ usdPerSecond: 0.135, minBilledSeconds: 5 }, 3)).toBe(0.675);
  });

  it("makes preview clips free", () => {
    expect(estimateCostUsd("preview", 10)).toBe(0);
    expect(formatUsd(0)).toBe("free");
  });

  it("formats dollars for people", () => {
    expect(formatUsd(1.04)).toBe("$1.04");
    expect(formatUsd(0.39)).toBe("$0.39");
  });
});
