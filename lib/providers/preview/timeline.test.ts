import { describe, expect, it } from "vitest";
import { preparedSize, splitTimeline } from "./timeline";

describe("splitTimeline", () => {
  const lengths = (pieces: ReturnType<typeof splitTimeline>) =>
    pieces.map((p) => p.reduce((a, s) => a + s.length, 0));

  it("cuts 200 frames of five references into two halves, every frame once, in order", () => {
    const pieces = splitTimeline([40, 40, 40, 40, 40], 2);
    expect(lengths(pieces)).toEqual([100, 100]);
    expect(pieces[0]?.at(-1)).toEqual({ index: 2, frames: 40, offset: 0, length: 20 });
    expect(pieces[1]?.[0]).toEqual({ index: 2, frames: 40, offset: 20, length: 20 });
    const flat = pieces.flat();
    for (let i = 0; i < 5; i++) {
      const slices = flat.filter((s) => s.index === i);
      expect(slices.reduce((a, s) => a + s.length, 0)).toBe(40);
      expect(slices.map((s) => s.offset)).toEqual(
        slices.map((_, k) => slices.slice(0, k).reduce((a, s) => a + s.length, 0)),
      );
    }
  });

  it("moves a cut out of a fade, so one piece draws each fade whole", () => {
    // One segment of 100 frames, fades of 8 frames; a cut at 3 would split the fade in.
    const pieces = splitTimeline([4, 100], 2, 1);
    const cut = pieces[0]!.reduce((a, s) => a + s.length, 0);
    expect(cut).toBe(52);
    const [first, second] = splitTimeline([50, 50], 4, 1);
    expect(first?.[0]).toMatchObject({ index: 0, offset: 0 });
    expect(second?.[0]?.offset).toBeGreaterThanOrEqual(8);
    for (const piece of splitTimeline([30, 31, 29], 4, 1))
      for (const s of piece) {
        const fade = Math.max(1, Math.min(8, Math.floor(s.frames / 4)));
        if (s.offset > 0) expect(s.offset).toBeGreaterThanOrEqual(fade);
        if (s.offset + s.length < s.frames) expect(s.offset + s.length).toBeLessThanOrEqual(s.frames - fade);
      }
  });

  it("makes no piece shorter than a second and one piece of a short clip", () => {
    expect(lengths(splitTimeline([30, 30], 4))).toEqual([30, 30]);
    expect(splitTimeline([20], 4)).toEqual([[{ index: 0, frames: 20, offset: 0, length: 20 }]]);
    expect(lengths(splitTimeline([250], 1))).toEqual([250]);
  });
});

describe("preparedSize", () => {
  const frame = { width: 1280, height: 720 };
  it("crops a picture with enough pixels to 1.5 times the frame", () => {
    expect(preparedSize({ width: 4032, height: 3024 }, frame)).toEqual({ width: 1920, height: 1080 });
  });
  it("only crops a picture between the frame and the headroom, never enlarging it", () => {
    expect(preparedSize({ width: 1600, height: 1200 }, frame)).toEqual({ width: 1600, height: 900 });
    expect(preparedSize({ width: 1500, height: 2000 }, frame)).toEqual({ width: 1500, height: 844 });
  });
  it("enlarges a picture smaller than the frame to the frame", () => {
    expect(preparedSize({ width: 640, height: 480 }, frame)).toEqual(frame);
    expect(preparedSize({ width: 1600, height: 1200 }, { width: 720, height: 1280 })).toEqual({
      width: 720,
      height: 1280,
    });
  });
});
