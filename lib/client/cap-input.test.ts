import { describe, expect, it } from "vitest";
import { capText, parseCap } from "./cap-input";

describe("spend cap fields", () => {
  it("shows a cap in dollars and cents, and no cap as empty", () => {
    expect(capText(5)).toBe("5.00");
    expect(capText(12.5)).toBe("12.50");
    expect(capText(0)).toBe("0.00");
    expect(capText(null)).toBe("");
  });

  it("reads dollars, with or without a $ sign and thousands commas; empty is no cap", () => {
    expect(parseCap("25")).toEqual({ cap: 25 });
    expect(parseCap(" $12.50 ")).toEqual({ cap: 12.5 });
    expect(parseCap("$ 1,000")).toEqual({ cap: 1000 });
    expect(parseCap("0")).toEqual({ cap: 0 });
    expect(parseCap("   ")).toEqual({ cap: null });
  });

  it("explains anything else", () => {
    for (const bad of ["two dollars", "-5", "1.234", "1e3", "5.", ".5", "$$5"]) {
      expect(parseCap(bad)).toEqual({ error: expect.stringContaining("Enter dollars like 25") });
    }
  });
});
