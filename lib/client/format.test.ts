import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatRelative, formatTimestamp, referenceWords } from "./format";

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

describe("formatRelative", () => {
  const now = Date.parse("2026-12-06T12:00:00Z");
  const ago = (ms: number) => formatRelative(new Date(now - ms).toISOString(), now);
  it("says how long ago in minutes, hours and days, then the date", () => {
    expect(ago(0)).toBe("a moment ago");
    expect(ago(44_000)).toBe("a moment ago");
    // A clock a little ahead of ours is not "in the future".
    expect(ago(-5_000)).toBe("a moment ago");
    expect(ago(50_000)).toBe("1 min ago");
    expect(ago(3 * 60_000)).toBe("3 min ago");
    expect(ago(59 * 60_000)).toBe("59 min ago");
    expect(ago(2 * 3_600_000 + 5 * 60_000)).toBe("2 h ago");
    expect(ago(30 * 3_600_000)).toBe("a day ago");
    expect(ago(4 * 86_400_000)).toBe("4 days ago");
    expect(formatRelative("2026-11-21T12:00:00Z", now)).toBe("on Nov 21");
    expect(formatRelative("2025-11-21T12:00:00Z", now)).toBe("on Nov 21, 2025");
  });
});

describe("referenceWords", () => {
  it("counts images, and reference videos where there are any", () => {
    expect(referenceWords({ references: [1] })).toBe("1 reference");
    expect(referenceWords({ references: [1, 2], referenceVideos: [] })).toBe("2 references");
    expect(referenceWords({ references: [1, 2], referenceVideos: [1] })).toBe(
      "2 references and 1 reference video",
    );
    expect(referenceWords({ references: [], referenceVideos: [1, 2] })).toBe("2 reference videos");
  });
});

describe("formatBytes", () => {
  it("names the unit that keeps the number short, up to terabytes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(5.5 * 1024 ** 2)).toBe("5.5 MB");
    expect(formatBytes(12.25 * 1024 ** 3)).toBe("12.3 GB");
    expect(formatBytes(3 * 1024 ** 4)).toBe("3.0 TB");
  });
});
