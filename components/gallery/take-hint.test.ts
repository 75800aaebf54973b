import { describe, expect, it } from "vitest";
import { approvalHint } from "./take-hint";

const take = (takeIndex: number, reviewStatus = "pending", chosen = false) =>
  ({ takeIndex, reviewStatus, chosen }) as Parameters<typeof approvalHint>[0][number];

describe("approvalHint", () => {
  it("names the approved take beside a different chosen take", () => {
    expect(approvalHint([take(0, "none", true), take(1, "approved"), take(2)])).toBe(
      "Take 2 is approved, but take 1 is the chosen one.",
    );
  });

  it("names every approved take", () => {
    expect(approvalHint([take(0, "approved"), take(1, "approved"), take(2, "approved", true), take(3)])).toBe(
      "Takes 1 and 2 are approved, but take 3 (also approved) is the chosen one.",
    );
  });

  it("says nothing when the chosen take is the approved one, or when none is chosen or approved", () => {
    expect(approvalHint([take(0, "approved", true), take(1)])).toBeNull();
    expect(approvalHint([take(0, "approved"), take(1)])).toBeNull();
    expect(approvalHint([take(0, "changes_requested", true), take(1, "changes_requested")])).toBeNull();
    expect(approvalHint([])).toBeNull();
  });
});
