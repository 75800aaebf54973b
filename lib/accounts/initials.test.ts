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
  it("reads names from anywhere", () => {
    expect(initialsOf("Anne-Marie van Dijk")).toBe("AD");
    expect(initialsOf("(Sam) O'Neil")).toBe("SO");
    expect(initialsOf("李 小龙")).toBe("李小");
    expect(initialsOf("Łukasz Ørsted")).toBe("ŁØ");
    expect(initialsOf("𝒜da Lee")).toBe("𝒜L");
  });
});
