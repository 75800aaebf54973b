import { describe, expect, it } from "vitest";
import { initialsOf } from "./me";

describe("initialsOf", () => {
  it("takes the first and last word's first letters, or two letters of one word", () => {
    expect(initialsOf("Ada Lovelace")).toBe("AL");
    expect(initialsOf("  grace brewster hopper ")).toBe("GH");
    expect(initialsOf("ada")).toBe("AD");
    expect(initialsOf("Élodie Ünal")).toBe("ÉÜ");
    expect(initialsOf("")).toBe("?");
  });
});
