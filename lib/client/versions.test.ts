import { describe, expect, it } from "vitest";
import { clipCostUsd, profileById, profilesOf } from "@/lib/models/profiles";
import { providerOptions } from "./providers";
import {
  chosenResolution,
  chosenVersion,
  draftResolution,
  imageLimit,
  perSecondPrice,
  priceFrom,
  versionFields,
} from "./versions";

/** A provider's /api/health entry with its versions, as app/api/health/route.ts describes them. */
function healthEntry(id: "fal" | "atlas" | "preview", extra: Record<string, unknown> = {}) {
  const versions = profilesOf(id).map((p) => ({
    id: p.id,
    label: p.label,
    summary: p.summary,
    endpointId: p.endpointId,
    images: p.images,
    videos: p.videos,
    durations: p.durations,
    aspectRatios: p.aspectRatios,
    resolutions: p.resolutions,
    defaultResolution: p.defaultResolution,
    tags: p.tags,
    usdPerSecond: p.usdPerSecond,
    minBilledSeconds: p.minBilledSeconds,
  }));
  return { id, capabilities: {}, pricing: {}, versions, defaultVersion: versions[0]!.id, ...extra };
}

describe("the versions /api/health describes", () => {
  it("reads each provider's versions, the server's numbers first (a configured price), and its default", () => {
    const fal = healthEntry("fal", { defaultVersion: "fal-v1.2" });
    fal.versions[0] = { ...fal.versions[0]!, usdPerSecond: { "720p": 0.2 } };
    const [option] = providerOptions({ providers: [fal] });
    expect(option!.versions.map((v) => v.id)).toEqual(["fal-v1", "fal-v1.1", "fal-v1.2"]);
    expect(option!.defaultVersion).toBe("fal-v1.2");
    expect(option!.versions[0]!.usdPerSecond).toEqual({ "720p": 0.2 });
    expect(option!.versions[2]).toMatchObject({
      label: "Omni Flash 1.2",
      images: { min: 0, max: 10 },
      durations: { min: 3, max: 15 },
      resolutions: ["360p", "720p", "1080p", "4k"],
      request: profileById("fal-v1.2").request,
    });
  });

  it("skips versions it does not know or that belong to another provider; none at all is the first", () => {
    const fal = healthEntry("fal");
    const [option] = providerOptions({
      providers: [
        { ...fal, versions: [{ id: "fal-v9" }, { id: "atlas" }, fal.versions[1]], defaultVersion: "x" },
      ],
    });
    expect(option!.versions.map((v) => v.id)).toEqual(["fal-v1.1"]);
    expect(option!.defaultVersion).toBe("fal-v1.1");
    // A server older than versions: the provider's first, at its configured price and durations.
    const [old] = providerOptions({
      providers: [{ id: "atlas", pricing: { usdPerSecond: 0.2, minBilledSeconds: 4 }, capabilities: {} }],
    });
    expect(old!.versions).toHaveLength(1);
    expect(old!.versions[0]).toMatchObject({
      id: "atlas",
      usdPerSecond: { "720p": 0.2 },
      minBilledSeconds: 4,
    });
  });
});

describe("choosing a version and a tier", () => {
  const [fal, atlas, preview] = providerOptions({
    providers: [healthEntry("fal"), healthEntry("atlas"), healthEntry("preview")],
  });

  it("is the draft's version where the provider serves it, else the provider's default", () => {
    expect(chosenVersion(fal, "fal-v1.2")?.id).toBe("fal-v1.2");
    expect(chosenVersion(fal, null)?.id).toBe("fal-v1");
    expect(chosenVersion(atlas, "fal-v1.2")?.id).toBe("atlas");
    expect(chosenVersion(undefined, "fal-v1.2")).toBeUndefined();
  });

  it("keeps a tier the version does not offer as a preference, rendering the version's default", () => {
    const v12 = chosenVersion(fal, "fal-v1.2");
    const v1 = chosenVersion(fal, "fal-v1");
    expect(chosenResolution(v12, "1080p")).toBe("1080p");
    expect(chosenResolution(v1, "1080p")).toBe("720p");
    expect(chosenResolution(v12, null)).toBe("720p");
  });

  it("drafts at the cheapest tier where the version offers 360p, and nowhere else", () => {
    expect(draftResolution(chosenVersion(fal, "fal-v1.2"))).toBe("360p");
    expect(draftResolution(chosenVersion(fal, "fal-v1.1"))).toBe("360p");
    expect(draftResolution(chosenVersion(fal, "fal-v1"))).toBeNull();
    expect(draftResolution(atlas!.versions[0])).toBeNull();
    // Every tier of the preview engine is free: the lowest.
    expect(draftResolution(preview!.versions[0])).toBe("360p");
  });

  it("names the version where the provider serves several, the tier where the version offers several", () => {
    const v12 = chosenVersion(fal, "fal-v1.2");
    expect(versionFields(fal, v12, "1080p")).toEqual({ model: "fal-v1.2", resolution: "1080p" });
    expect(versionFields(fal, chosenVersion(fal, null), "720p")).toEqual({ model: "fal-v1" });
    // One version with one tier sends what it always sent.
    expect(versionFields(atlas, atlas!.versions[0], "720p")).toEqual({});
    expect(versionFields(preview, preview!.versions[0], "4k")).toEqual({ resolution: "4k" });
  });

  it("says how many images the tray holds, naming the version and one that takes more", () => {
    expect(imageLimit(fal, chosenVersion(fal, "fal-v1"))).toEqual({
      max: 5,
      version: "Omni Flash 1.0",
      more: { label: "Omni Flash 1.2", max: 10 },
    });
    expect(imageLimit(fal, chosenVersion(fal, "fal-v1.2"))).toEqual({ max: 10, version: "Omni Flash 1.2" });
    expect(imageLimit(atlas, atlas!.versions[0])).toEqual({ max: 5 });
    expect(imageLimit(undefined, undefined)).toEqual({ max: 5 });
  });

  it("prices a clip at its tier", () => {
    const v12 = chosenVersion(fal, "fal-v1.2")!;
    expect(clipCostUsd(v12, "1080p", 8)).toBe(0.9832);
    expect(clipCostUsd(v12, "360p", 8)).toBe(0.2184);
    expect(clipCostUsd(atlas!.versions[0]!, "720p", 2)).toBe(0.405);
  });
});

describe("perSecondPrice", () => {
  it("keeps every digit a price has, and two at least", () => {
    expect(perSecondPrice(0.13)).toBe("$0.13");
    expect(perSecondPrice(0.135)).toBe("$0.135");
    expect(perSecondPrice(0.0273)).toBe("$0.0273");
    expect(perSecondPrice(0.1)).toBe("$0.10");
    expect(perSecondPrice(0)).toBe("$0.00");
  });
});

describe("priceFrom", () => {
  it("names the lowest price across versions and tiers, and says 'from' only where prices differ", () => {
    const [v1, v11, v12] = (["fal-v1", "fal-v1.1", "fal-v1.2"] as const).map(profileById);
    expect(priceFrom([v1!])).toBe("$0.13/s");
    expect(priceFrom([v11!])).toBe("from $0.03/s");
    expect(priceFrom([v1!, v11!, v12!])).toBe("from $0.0273/s");
    expect(priceFrom([profileById("atlas")])).toBe("$0.135/s");
    expect(priceFrom([profileById("preview")])).toBe("free");
  });
});
