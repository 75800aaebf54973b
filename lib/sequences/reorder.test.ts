import { describe, expect, it } from "vitest";
import { dropIndex, keyboardTarget, moveAnnouncement, moveItem } from "./reorder";

describe("moveItem", () => {
  it("moves an item forward and back, clamping the target", () => {
    expect(moveItem(["a", "b", "c", "d"], 0, 2)).toEqual(["b", "c", "a", "d"]);
    expect(moveItem(["a", "b", "c", "d"], 3, 0)).toEqual(["d", "a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 1, 9)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b"], 5, 0)).toEqual(["a", "b"]);
  });
});

describe("keyboardTarget", () => {
  it("steps one place, or to either end, and says null where the shot already is", () => {
    expect(keyboardTarget(1, 3, "up")).toBe(0);
    expect(keyboardTarget(1, 3, "down")).toBe(2);
    expect(keyboardTarget(0, 3, "up")).toBeNull();
    expect(keyboardTarget(2, 3, "down")).toBeNull();
    expect(keyboardTarget(1, 3, "first")).toBe(0);
    expect(keyboardTarget(1, 3, "last")).toBe(2);
    expect(keyboardTarget(2, 3, "last")).toBeNull();
  });
});

describe("dropIndex", () => {
  // Two rows of three cards, 100 px apart.
  const grid = [0, 1, 2, 3, 4, 5].map((i) => ({ x: (i % 3) * 100 + 50, y: Math.floor(i / 3) * 100 + 50 }));
  it("picks the card nearest the pointer in a wrapping grid", () => {
    expect(dropIndex(grid, { x: 60, y: 40 })).toBe(0);
    expect(dropIndex(grid, { x: 240, y: 60 })).toBe(2);
    expect(dropIndex(grid, { x: 140, y: 170 })).toBe(4);
  });
});

describe("moveAnnouncement", () => {
  it("counts places from 1", () => {
    expect(moveAnnouncement("Harbour", 1, 5)).toBe("Harbour moved to position 2 of 5.");
  });
});
