import { describe, expect, it } from "vitest";
import { refreshedContent } from "./character-refresh";

describe("a shot brought up to date with its character's images", () => {
  const content = {
    prompt: "<IMAGE_REF_0> and <IMAGE_REF_2> at <IMAGE_REF_1>",
    referenceIds: ["old-front", "pier", "old-side", "kept"],
    referenceCharacterIds: ["mara", null, "mara", "mara"],
  };

  it("swaps each image the character no longer has for a current one, in its place", () => {
    const out = refreshedContent(content, "mara", ["kept", "new-main", "new-b"], "new-main");
    expect(out?.stale).toBe(2);
    // The main image first, then the others in order; "kept" is already in the shot.
    expect(out?.content.referenceIds).toEqual(["new-main", "pier", "new-b", "kept"]);
    expect(out?.content.prompt).toBe(content.prompt);
    expect(out?.content.referenceCharacterIds).toEqual(content.referenceCharacterIds);
  });

  it("repeats the main image when the character has fewer images than the shot used", () => {
    const out = refreshedContent(content, "mara", ["kept"], "kept");
    expect(out?.content.referenceIds).toEqual(["kept", "pier", "kept", "kept"]);
  });

  it("leaves a shot alone when its images are all current, or another character's", () => {
    expect(refreshedContent(content, "mara", ["old-front", "old-side", "kept"], "kept")).toBeNull();
    expect(refreshedContent(content, "jo", ["x"], "x")).toBeNull();
    expect(refreshedContent({}, "mara", ["x"], "x")).toBeNull();
  });
});
