import { describe, expect, it } from "vitest";
import { settingsSummary } from "./settings-summary";

describe("settingsSummary", () => {
  it("says duration, aspect and takes in one line", () => {
    expect(settingsSummary({ duration: 8, aspectRatio: "16:9", takes: 1 })).toBe("8 s · 16:9 · 1 take");
  });

  it("adds the tier and version only where there is a choice of them", () => {
    expect(
      settingsSummary({
        duration: 5,
        aspectRatio: "9:16",
        takes: 3,
        resolution: "1080p",
        version: "Omni Flash 1.2",
      }),
    ).toBe("5 s · 9:16 · 3 takes · 1080p · Omni Flash 1.2");
  });
});
