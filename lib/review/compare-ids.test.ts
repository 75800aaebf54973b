import { describe, expect, it } from "vitest";
import { compareHref, parseCompareIds } from "./compare-ids";

const A = "clipaaaa0001";
const B = "clipbbbb0002";
const C = "clipcccc0003";
const D = "clipdddd0004";
const E = "clipeeee0005";

describe("parseCompareIds", () => {
  it("reads 2 to 4 ids in order from ?ids=", () => {
    expect(parseCompareIds({ ids: `${A},${B}` })).toEqual({ ok: true, ids: [A, B] });
    expect(parseCompareIds({ ids: `${C},${A},${D},${B}` })).toEqual({ ok: true, ids: [C, A, D, B] });
  });

  it("reads the older ?a=&b= links", () => {
    expect(parseCompareIds({ a: A, b: B })).toEqual({ ok: true, ids: [A, B] });
  });

  it("prefers ids over a and b", () => {
    expect(parseCompareIds({ ids: `${C},${D}`, a: A, b: B })).toEqual({ ok: true, ids: [C, D] });
  });

  it("skips blanks and spaces around ids (a trailing comma)", () => {
    expect(parseCompareIds({ ids: ` ${A} ,${B},` })).toEqual({ ok: true, ids: [A, B] });
  });

  it("refuses no id, one id and five ids, saying how many", () => {
    expect(parseCompareIds({})).toEqual({ ok: false, message: expect.stringMatching(/^Name 2 to 4 clips/) });
    expect(parseCompareIds({ ids: "" })).toMatchObject({ ok: false });
    expect(parseCompareIds({ ids: A })).toEqual({
      ok: false,
      message: "Compare needs at least 2 clips; this link names only 1.",
    });
    expect(parseCompareIds({ a: A })).toMatchObject({
      ok: false,
      message: expect.stringContaining("only 1"),
    });
    expect(parseCompareIds({ ids: [A, B, C, D, E].join(",") })).toEqual({
      ok: false,
      message: "Compare shows at most 4 clips at once; this link names 5.",
    });
  });

  it("refuses a clip named twice, naming it and its sides", () => {
    expect(parseCompareIds({ ids: `${A},${B},${A}` })).toEqual({
      ok: false,
      message: `Clip ${A} is named twice (as A and C): compare distinct clips.`,
    });
    expect(parseCompareIds({ a: B, b: B })).toMatchObject({
      ok: false,
      message: expect.stringContaining("twice"),
    });
  });
});

describe("compareHref", () => {
  it("lists the ids, escaped, and reads back the same", () => {
    const href = compareHref([A, B, C]);
    expect(href).toBe(`/compare?ids=${A},${B},${C}`);
    const ids = new URL(href, "http://x").searchParams.get("ids");
    expect(parseCompareIds({ ids })).toEqual({ ok: true, ids: [A, B, C] });
    expect(compareHref(["a&b", "c"])).toBe("/compare?ids=a%26b,c");
  });
});
