import { describe, expect, it } from "vitest";
import { NO_TAKES, shotState, tallyTakes } from "./shot-state";

describe("tallyTakes", () => {
  it("counts queued, sent and rendering takes as in flight, failed and canceled as failed", () => {
    expect(
      tallyTakes([
        { status: "queued", count: 1 },
        { status: "running", count: 2 },
        { status: "saving", count: 1 },
        { status: "completed", count: 3 },
        { status: "failed", count: 1 },
        { status: "canceled", count: 2 },
      ]),
    ).toEqual({ inFlight: 4, completed: 3, failed: 3 });
  });
});

describe("shotState", () => {
  const chosen = (reviewStatus: "pending" | "approved" | "changes_requested") => ({
    status: "completed" as const,
    reviewStatus,
  });

  it("is empty with no takes, or only failed ones", () => {
    expect(shotState({ takes: NO_TAKES, chosen: null })).toBe("empty");
    expect(shotState({ takes: { inFlight: 0, completed: 0, failed: 2 }, chosen: null })).toBe("empty");
  });

  it("is generating while a take renders, and has takes to pick from once one is done", () => {
    expect(shotState({ takes: { inFlight: 2, completed: 1, failed: 0 }, chosen: null })).toBe("generating");
    expect(shotState({ takes: { inFlight: 0, completed: 2, failed: 1 }, chosen: null })).toBe("takes");
  });

  it("is chosen, or approved by its chosen take's review, even while more takes render", () => {
    const takes = { inFlight: 1, completed: 2, failed: 0 };
    expect(shotState({ takes, chosen: chosen("pending") })).toBe("chosen");
    expect(shotState({ takes, chosen: chosen("changes_requested") })).toBe("chosen");
    expect(shotState({ takes, chosen: chosen("approved") })).toBe("approved");
  });
});
