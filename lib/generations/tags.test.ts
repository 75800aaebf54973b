import { describe, expect, it } from "vitest";
import {
  findMalformedTags,
  findMalformedVideoTags,
  outOfRangeMessage,
  outOfRangeTags,
  outOfRangeVideoTags,
  parseImageTags,
  parseVideoTags,
  remapImageTags,
  remapVideoTags,
  unusedReferences,
  unusedVideoReferences,
} from "./tags";

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

describe("video tags", () => {
  it("finds <VIDEO_REF_n> apart from image tags, each numbered from 0", () => {
    const p = "<IMAGE_REF_0> moves like <VIDEO_REF_0>, then <VIDEO_REF_1>.";
    expect(parseVideoTags(p).map((t) => [t.index, t.raw])).toEqual([
      [0, "<VIDEO_REF_0>"],
      [1, "<VIDEO_REF_1>"],
    ]);
    expect(parseImageTags(p).map((t) => t.raw)).toEqual(["<IMAGE_REF_0>"]);
    expect(parseVideoTags("<video_ref_0> <VIDEO_REF_> VIDEO_REF_1")).toEqual([]);
  });

  it("flags lookalikes of video tags, and leaves image lint as it was", () => {
    const p = "<VIDEO_REF_0> <video_ref_1> <VIDEO_REF_2 and VIDEO_REF_3";
    expect(findMalformedVideoTags(p).map((m) => m.raw.trim())).toEqual([
      "<video_ref_1>",
      "<VIDEO_REF_2",
      "VIDEO_REF_3",
    ]);
    expect(findMalformedTags(p)).toEqual([]);
  });

  it("lists out-of-range and unused videos, and renumbers video tags only", () => {
    expect(outOfRangeVideoTags("<VIDEO_REF_2> <VIDEO_REF_0> <IMAGE_REF_5>", 1)).toEqual([2]);
    expect(unusedVideoReferences("<VIDEO_REF_1>", 3)).toEqual([0, 2]);
    const swap = (i: number) => (i === 0 ? 1 : 0);
    expect(remapVideoTags("<VIDEO_REF_0> <IMAGE_REF_0> <VIDEO_REF_1>", swap)).toBe(
      "<VIDEO_REF_1> <IMAGE_REF_0> <VIDEO_REF_0>",
    );
  });

  it("says which tags have no reference, per kind", () => {
    expect(outOfRangeMessage("video", "<VIDEO_REF_1>", 1)).toBe(
      "<VIDEO_REF_1> has no reference video: with 1 reference video use <VIDEO_REF_0>",
    );
    expect(outOfRangeMessage("video", "<VIDEO_REF_0>", 0)).toBe(
      "<VIDEO_REF_0> has no reference video: this request has no reference videos",
    );
    expect(outOfRangeMessage("image", "<IMAGE_REF_2> <IMAGE_REF_3>", 2)).toBe(
      "<IMAGE_REF_2>, <IMAGE_REF_3> have no reference image: with 2 references use <IMAGE_REF_0> to <IMAGE_REF_1>",
    );
    expect(outOfRangeMessage("video", "<VIDEO_REF_2>", 3)).toBeNull();
  });
});
