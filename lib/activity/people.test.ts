import { describe, expect, it } from "vitest";
import { avatarHue, toPersonDTO } from "./people";

describe("avatarHue", () => {
  it("is the same for the same id and spreads different ids around the wheel", () => {
    expect(avatarHue("user-1")).toBe(avatarHue("user-1"));
    const hues = new Set(Array.from({ length: 50 }, (_, i) => Math.floor(avatarHue(`user-${i}`) / 30)));
    expect(hues.size).toBeGreaterThan(8);
    for (let i = 0; i < 50; i++) {
      expect(avatarHue(`u${i}`)).toBeGreaterThanOrEqual(0);
      expect(avatarHue(`u${i}`)).toBeLessThan(360);
    }
  });
});

it("toPersonDTO carries id, name and initials", () => {
  expect(toPersonDTO({ id: "abc", name: "Jo Park" })).toEqual({ id: "abc", name: "Jo Park", initials: "JP" });
});
