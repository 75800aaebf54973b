import { describe, expect, it } from "vitest";
import { profileById } from "@/lib/models/profiles";
import { buildPayload, formatPayload, imagesField } from "./payload";

describe("buildPayload", () => {
  it("is fal's input for this draft: prompt as written, images in tag order, integer duration", () => {
    const payload = buildPayload(
      {
        prompt: "<IMAGE_REF_0> at <IMAGE_REF_1>",
        aspectRatio: "9:16",
        duration: 5,
        references: [
          { name: "hero", url: "/api/media/a.png" },
          { name: "dock", url: null },
        ],
      },
      "http://127.0.0.1:3100",
    );
    expect(payload).toEqual({
      prompt: "<IMAGE_REF_0> at <IMAGE_REF_1>",
      image_urls: ["http://127.0.0.1:3100/api/media/a.png", "(reference 1 is still uploading)"],
      aspect_ratio: "9:16",
      duration: 5,
    });
    expect(Object.keys(JSON.parse(formatPayload(payload)))).toEqual([
      "prompt",
      "image_urls",
      "aspect_ratio",
      "duration",
    ]);
  });
});

describe("buildPayload for AtlasCloud", () => {
  const input = {
    prompt: "<IMAGE_REF_0> waves",
    aspectRatio: "16:9" as const,
    duration: 10,
    references: [{ name: "hero", url: "/api/media/a.png" }],
  };
  it("is the flat body with the seed and thinking level chosen", () => {
    const payload = buildPayload({ ...input, seed: 1234, thinkingLevel: "high" }, "http://h", {
      id: "atlas",
      modelId: "google/gemini-omni-flash/reference-to-video",
    });
    expect(payload).toEqual({
      model: "google/gemini-omni-flash/reference-to-video",
      prompt: "<IMAGE_REF_0> waves",
      images: ["http://h/api/media/a.png"],
      duration: 10,
      aspect_ratio: "16:9",
      resolution: "720p",
      thinking_level: "high",
      seed: 1234,
    });
  });
  it("asks for a random seed (-1) and the default thinking level when none is set", () => {
    expect(buildPayload(input, "http://h", { id: "atlas" })).toMatchObject({
      seed: -1,
      thinking_level: "default",
    });
  });
});

describe("buildPayload for fal's versions", () => {
  const input = {
    prompt: "<IMAGE_REF_0> waves",
    aspectRatio: "16:9" as const,
    duration: 12,
    references: [{ name: "hero", url: "/api/media/a.png" }],
  };
  it("spells the request as the chosen version's profile says, tier included", () => {
    const payload = buildPayload(input, "http://h", {
      id: "fal",
      version: profileById("fal-v1.2"),
      resolution: "4k",
    });
    expect(payload).toEqual({
      prompt: "<IMAGE_REF_0> waves",
      image_urls: ["http://h/api/media/a.png"],
      aspect_ratio: "16:9",
      duration: 12,
      resolution: "4k",
    });
    expect(Object.keys(payload)).toEqual(["prompt", "image_urls", "aspect_ratio", "duration", "resolution"]);
  });
  it("sends the first version no resolution, as before versions", () => {
    const payload = buildPayload(input, "http://h", {
      id: "fal",
      version: profileById("fal-v1"),
      resolution: "720p",
    });
    expect(Object.keys(payload)).toEqual(["prompt", "image_urls", "aspect_ratio", "duration"]);
  });
  it("names the images' field", () => {
    expect(imagesField("atlas", profileById("atlas"))).toBe("images");
    expect(imagesField("fal", profileById("fal-v1.2"))).toBe("image_urls");
    expect(imagesField("preview", profileById("preview"))).toBe("image_urls");
  });
});
