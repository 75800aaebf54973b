import { describe, expect, it } from "vitest";
import { extractMentions, filterMembers, findMentions, mentionQueryAt } from "./mention-text";

const members = [
  { id: "u-ada", name: "Ada Lovelace" },
  { id: "u-ann", name: "Ann" },
  { id: "u-anna", name: "Anna" },
  { id: "u-jo", name: "Jo" },
  { id: "u-jo2", name: "jo" },
  { id: "u-zoe", name: "Zoë Ørsted" },
];

describe("extractMentions", () => {
  it("finds whole names with spaces, any case, each member once, in order", () => {
    expect(extractMentions("@ada lovelace and @Anna, then @Ada Lovelace again", members)).toEqual([
      "u-ada",
      "u-anna",
    ]);
  });

  it("takes the longest name that fits, and no name that runs on into more letters", () => {
    expect(extractMentions("@Anna here", members)).toEqual(["u-anna"]);
    expect(extractMentions("@Ann.", members)).toEqual(["u-ann"]);
    expect(extractMentions("@Annabel", members)).toEqual([]);
    expect(extractMentions("@Ada Lovelaces", members)).toEqual([]);
  });

  it("is not fooled by e-mail addresses, a bare @, or names that are not members", () => {
    expect(extractMentions("mail ann@example.com or @ or @Nobody", members)).toEqual([]);
  });

  it("names everyone who shares a name, and letters beyond ASCII", () => {
    expect(extractMentions("(@JO) and @Zoë Ørsted!", members)).toEqual(["u-jo", "u-jo2", "u-zoe"]);
  });

  it("ignores members with empty names and finds nothing without members", () => {
    expect(extractMentions("@ hello", [{ id: "x", name: "  " }])).toEqual([]);
    expect(extractMentions("@Ada Lovelace", [])).toEqual([]);
  });

  it("reports where each mention is, for highlighting", () => {
    const text = "hi @Jo and @Anna";
    expect(findMentions(text, members).map((s) => text.slice(s.start, s.end))).toEqual(["@Jo", "@Anna"]);
  });
});

describe("the @ menu's query", () => {
  it("is the text after an @ up to the caret, spaces allowed, line breaks not", () => {
    expect(mentionQueryAt("hey @Ad", 7)).toEqual({ start: 4, query: "Ad" });
    expect(mentionQueryAt("hey @Ada Lo", 11)).toEqual({ start: 4, query: "Ada Lo" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("hey @Ada\nLo", 11)).toBeNull();
    expect(mentionQueryAt("mail ann@ex", 11)).toBeNull();
    expect(mentionQueryAt("no at here", 10)).toBeNull();
  });

  it("filters by the start of the name or of any word in it", () => {
    expect(filterMembers(members, "lov").map((m) => m.id)).toEqual(["u-ada"]);
    expect(filterMembers(members, "an").map((m) => m.id)).toEqual(["u-ann", "u-anna"]);
    expect(filterMembers(members, "ada l").map((m) => m.id)).toEqual(["u-ada"]);
    expect(filterMembers(members, "").length).toBe(members.length);
  });
});
