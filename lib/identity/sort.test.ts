import { describe, expect, it } from "vitest";
import { canSortByIdentity, sortByIdentity } from "./sort";

const take = (takeIndex: number, score: number | null | undefined) => ({
  takeIndex,
  identity: score === undefined ? null : { score },
});

describe("sortByIdentity", () => {
  it("puts the highest score first and unscored takes last, in take order", () => {
    const sorted = sortByIdentity([take(0, 40), take(1, null), take(2, 91), take(3, undefined), take(4, 62)]);
    expect(sorted.map((t) => t.takeIndex)).toEqual([2, 4, 0, 1, 3]);
  });

  it("keeps take order between equal scores and leaves the input alone", () => {
    const takes = [take(0, 70), take(1, 70)];
    expect(sortByIdentity(takes).map((t) => t.takeIndex)).toEqual([0, 1]);
    expect(sortByIdentity([take(1, 70), take(0, 70)]).map((t) => t.takeIndex)).toEqual([0, 1]);
    expect(takes.map((t) => t.takeIndex)).toEqual([0, 1]);
  });

  it("is offered only when two takes have a score", () => {
    expect(canSortByIdentity([take(0, 40), take(1, null)])).toBe(false);
    expect(canSortByIdentity([take(0, 40), take(1, 0)])).toBe(true);
  });
});
