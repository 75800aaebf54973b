import { describe, expect, it } from "vitest";
import { filterByWords, nameHasWords } from "./character-mention";
import { mentionAt } from "./prompt-model";

const characters = [{ name: "Mara Kel" }, { name: "Kel Ostrander" }, { name: "Juno" }];
const names = (list: { name: string }[]) => list.map((c) => c.name);

describe("nameHasWords", () => {
  it("matches when every typed word starts a word of the name", () => {
    expect(nameHasWords("Mara Kel", "Mara K")).toBe(true);
    expect(nameHasWords("Mara Kel", "mara kel ")).toBe(true);
    expect(nameHasWords("Mara Kel", "kel")).toBe(true);
    expect(nameHasWords("Mara Kel", "")).toBe(true);
  });
  it("does not match a word the name lacks", () => {
    expect(nameHasWords("Mara Kel", "Mara Kel walks")).toBe(false);
    expect(nameHasWords("Mara Kel", "Mara a")).toBe(false);
    expect(nameHasWords("Juno", "Mara")).toBe(false);
  });
});

describe("filterByWords", () => {
  it("keeps the characters whose names hold the words, names starting with the query first", () => {
    expect(names(filterByWords(characters, "Mara K"))).toEqual(["Mara Kel"]);
    expect(names(filterByWords(characters, "kel"))).toEqual(["Kel Ostrander", "Mara Kel"]);
    expect(names(filterByWords(characters, ""))).toEqual(["Mara Kel", "Kel Ostrander", "Juno"]);
    expect(filterByWords(characters, "zed")).toEqual([]);
  });
});

describe("mentionAt with characters", () => {
  const keepOpen = (q: string) => characters.some((c) => nameHasWords(c.name, q));
  it("keeps a spaced query open while it matches a character", () => {
    expect(mentionAt("see @Mara K", 11, [], keepOpen)).toEqual({ start: 4, query: "Mara K" });
    expect(mentionAt("see @Mara ", 10, [], keepOpen)).toEqual({ start: 4, query: "Mara " });
  });
  it("closes it when nothing matches any more", () => {
    expect(mentionAt("see @Mara Kel walks", 19, [], keepOpen)).toBeNull();
    expect(mentionAt("see @Mara K", 11)).toBeNull();
  });
});
