import { describe, expect, it } from "vitest";
import { logProgress } from "./log-progress";

describe("logProgress", () => {
  it.each([
    ["Rendering reference 2 of 3 (62%)", 0.62],
    ["Preview rendered (100%)", 1],
    [" 62%|██████▏   | 31/50 [00:12<00:07]", 0.62],
    ["Progress: 12.5 %", 0.125],
    ["step 2 (40%) then 62%", 0.62],
    ["0%", 0],
  ])("reads %j as %d", (line, value) => {
    expect(logProgress(line)).toBeCloseTo(value);
  });

  it.each([undefined, "", "Starting generation", "Rendered 5s of 1280x720 video", "up 240%", "1234%"])(
    "gives null (indeterminate) for %j",
    (line) => {
      expect(logProgress(line)).toBeNull();
    },
  );
});
