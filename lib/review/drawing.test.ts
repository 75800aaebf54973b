import { describe, expect, it } from "vitest";
import { addStrokePoint, contentBox, fromPlane, isMeaningful, type Point, toPlane } from "./drawing";
import { MAX_STROKE_POINTS } from "./limits";

describe("where the picture sits in the player (object-contain)", () => {
  it("fills a box of its own shape", () => {
    expect(contentBox(640, 360, 1280, 720)).toEqual({ left: 0, top: 0, width: 640, height: 360 });
  });

  it("is pillarboxed in a wider box and letterboxed in a taller one", () => {
    // A 9:16 clip in a 16:9 player: bars left and right.
    expect(contentBox(1600, 900, 720, 1280)).toEqual({ left: 546.875, top: 0, width: 506.25, height: 900 });
    // A 16:9 clip in a square box: bars above and below.
    expect(contentBox(400, 400, 1280, 720)).toEqual({ left: 0, top: 87.5, width: 400, height: 225 });
  });

  it("falls back to the whole box before the video knows its size", () => {
    expect(contentBox(300, 200, 0, 0)).toEqual({ left: 0, top: 0, width: 300, height: 200 });
  });
});

describe("the 0-1 plane", () => {
  const picture = contentBox(1600, 900, 720, 1280);

  it("maps the picture's corners to 0 and 1, not the player's", () => {
    expect(toPlane(picture.left, 0, picture)).toEqual([0, 0]);
    expect(toPlane(picture.left + picture.width, 900, picture)).toEqual([1, 1]);
    expect(toPlane(800, 450, picture)).toEqual([0.5, 0.5]);
  });

  it("pulls a point on the bars to the picture's edge and keeps 4 decimals", () => {
    expect(toPlane(10, -50, picture)).toEqual([0, 0]);
    expect(toPlane(1590, 950, picture)).toEqual([1, 1]);
    const [x] = toPlane(picture.left + picture.width / 3, 0, picture);
    expect(x).toBe(0.3333);
  });

  it("comes back to the same pixels at any size", () => {
    const p: Point = [0.25, 0.75];
    expect(fromPlane(p, { width: 400, height: 225 })).toEqual([100, 168.75]);
    expect(fromPlane(p, { width: 1280, height: 720 })).toEqual([320, 540]);
  });
});

describe("freehand lines", () => {
  it("skips points too close to the last one and stops growing at the limit", () => {
    let line: Point[] = [[0.1, 0.1]];
    line = addStrokePoint(line, [0.101, 0.1]);
    expect(line).toHaveLength(1);
    line = addStrokePoint(line, [0.2, 0.1]);
    expect(line).toHaveLength(2);
    let long: Point[] = [];
    for (let i = 0; i < MAX_STROKE_POINTS + 50; i++)
      long = addStrokePoint(long, [(i % 100) / 100, Math.floor(i / 100) / 10]);
    expect(long).toHaveLength(MAX_STROKE_POINTS);
  });

  it("drops a tap: shapes too small to mean anything", () => {
    expect(
      isMeaningful({
        tool: "arrow",
        color: "red",
        points: [
          [0.5, 0.5],
          [0.502, 0.5],
        ],
      }),
    ).toBe(false);
    expect(
      isMeaningful({
        tool: "arrow",
        color: "red",
        points: [
          [0.5, 0.5],
          [0.6, 0.5],
        ],
      }),
    ).toBe(true);
    expect(
      isMeaningful({
        tool: "box",
        color: "red",
        points: [
          [0.1, 0.1],
          [0.5, 0.101],
        ],
      }),
    ).toBe(false);
    expect(
      isMeaningful({
        tool: "box",
        color: "red",
        points: [
          [0.1, 0.1],
          [0.5, 0.5],
        ],
      }),
    ).toBe(true);
    expect(isMeaningful({ tool: "pen", color: "red", points: [[0.1, 0.1]] })).toBe(false);
  });
});
