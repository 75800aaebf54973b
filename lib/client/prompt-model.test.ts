import { describe, expect, it } from "vitest";
import {
  deleteAtCaret,
  filterByName,
  fixMalformedTags,
  insertTag,
  mentionAt,
  normalizeInsertedText,
  replaceRange,
  segmentPrompt,
  snapOffset,
  snapRange,
  stepCaret,
  unmatchedMentions,
} from "./prompt-model";

const P = "A <IMAGE_REF_0> meets <IMAGE_REF_1>.";
// "A " = 0..2, tag0 = 2..15, " meets " = 15..22, tag1 = 22..35, "." = 35..36

describe("segmentPrompt", () => {
  it("splits text and tags in order", () => {
    expect(segmentPrompt(P).map((s) => (s.kind === "tag" ? `#${s.index}` : s.text))).toEqual([
      "A ",
      "#0",
      " meets ",
      "#1",
      ".",
    ]);
  });

  it("leaves out empty text runs", () => {
    expect(segmentPrompt("<IMAGE_REF_0><IMAGE_REF_1>").map((s) => s.kind)).toEqual(["tag", "tag"]);
    expect(segmentPrompt("")).toEqual([]);
  });
});

describe("snapping", () => {
  it("moves an offset inside a tag to its edge", () => {
    expect(snapOffset(P, 5)).toBe(15);
    expect(snapOffset(P, 5, "before")).toBe(2);
    expect(snapOffset(P, 2)).toBe(2);
    expect(snapOffset(P, 99)).toBe(P.length);
  });

  it("grows a range to whole tags", () => {
    expect(snapRange(P, { start: 5, end: 25 })).toEqual({ start: 2, end: 35 });
    expect(snapRange(P, { start: 25, end: 5 })).toEqual({ start: 2, end: 35 });
  });
});

describe("caret steps", () => {
  it("jumps a tag as one unit", () => {
    expect(stepCaret(P, 15, "backward")).toBe(2);
    expect(stepCaret(P, 2, "forward")).toBe(15);
    expect(stepCaret(P, 16, "backward")).toBe(15);
  });

  it("steps over a whole emoji", () => {
    const s = "hi 👩‍🚀 there";
    expect(stepCaret(s, 3, "forward")).toBe(3 + "👩‍🚀".length);
    expect(stepCaret(s, 3 + "👩‍🚀".length, "backward")).toBe(3);
  });
});

describe("deleting", () => {
  it("removes a whole tag with one Backspace", () => {
    expect(deleteAtCaret(P, { start: 15, end: 15 }, "backward")).toEqual({
      prompt: "A  meets <IMAGE_REF_1>.",
      selection: { start: 2, end: 2 },
    });
  });

  it("removes a whole tag with one Delete", () => {
    expect(deleteAtCaret(P, { start: 22, end: 22 }, "forward").prompt).toBe("A <IMAGE_REF_0> meets .");
  });

  it("removes one character otherwise, and a selection as it is (grown to whole tags)", () => {
    expect(deleteAtCaret(P, { start: 17, end: 17 }, "backward").prompt).toBe(
      "A <IMAGE_REF_0> eets <IMAGE_REF_1>.",
    );
    expect(deleteAtCaret(P, { start: 0, end: 5 }, "backward").prompt).toBe(" meets <IMAGE_REF_1>.");
  });

  it("does nothing at the edges", () => {
    expect(deleteAtCaret(P, { start: 0, end: 0 }, "backward").prompt).toBe(P);
    expect(deleteAtCaret(P, { start: P.length, end: P.length }, "forward").prompt).toBe(P);
  });
});

describe("replaceRange", () => {
  it("puts the caret after the inserted text", () => {
    expect(replaceRange("ab", { start: 1, end: 1 }, "XY")).toEqual({
      prompt: "aXYb",
      selection: { start: 3, end: 3 },
    });
  });

  it("replaces whole tags only", () => {
    expect(replaceRange(P, { start: 4, end: 4 }, "x").prompt).toBe("A <IMAGE_REF_0>x meets <IMAGE_REF_1>.");
  });
});

describe("insertTag", () => {
  it("spaces the tag from its neighbours and puts the caret after it", () => {
    expect(insertTag("", { start: 0, end: 0 }, 0)).toEqual({
      prompt: "<IMAGE_REF_0> ",
      selection: { start: 14, end: 14 },
    });
    expect(insertTag("walks into", { start: 10, end: 10 }, 1).prompt).toBe("walks into <IMAGE_REF_1> ");
    expect(insertTag("a b", { start: 1, end: 1 }, 2).prompt).toBe("a <IMAGE_REF_2> b");
    expect(insertTag("see.", { start: 3, end: 3 }, 0).prompt).toBe("see <IMAGE_REF_0>.");
  });

  it("replaces a selection", () => {
    expect(insertTag("the hero runs", { start: 4, end: 8 }, 0).prompt).toBe("the <IMAGE_REF_0> runs");
  });
});

describe("mentionAt", () => {
  it("finds an @word that starts a word and ends at the caret", () => {
    expect(mentionAt("walks with @he", 14)).toEqual({ start: 11, query: "he" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionAt("(@al", 4)).toEqual({ start: 1, query: "al" });
  });

  it("ignores e-mail addresses, finished words and other positions", () => {
    expect(mentionAt("mail me@home", 12)).toBeNull();
    expect(mentionAt("@hero walks", 11)).toBeNull();
    expect(mentionAt("no at sign", 10)).toBeNull();
  });

  it("runs on past spaces while the query starts a reference's name", () => {
    const names = ["nova face", "alley"];
    expect(mentionAt("see @nova ", 10, names)).toEqual({ start: 4, query: "nova " });
    expect(mentionAt("see @nova fa", 12, names)).toEqual({ start: 4, query: "nova fa" });
    expect(mentionAt("see @Nova Face", 14, names)).toEqual({ start: 4, query: "Nova Face" });
    // Past the name, or a name nobody has: the word ended.
    expect(mentionAt("see @nova face walks", 20, names)).toBeNull();
    expect(mentionAt("see @alley at", 13, names)).toBeNull();
    expect(mentionAt("me@nova fa", 10, names)).toBeNull();
    expect(mentionAt("see @nova fa", 12)).toBeNull();
  });
});

describe("unmatchedMentions", () => {
  it("lists @words that name no reference, once each", () => {
    expect(unmatchedMentions("@nova face and @herro, then @herro again", ["nova face", "hero"])).toEqual([
      "@herro",
    ]);
    expect(unmatchedMentions("mail me@home; @hero runs", ["hero"])).toEqual([]);
    expect(unmatchedMentions("@nova walks", ["nova face"])).toEqual(["@nova"]);
  });

  it("waits while a name is still being typed at the prompt's end", () => {
    expect(unmatchedMentions("<IMAGE_REF_0> meets @Mara K", ["Mara Kel"])).toEqual([]);
    expect(unmatchedMentions("<IMAGE_REF_0> meets @Mara K", ["Mara Kel", "Juno"])).toEqual([]);
    expect(unmatchedMentions("@Mara K walks", ["Mara Kel"])).toEqual(["@Mara"]);
    expect(unmatchedMentions("meets @Maru", ["Mara Kel"])).toEqual(["@Maru"]);
  });
});

describe("filterByName", () => {
  const refs = [{ name: "hero" }, { name: "alley at night" }, { name: "neon look" }];
  it("ranks names that start with the query first, then word starts, then contains", () => {
    expect(filterByName(refs, "").map((r) => r.index)).toEqual([0, 1, 2]);
    expect(filterByName(refs, "n").map((r) => r.index)).toEqual([2, 1]);
    expect(filterByName(refs, "AL").map((r) => r.item.name)).toEqual(["alley at night"]);
    expect(filterByName(refs, "ro").map((r) => r.index)).toEqual([0]);
    expect(filterByName(refs, "2").map((r) => r.index)).toEqual([2]);
    expect(filterByName(refs, "zzz")).toEqual([]);
  });
});

describe("normalizeInsertedText", () => {
  it("turns CRLF into LF and non-breaking spaces into spaces", () => {
    expect(normalizeInsertedText("a\r\nb\rc\u00a0d")).toBe("a\nb\nc d");
  });
});

describe("fixMalformedTags", () => {
  it("rewrites lookalikes that carry a number and leaves the rest", () => {
    expect(
      fixMalformedTags("<image_ref_1> and <IMAGE_REF_2 and IMAGE_REF_3 <IMAGE REF 4> <IMAGE_REF_0>"),
    ).toBe("<IMAGE_REF_1> and <IMAGE_REF_2> and <IMAGE_REF_3> <IMAGE_REF_4> <IMAGE_REF_0>");
    expect(fixMalformedTags("<image_ref> stays")).toBe("<image_ref> stays");
  });
});
