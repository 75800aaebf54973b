import { describe, expect, it } from "vitest";
import { startOf } from "./provider-job";

describe("startOf", () => {
  const now = Date.parse("2026-12-01T12:00:10.000Z");
  const submittedAt = new Date("2026-12-01T12:00:00.000Z");

  it("counts a finished job's start back from now by how long the provider says it ran", () => {
    const status = { state: "completed" as const, logs: [], ranSeconds: 4.5 };
    expect(startOf({ startedAt: null, submittedAt }, status, now)).toEqual({
      startedAt: new Date("2026-12-01T12:00:05.500Z"),
    });
  });

  it("never dates the start before the job was sent, nor after now", () => {
    const long = { state: "completed" as const, logs: [], ranSeconds: 60 };
    expect(startOf({ startedAt: null, submittedAt }, long, now).startedAt).toEqual(submittedAt);
    const none = { state: "completed" as const, logs: [], ranSeconds: 0 };
    expect(startOf({ startedAt: null, submittedAt }, none, now).startedAt).toEqual(new Date(now));
  });

  it("keeps a start the worker saw, and says nothing when the provider gives no run time", () => {
    const seen = new Date("2026-12-01T12:00:02.000Z");
    const status = { state: "completed" as const, logs: [], ranSeconds: 4.5 };
    expect(startOf({ startedAt: seen, submittedAt }, status, now)).toEqual({});
    expect(startOf({ startedAt: null, submittedAt }, { state: "completed", logs: [] }, now)).toEqual({});
    expect(startOf({ startedAt: null, submittedAt }, { state: "running", logs: [] }, now)).toEqual({});
  });
});
