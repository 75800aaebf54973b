import { describe, expect, it } from "vitest";
import {
  clipCostUsd,
  falProfileOf,
  MODEL_PROFILES,
  profileById,
  profileIssues,
  profileOfClip,
  WIDEST,
} from "./profiles";

const ok = { images: 2, duration: 8, aspectRatio: "16:9" } as const;

describe("model profiles", () => {
  it("knows each fal endpoint, and every profile's default tier is one it offers", () => {
    expect(falProfileOf("google/gemini-omni-flash/reference-to-video")?.id).toBe("fal-v1");
    expect(falProfileOf("google/gemini-omni-flash/v1.1/reference-to-video")?.id).toBe("fal-v1.1");
    expect(falProfileOf("google/gemini-omni-flash/v1.2/reference-to-video")?.id).toBe("fal-v1.2");
    expect(falProfileOf("someone/else")).toBeUndefined();
    for (const p of MODEL_PROFILES) {
      expect(p.resolutions).toContain(p.defaultResolution);
      expect(p.durations.default).toBeGreaterThanOrEqual(p.durations.min);
      expect(p.durations.default).toBeLessThanOrEqual(p.durations.max);
      for (const r of p.resolutions) expect(p.usdPerSecond[r]).toBeTypeOf("number");
    }
    expect(WIDEST).toEqual({ images: 10, videos: 3, minDuration: 3, maxDuration: 15 });
  });

  it("prices a clip by its version's tier, as fal's pages list them", () => {
    expect(clipCostUsd(profileById("fal-v1"), "720p", 8)).toBe(1.04);
    expect(clipCostUsd(profileById("fal-v1.1"), "360p", 10)).toBe(0.3);
    expect(clipCostUsd(profileById("fal-v1.1"), "4k", 10)).toBe(3);
    expect(clipCostUsd(profileById("fal-v1.2"), "360p", 15)).toBe(0.4095);
    expect(clipCostUsd(profileById("fal-v1.2"), "1080p", 15)).toBe(1.8435);
    expect(clipCostUsd(profileById("fal-v1.2"), "4k", 8)).toBe(1.9656);
    // AtlasCloud bills 3 s at least.
    expect(clipCostUsd(profileById("atlas"), "720p", 3)).toBe(0.405);
    expect(clipCostUsd(profileById("preview"), "4k", 15)).toBe(0);
  });

  it("names the field and the version's limit for each thing it cannot do", () => {
    expect(
      profileIssues(profileById("fal-v1.2"), { ...ok, images: 10, duration: 15, resolution: "4k" }),
    ).toEqual([]);
    expect(profileIssues(profileById("fal-v1"), { ...ok, images: 6 })).toEqual([
      { path: "referenceIds", message: "Omni Flash 1.0 takes at most 5 reference images (this has 6)" },
    ]);
    expect(profileIssues(profileById("fal-v1.1"), { ...ok, duration: 15 })).toEqual([
      { path: "duration", message: "Omni Flash 1.1 makes clips of 3 to 10 seconds (asked: 15)" },
    ]);
    expect(profileIssues(profileById("fal-v1"), { ...ok, resolution: "1080p" })).toEqual([
      { path: "resolution", message: "Omni Flash 1.0 renders 720p (asked: 1080p)" },
    ]);
    expect(profileIssues(profileById("fal-v1"), { ...ok, videos: 1 })[0]?.path).toBe("referenceVideoIds");
    expect(profileIssues(profileById("fal-v1.2"), { ...ok, videos: 4 })[0]?.message).toBe(
      "Omni Flash 1.2 takes at most 3 reference videos (this has 4)",
    );
    expect(profileIssues(profileById("fal-v1.2"), { ...ok, images: 0 })[0]?.message).toBe(
      "add at least one reference image or video",
    );
    expect(profileIssues(profileById("fal-v1.2"), { ...ok, images: 0, videos: 1 })).toEqual([]);
    expect(profileIssues(profileById("atlas"), { ...ok, aspectRatio: "1:1" })[0]?.path).toBe("aspectRatio");
  });

  it("reads a clip made before versions as its provider's first version", () => {
    expect(profileOfClip({ provider: "fal", modelVersion: null }).id).toBe("fal-v1");
    expect(profileOfClip({ provider: "atlas" }).id).toBe("atlas");
    expect(profileOfClip({ provider: "fal", modelVersion: "fal-v1.2" }).id).toBe("fal-v1.2");
    expect(profileOfClip({ provider: "fal", modelVersion: "nonsense" }).id).toBe("fal-v1");
  });
});
