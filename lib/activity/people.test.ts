import { describe, expect, it } from "vitest";
import { avatarHue, initialsOf, toPersonDTO } from "./people";

describe("initialsOf", () => {
  it("takes the first and last words' first letters, upper-cased", () => {
    expect(initialsOf("Mara Lindqvist")).toBe("ML");
    expect(initialsOf("  jo  ")).toBe("J");
    expect(initialsOf("Anne-Marie van Dijk")).toBe("AD");
    expect(initialsOf("émile zola")).toBe("ÉZ");
    expect(initialsOf("(Sam) O'Neil")).toBe("SO");
    expect(initialsOf("李 小龙")).toBe("李小");
  });

  it("says ? when the name has no letter or digit", () => {
    expect(initialsOf("")).toBe("?");
    expect(initialsOf("  -- ")).toBe("?");
  });
});

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
