import { describe, expect, it } from "vitest";
import { formatCount, formatTimestamp } from "./format";

describe("formatCount", () => {
  it("writes integers as Intl.NumberFormat en-US does", () => {
    const intl = new Intl.NumberFormat("en-US");
    for (const n of [
      0, 7, 42, 999, 1000, 1001, 12_345, 20_000, 999_999, 1_000_000, 123_456_789, -1, -20_000,
    ]) {
      expect(formatCount(n)).toBe(intl.format(n));
    }
  });
});

describe("formatTimestamp", () => {
  it("shows the time alone today and the date before it on another day", () => {
    const now = new Date(2026, 11, 1, 15, 0);
    expect(formatTimestamp(new Date(2026, 11, 1, 9, 5).toISOString(), now)).toBe("9:05 AM");
    expect(formatTimestamp(new Date(2026, 10, 21, 15, 41).toISOString(), now)).toBe("Nov 21, 3:41 PM");
  });
});
