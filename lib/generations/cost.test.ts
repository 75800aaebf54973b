import { describe, expect, it } from "vitest";
import { profileById } from "@/lib/models/profiles";
import { clipEstimateUsd, costOf, DEFAULT_PRICING, estimateCostUsd, formatUsd } from "./cost";

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

  it("prices each clip at its version and tier; v1 and AtlasCloud keep their configured rate", () => {
    const v12 = profileById("fal-v1.2");
    expect(clipEstimateUsd(v12, "4k", 10)).toBe(2.457);
    expect(clipEstimateUsd(v12, "360p", 10, { usdPerSecond: 0.5, minBilledSeconds: 0 })).toBe(0.273);
    expect(clipEstimateUsd(profileById("fal-v1.1"), "1080p", 10)).toBe(1.5);
    // FAL_USD_PER_SECOND=0.2: the first version follows it, the tiered ones do not.
    const configured = { usdPerSecond: 0.2, minBilledSeconds: 0 };
    expect(clipEstimateUsd(profileById("fal-v1"), "720p", 10, configured)).toBe(2);
    expect(clipEstimateUsd(profileById("fal-v1"), "720p", 10)).toBe(1.3);
    expect(clipEstimateUsd(profileById("atlas"), "720p", 2, DEFAULT_PRICING.atlas)).toBe(0.405);
    expect(clipEstimateUsd(profileById("preview"), "4k", 15, DEFAULT_PRICING.preview)).toBe(0);
  });

  it("formats dollars for people", () => {
    expect(formatUsd(1.04)).toBe("$1.04");
    expect(formatUsd(0.39)).toBe("$0.39");
  });
});
