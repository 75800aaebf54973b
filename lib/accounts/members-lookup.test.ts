import { describe, expect, it } from "vitest";
import { initialsOf } from "./members-lookup";

describe("initialsOf", () => {
  it("takes the first letters of the first and last words", () => {
    expect(initialsOf("Ada Lovelace")).toBe("AL");
    expect(initialsOf("  mara  ")).toBe("M");
    expect(initialsOf("Jean Luc de Picard")).toBe("JP");
  });

  it("keeps whole letters beyond ASCII and has something for an empty name", () => {
    expect(initialsOf("Łukasz Ørsted")).toBe("ŁØ");
    expect(initialsOf("𝒜da Lee")).toBe("𝒜L");
    expect(initialsOf("   ")).toBe("?");
  });
});
