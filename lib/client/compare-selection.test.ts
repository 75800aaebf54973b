import { describe, expect, it } from "vitest";
import { picksAfterCompare, readPicks, togglePick } from "./compare-selection";

describe("the compare selection", () => {
  it("adds picks up to four; a fifth drops the oldest", () => {
    let picks: string[] = [];
    for (const id of ["a", "b", "c", "d"]) picks = togglePick(picks, id);
    expect(picks).toEqual(["a", "b", "c", "d"]);
    expect(togglePick(picks, "e")).toEqual(["b", "c", "d", "e"]);
  });

  it("picking a picked clip again removes it", () => {
    expect(togglePick(["a", "b", "c"], "b")).toEqual(["a", "c"]);
  });

  it("reads what was stored: strings only, the newest four, junk as nothing", () => {
    expect(readPicks(JSON.stringify(["a", 2, "b", "c", "d", "e"]))).toEqual(["b", "c", "d", "e"]);
    expect(readPicks(null)).toEqual([]);
    expect(readPicks("{not json")).toEqual([]);
    expect(readPicks(JSON.stringify({ a: 1 }))).toEqual([]);
  });

  it("leaving a compare uses up the picks it showed, and keeps picks it did not", () => {
    expect(picksAfterCompare(["a", "b", "c"], ["a", "b", "c"])).toEqual([]);
    expect(picksAfterCompare(["b", "a"], ["a", "b", "c"])).toEqual([]);
    expect(picksAfterCompare(["x"], ["a", "b"])).toEqual(["x"]);
  });
});
