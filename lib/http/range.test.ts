import { describe, expect, it } from "vitest";
import { parseRange } from "./range";

describe("parseRange", () => {
  const size = 1000;
  it.each([
    [null, { kind: "full" }],
    ["bytes=0-99", { kind: "partial", start: 0, end: 99 }],
    ["bytes=500-", { kind: "partial", start: 500, end: 999 }],
    ["bytes=-100", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=900-5000", { kind: "partial", start: 900, end: 999 }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=5000-6000", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=99-0", { kind: "full" }],
    ["bytes=abc", { kind: "full" }],
    ["bytes=-", { kind: "full" }],
    ["items=0-10", { kind: "full" }],
    ["bytes=0-1,5-6", { kind: "full" }],
    [`bytes=${"0-1,".repeat(100)}0-1`, { kind: "full" }],
    ["bytes=99999999999999999999-", { kind: "full" }],
  ])("%s -> %j", (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it("cannot satisfy any range of an empty file", () => {
    expect(parseRange("bytes=0-10", 0)).toEqual({ kind: "unsatisfiable" });
  });
});
