import { describe, expect, it } from "vitest";
import { finalOffers, finalTiers } from "./final-tiers";

const clip = (modelVersion: string | null, resolution: string | null, provider = "fal") => ({
  provider,
  modelVersion,
  resolution,
  duration: 8,
});

describe("finalTiers and finalOffers", () => {
  it("offers the version's tiers above the draft's, each priced for the clip's length", () => {
    expect(finalTiers(clip("fal-v1.2", "360p"))).toEqual(["720p", "1080p", "4k"]);
    expect(finalOffers(clip("fal-v1.2", "360p"))).toEqual([
      { resolution: "720p", usd: 0.6552, usdPerSecond: 0.0819 },
      { resolution: "1080p", usd: 0.9832, usdPerSecond: 0.1229 },
      { resolution: "4k", usd: 1.9656, usdPerSecond: 0.2457 },
    ]);
    expect(finalOffers(clip("fal-v1.1", "720p")).map((o) => [o.resolution, o.usd])).toEqual([
      ["1080p", 1.2],
      ["4k", 2.4],
    ]);
  });

  it("offers nothing at the version's highest tier, nor on a version with one tier", () => {
    expect(finalTiers(clip("fal-v1.2", "4k"))).toEqual([]);
    expect(finalTiers(clip("fal-v1", "720p"))).toEqual([]);
    // A clip from before versions: its provider's first version, at 720p.
    expect(finalTiers(clip(null, null))).toEqual([]);
    expect(finalTiers(clip(null, null, "atlas"))).toEqual([]);
  });

  it("prices the preview engine's finals at nothing", () => {
    expect(finalOffers(clip("preview", "720p", "preview"))).toEqual([
      { resolution: "1080p", usd: 0, usdPerSecond: 0 },
      { resolution: "4k", usd: 0, usdPerSecond: 0 },
    ]);
  });
});
