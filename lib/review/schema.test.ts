import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/validation/parse";
import { MAX_DRAWING_SHAPES, MAX_STROKE_POINTS } from "./limits";
import { drawingSchema, newCommentSchema, postCommentSchema, resolveCommentSchema } from "./schema";

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error("expected a refusal");
};

const comment = { generationId: "clip000001", atSec: 1, body: "Nice light here." };
const box = {
  tool: "box",
  color: "red",
  points: [
    [0.1, 0.2],
    [0.4, 0.6],
  ],
};

describe("new comments", () => {
  it("takes a moment, a range, a reply and a drawing", () => {
    expect(parseInput(newCommentSchema, comment)).toEqual(comment);
    expect(parseInput(newCommentSchema, { ...comment, endSec: 2.5 })).toMatchObject({ endSec: 2.5 });
    expect(
      parseInput(newCommentSchema, { generationId: "clip000001", parentId: "comment0001", body: "Agreed" }),
    ).toMatchObject({ parentId: "comment0001" });
    expect(parseInput(newCommentSchema, { ...comment, drawing: { shapes: [box] } }).drawing).toEqual({
      shapes: [box],
    });
  });

  it("refuses an author in the body: the signer is whoever sends it", () => {
    for (const extra of [
      { author: { authorId: "author0001", authorName: "Ada" } },
      { authorName: "Ada" },
      { authorId: "author0001" },
    ]) {
      const err = refusal(() => parseInput(newCommentSchema, { ...comment, ...extra }));
      expect(err.status).toBe(422);
      expect(err.message).toMatch(/not accepted; a comment is signed by whoever sends it/);
    }
  });

  it("refuses a range that ends before it starts, and a thread without a time", () => {
    for (const endSec of [1, 0.5]) {
      const err = refusal(() => parseInput(newCommentSchema, { ...comment, endSec }));
      expect(err.fields).toEqual({
        endSec: "endSec must be after atSec (1 s): a range ends after it starts",
      });
    }
    const { atSec: _, ...noTime } = comment;
    expect(refusal(() => parseInput(newCommentSchema, noTime)).fields?.atSec).toMatch(/atSec is required/);
    expect(refusal(() => parseInput(newCommentSchema, { ...comment, endSec: -1 })).fields?.endSec).toBe(
      "endSec must not be negative",
    );
  });

  it("keeps replies plain: no range, no drawing", () => {
    const reply = { generationId: "clip000001", parentId: "comment0001", body: "Yes" };
    expect(refusal(() => parseInput(newCommentSchema, { ...reply, endSec: 3 })).fields?.endSec).toMatch(
      /a reply sits at its thread's time/,
    );
    expect(
      refusal(() => parseInput(newCommentSchema, { ...reply, drawing: { shapes: [box] } })).fields?.drawing,
    ).toMatch(/drawings go on the comment that starts the thread/);
  });

  it("the route's body takes the clip from the path, not the body", () => {
    expect(parseInput(postCommentSchema, { atSec: 1, body: "x" })).toEqual({ atSec: 1, body: "x" });
    expect(refusal(() => parseInput(postCommentSchema, { ...comment })).message).toMatch(
      /^Unknown field\(s\) in a comment: generationId$/,
    );
  });

  it("resolve takes true or false", () => {
    expect(parseInput(resolveCommentSchema, { commentId: "comment0001", resolved: false }).resolved).toBe(
      false,
    );
    expect(
      refusal(() => parseInput(resolveCommentSchema, { commentId: "comment0001" })).fields?.resolved,
    ).toMatch(/true \(resolve\) or false \(reopen\)/);
  });
});

describe("drawings", () => {
  const drawing = (shapes: unknown[]) => ({ shapes });
  const message = (raw: unknown) => refusal(() => parseInput(drawingSchema, raw)).message;

  it("keeps arrows, boxes and freehand lines, rounded to 4 decimals", () => {
    const out = parseInput(drawingSchema, {
      shapes: [
        {
          tool: "arrow",
          color: "yellow",
          points: [
            [0.123456, 0],
            [1, 0.99999],
          ],
        },
        box,
        {
          tool: "pen",
          color: "white",
          points: [
            [0, 0],
            [0.5, 0.5],
            [1, 1],
          ],
        },
      ],
    });
    expect(out.shapes[0]?.points).toEqual([
      [0.1235, 0],
      [1, 1],
    ]);
    expect(out.shapes).toHaveLength(3);
  });

  it("says which shape and which number is wrong", () => {
    expect(
      message(
        drawing([
          box,
          {
            ...box,
            points: [
              [0.1, 0.2],
              [1.5, 0.6],
            ],
          },
        ]),
      ),
    ).toBe(
      "Drawing.shapes[1].points[1] (x) must be a number between 0 and 1 (a fraction of the picture's width or height)",
    );
    expect(
      message(
        drawing([
          {
            ...box,
            points: [
              [0.1, -0.01],
              [0.5, 0.6],
            ],
          },
        ]),
      ),
    ).toMatch(/^Drawing\.shapes\[0\]\.points\[0\] \(y\) must be a number between 0 and 1/);
    // JSON has no NaN or Infinity, but a caller in the same process might pass them.
    expect(
      message(
        drawing([
          {
            ...box,
            points: [
              [Number.NaN, 0.1],
              [0.5, 0.6],
            ],
          },
        ]),
      ),
    ).toMatch(/\(x\) must be a number/);
    expect(
      message(
        drawing([
          {
            ...box,
            points: [
              [Number.POSITIVE_INFINITY, 0.1],
              [0.5, 0.6],
            ],
          },
        ]),
      ),
    ).toMatch(/\(x\) must be a number/);
    expect(
      message(
        drawing([
          {
            ...box,
            points: [
              ["0.1", 0.1],
              [0.5, 0.6],
            ],
          },
        ]),
      ),
    ).toMatch(/\(x\) must be a number/);
  });

  it("refuses unknown tools and colours outside the palette", () => {
    expect(message(drawing([{ ...box, tool: "circle" }]))).toBe(
      "Drawing.shapes[0].tool must be one of arrow, box, pen",
    );
    expect(message(drawing([{ ...box, color: "#ff00ff" }]))).toBe(
      "Drawing.shapes[0].color must be one of red, yellow, green, blue, white",
    );
    expect(message(drawing([{ ...box, opacity: 0.5 }]))).toMatch(/unknown field\(s\) in a shape: opacity/);
  });

  it("limits shapes and points, and asks for shapes that have a size", () => {
    expect(message(drawing(Array.from({ length: MAX_DRAWING_SHAPES + 1 }, () => box)))).toBe(
      `Drawing.shapes may hold at most ${MAX_DRAWING_SHAPES} shapes`,
    );
    expect(message(drawing([]))).toMatch(/at least 1 shape/);
    const long = Array.from({ length: MAX_STROKE_POINTS + 1 }, (_, i) => [i / 1000, 0.5]);
    expect(message(drawing([{ tool: "pen", color: "red", points: long }]))).toBe(
      `Drawing.shapes[0].points may hold at most ${MAX_STROKE_POINTS} points for a freehand line`,
    );
    expect(message(drawing([{ tool: "pen", color: "red", points: [[0.1, 0.1]] }]))).toMatch(
      /at least 2 points/,
    );
    expect(
      message(
        drawing([
          {
            ...box,
            tool: "arrow",
            points: [
              [0.1, 0.1],
              [0.1, 0.1],
            ],
          },
        ]),
      ),
    ).toMatch(/2 different points for an arrow/);
    expect(
      message(
        drawing([
          {
            ...box,
            points: [
              [0.1, 0.1],
              [0.5, 0.1],
            ],
          },
        ]),
      ),
    ).toMatch(/a box with an area/);
    expect(
      message(
        drawing([
          {
            ...box,
            points: [
              [0.1, 0.1],
              [0.2, 0.2],
              [0.3, 0.3],
            ],
          },
        ]),
      ),
    ).toMatch(/exactly 2 points for a box/);
    expect(message("a cat")).toBe("Drawing must be an object { shapes: [...] }");
  });
});
