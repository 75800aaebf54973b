import { describe, expect, it } from "vitest";
import { profileById } from "@/lib/models/profiles";
import { planRange, trimKey, videoLimitsFor } from "./video-range";

const limits = { maxSeconds: 3 };

describe("reference video limits", () => {
  it("come from the version's profile, or the widest of those that take videos", () => {
    expect(videoLimitsFor(profileById("fal-v1.2"))).toEqual({ maxSeconds: 3, maxBytes: 100 * 1024 * 1024 });
    expect(videoLimitsFor()).toEqual({ maxSeconds: 3, maxBytes: 100 * 1024 * 1024 });
  });
});

describe("planRange", () => {
  it("keeps a short video whole when no range is asked, within the containers' rounding", () => {
    expect(planRange("a.mp4", 2.5, {}, limits)).toEqual({ ok: true, keep: "whole" });
    expect(planRange("a.mp4", 3.02, {}, limits)).toEqual({ ok: true, keep: "whole" });
  });

  it("refuses a longer video without a range, naming the limit and asking for a range", () => {
    const plan = planRange("beach.mov", 30, {}, limits);
    expect(plan).toMatchObject({ ok: false, code: "video_too_long", field: "startSec" });
    expect(plan.ok || plan.message).toBe(
      "beach.mov is 30 s long; reference videos can be at most 3 s. Give the range to keep: startSec and endSec, at most 3 s apart.",
    );
  });

  it("cuts the range asked when it fits", () => {
    expect(planRange("a.mp4", 30, { startSec: 10, endSec: 13 }, limits)).toEqual({
      ok: true,
      keep: "range",
      range: { startSec: 10, endSec: 13 },
    });
    // An end a hair past the end is the end.
    expect(planRange("a.mp4", 5, { startSec: 2.5, endSec: 5.05 }, limits)).toMatchObject({
      range: { startSec: 2.5, endSec: 5 },
    });
  });

  it.each([
    [{ startSec: 10 }, "endSec", "endSec is missing"],
    [{ endSec: 3 }, "startSec", "startSec is missing"],
    [{ startSec: -1, endSec: 2 }, "startSec", "from 0 to 30 s"],
    [{ startSec: Number.NaN, endSec: 2 }, "startSec", "a number of seconds"],
    [{ startSec: 31, endSec: 33 }, "startSec", "past the end"],
    [{ startSec: 5, endSec: 5 }, "endSec", "must come after startSec"],
    [{ startSec: 28, endSec: 31 }, "endSec", "past the end"],
    [{ startSec: 10, endSec: 13.5 }, "endSec", "3.5 s long; reference videos can be at most 3 s"],
    [{ startSec: 10, endSec: 10.2 }, "endSec", "keep at least 0.5 s"],
  ])("refuses %j on %s", (asked, field, text) => {
    const plan = planRange("a.mp4", 30, asked, limits);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.field).toBe(field);
    expect(plan.message).toContain(text);
  });

  it("names a cut by its source and range, to the millisecond", () => {
    expect(trimKey("ab".repeat(32), { startSec: 1.5, endSec: 4.5 })).toBe(`${"ab".repeat(32)}@1500-4500`);
  });
});
