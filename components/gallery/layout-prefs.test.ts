import { describe, expect, it } from "vitest";
import {
  COLLAPSED_COOKIE,
  cookieString,
  MAX_COLLAPSED,
  normalizeCollapsed,
  parseDensity,
  readCookie,
  withCollapsed,
} from "./layout-prefs";

describe("gallery layout cookies", () => {
  it("reads a density, comfortable for anything else", () => {
    expect(parseDensity("compact")).toBe("compact");
    expect(parseDensity("list")).toBe("list");
    expect(parseDensity(null)).toBe("comfortable");
    expect(parseDensity("huge")).toBe("comfortable");
  });

  it("keeps valid, unique group ids, newest last, at most MAX_COLLAPSED", () => {
    expect(normalizeCollapsed("a1.b2.a1.<x>..c3")).toBe("a1.b2.c3");
    const many = Array.from({ length: MAX_COLLAPSED + 5 }, (_, i) => `g${i}`);
    const kept = normalizeCollapsed(many.join(".")).split(".");
    expect(kept).toHaveLength(MAX_COLLAPSED);
    expect(kept[0]).toBe("g5");
    expect(kept.at(-1)).toBe(`g${MAX_COLLAPSED + 4}`);
  });

  it("adds a collapsed group to the newest end and removes an expanded one", () => {
    expect(withCollapsed("", "g1", true)).toBe("g1");
    expect(withCollapsed("g1.g2", "g1", true)).toBe("g2.g1");
    expect(withCollapsed("g1.g2", "g1", false)).toBe("g2");
    expect(withCollapsed("g2", "g2", false)).toBe("");
  });

  it("writes a cookie for the whole site and reads it back among others", () => {
    expect(cookieString(COLLAPSED_COOKIE, "g1")).toMatch(/^omni-collapsed=g1; Path=\/; Max-Age=\d+/);
    expect(cookieString(COLLAPSED_COOKIE, "")).toContain("Max-Age=0");
    expect(readCookie("a=1; omni-collapsed=g1.g2; b=2", COLLAPSED_COOKIE)).toBe("g1.g2");
    expect(readCookie("omni-collapsedx=1", COLLAPSED_COOKIE)).toBeNull();
  });
});
