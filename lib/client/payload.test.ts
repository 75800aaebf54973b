import { describe, expect, it } from "vitest";
import { buildPayload, formatPayload } from "./payload";

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
