import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/validation/fields";
import { createGenerationSchema } from "./schema";

const valid = {
  prompt: "<IMAGE_REF_0> waves at <IMAGE_REF_1>. Single continuous shot.",
  referenceIds: ["asset00001", "asset00002"],
  duration: 8,
  aspectRatio: "16:9",
  idempotencyKey: "key-12345678",
};

function errorsFor(patch: Record<string, unknown>) {
  const r = createGenerationSchema.safeParse({ ...valid, ...patch });
  return r.success ? {} : fieldErrors(r.error);
}

describe("createGenerationSchema", () => {
  it("accepts a valid request", () => {
    expect(createGenerationSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    [{ referenceIds: [] }, "referenceIds", "at least 1"],
    [
      // The widest version's limit; each version's own is its profile's (lib/models/profiles.test.ts).
      { referenceIds: Array.from({ length: 11 }, (_, i) => `asset${String(i).padStart(5, "0")}`) },
      "referenceIds",
      "at most 10",
    ],
    [{ referenceIds: ["asset00001", "asset00001"] }, "referenceIds", "twice"],
    [{ prompt: "" }, "prompt", "empty"],
    [{ prompt: "   \n\t " }, "prompt", "empty"],
    [{ prompt: "\u200b\u200c\u200d\u2060\ufeff \u00a0" }, "prompt", "invisible characters do not count"],
    [{ prompt: "x".repeat(20_001) }, "prompt", "20,000"],
    [{ prompt: "<IMAGE_REF_2> runs" }, "prompt", "<IMAGE_REF_2> has no reference image"],
    [{ duration: 2 }, "duration", "at least 3"],
    [{ duration: 16 }, "duration", "at most 15"],
    [{ model: "fal-v9" }, "model", "must be one of fal-v1, fal-v1.1, fal-v1.2"],
    [{ resolution: "8k" }, "resolution", "must be one of 360p, 720p, 1080p, 4k"],
    [{ duration: 8.5 }, "duration", "whole number"],
    [{ duration: "8" }, "duration", "whole number"],
    [{ aspectRatio: "1:1" }, "aspectRatio", '"16:9" or "9:16"'],
    [{ idempotencyKey: "x" }, "idempotencyKey", "8 to 128"],
    [{ negativePrompt: "blur" }, "_", "unknown field(s): negativePrompt"],
    [
      { referenceVideoIds: ["video00001", "video00002", "video00003", "video00004"] },
      "referenceVideoIds",
      "at most 3",
    ],
    [{ referenceVideoIds: ["video00001", "video00001"] }, "referenceVideoIds", "twice"],
    [{ referenceVideoIds: "video00001" }, "referenceVideoIds", "must be a list"],
    [
      { prompt: "<IMAGE_REF_0> moves like <VIDEO_REF_1>", referenceVideoIds: ["video00001"] },
      "prompt",
      "<VIDEO_REF_1> has no reference video: with 1 reference video use <VIDEO_REF_0>",
    ],
    [
      { prompt: "<IMAGE_REF_0> moves like <VIDEO_REF_0>" },
      "prompt",
      "<VIDEO_REF_0> has no reference video: this request has no reference videos",
    ],
    [{ referenceVideoIds: ["video00001"], referenceVideoNames: [] }, "referenceVideoNames", "one entry"],
  ])("refuses %j on %s", (patch, field, message) => {
    expect(errorsFor(patch)[field]).toContain(message);
  });

  it("takes reference videos beside images, or alone", () => {
    const withVideo = {
      ...valid,
      prompt: `${valid.prompt} <VIDEO_REF_0>`,
      referenceVideoIds: ["video00001"],
    };
    expect(createGenerationSchema.parse(withVideo)).toEqual(withVideo);
    expect(
      errorsFor({ prompt: "Moves like <VIDEO_REF_0>", referenceIds: [], referenceVideoIds: ["video00001"] }),
    ).toEqual({});
    expect(errorsFor({ prompt: "x", referenceIds: [], referenceVideoIds: [] }).referenceIds).toBe(
      "add at least 1 reference image or video",
    );
  });

  it("accepts exactly 20,000 characters and the duration bounds", () => {
    expect(errorsFor({ prompt: `<IMAGE_REF_0>${"x".repeat(20_000 - 13)}` })).toEqual({});
    expect(errorsFor({ duration: 3 })).toEqual({});
    expect(errorsFor({ duration: 10 })).toEqual({});
  });
});
