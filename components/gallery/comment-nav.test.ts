import { describe, expect, it } from "vitest";
import { adjacentComment } from "./comment-nav";

const c = (id: string, atSec: number) => ({ id, atSec });
const threads = [c("b", 3.2), c("a", 1), c("c", 3.2), c("d", 4.5)];
const id = (x: { id: string } | null) => x?.id ?? null;

describe("adjacentComment", () => {
  it("steps from the player's time to the next or previous comment, in time order", () => {
    expect(id(adjacentComment(threads, null, 0, 1))).toBe("a");
    expect(id(adjacentComment(threads, null, 2, 1))).toBe("b");
    expect(id(adjacentComment(threads, null, 2, -1))).toBe("a");
    expect(id(adjacentComment(threads, null, 5, -1))).toBe("d");
  });

  it("stops at the ends", () => {
    expect(adjacentComment(threads, null, 4.6, 1)).toBeNull();
    expect(adjacentComment(threads, null, 0.5, -1)).toBeNull();
    expect(adjacentComment([], null, 1, 1)).toBeNull();
    expect(adjacentComment(threads, "d", 4.5, 1)).toBeNull();
    expect(adjacentComment(threads, "a", 1, -1)).toBeNull();
  });

  it("visits comments at the same moment in turn when the player is on the selected one", () => {
    expect(id(adjacentComment(threads, "a", 1, 1))).toBe("b");
    expect(id(adjacentComment(threads, "b", 3.2, 1))).toBe("c");
    expect(id(adjacentComment(threads, "c", 3.2, -1))).toBe("b");
    expect(id(adjacentComment(threads, "c", 3.2, 1))).toBe("d");
  });

  it("steps from the time, not the selection, once the player has moved away from it", () => {
    expect(id(adjacentComment(threads, "a", 4, 1))).toBe("d");
    expect(id(adjacentComment(threads, "d", 2, -1))).toBe("a");
    // Sitting on a comment it did not select: the next one is after it.
    expect(id(adjacentComment(threads, null, 3.2, 1))).toBe("d");
  });
});
