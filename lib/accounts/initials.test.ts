import { describe, expect, it } from "vitest";
import { initialsOf } from "./initials";

describe("initialsOf", () => {
  it("takes the first letter of the first and last word", () => {
    expect(initialsOf("Ana Lima")).toBe("AL");
    expect(initialsOf("  jean luc   picard ")).toBe("JP");
    expect(initialsOf("cher")).toBe("C");
  });
  it("skips leading punctuation and keeps whole characters", () => {
    expect(initialsOf("(Dee) ✨ Ode")).toBe("DO");
    expect(initialsOf("Émile Zola")).toBe("ÉZ");
    expect(initialsOf("𝒜lice")).toBe("𝒜");
  });
  it("answers ? for a name with nothing to show", () => {
    expect(initialsOf("")).toBe("?");
    expect(initialsOf(" -- ")).toBe("?");
  });
});
