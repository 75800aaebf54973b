import { describe, expect, it } from "vitest";
import { findMalformedTags, outOfRangeTags, parseImageTags, remapImageTags, unusedReferences } from "./tags";

describe("parseImageTags", () => {
  it("finds each tag with its 0-based index and position", () => {
    const p = "A <IMAGE_REF_0> walks into <IMAGE_REF_12>.";
    expect(parseImageTags(p)).toEqual([
      { index: 0, start: 2, end: 15, raw: "<IMAGE_REF_0>" },
      { index: 12, start: 27, end: 41, raw: "<IMAGE_REF_12>" },
    ]);
  });

  it("ignores lookalikes", () => {
    expect(parseImageTags("<image_ref_0> <IMAGE_REF_> <IMAGE_REF_1 > IMAGE_REF_2")).toEqual([]);
  });
});

describe("findMalformedTags", () => {
  it("flags wrong case, spaces and missing brackets but not valid tags", () => {
    const p = "<IMAGE_REF_0> <image_ref_1> <IMAGE_REF_2 and IMAGE_REF_3 <IMAGE REF 4>";
    expect(findMalformedTags(p).map((m) => m.raw.trim())).toEqual([
      "<image_ref_1>",
      "<IMAGE_REF_2",
      "IMAGE_REF_3",
      "<IMAGE REF 4>",
    ]);
  });

  it("finds nothing in a clean prompt", () => {
    expect(findMalformedTags("<IMAGE_REF_0> meets <IMAGE_REF_1> in the rain")).toEqual([]);
  });
});

describe("range checks", () => {
  it("lists tags beyond the references once each, sorted", () => {
    expect(outOfRangeTags("<IMAGE_REF_3> <IMAGE_REF_1> <IMAGE_REF_3> <IMAGE_REF_2>", 2)).toEqual([2, 3]);
  });

  it("lists references no tag uses", () => {
    expect(unusedReferences("<IMAGE_REF_1>", 3)).toEqual([0, 2]);
  });
});

describe("remapImageTags", () => {
  it("renumbers tags so each still points at the same image after a swap", () => {
    const swap = (i: number) => (i === 0 ? 1 : i === 1 ? 0 : i);
    expect(remapImageTags("<IMAGE_REF_0> chases <IMAGE_REF_1>", swap)).toBe(
      "<IMAGE_REF_1> chases <IMAGE_REF_0>",
    );
  });

  it("drops tags mapped to null", () => {
    expect(remapImageTags("a <IMAGE_REF_0>b", () => null)).toBe("a b");
  });
});
