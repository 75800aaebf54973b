// Drawn notes on a clip's frame: the shapes, and the geometry between the player and the stored plane.
// Browser-safe and free of the validation library (lib/review/schema.ts drawingSchema checks them).
//
// Shapes live on a 0-1 plane laid over the video's picture: (0, 0) is the picture's top left corner and
// (1, 1) its bottom right, whatever size the player has. The picture is not the <video> element: with
// object-contain a clip whose shape differs from its box is letterboxed, and a point on the black bars is
// not on the frame (contentBox finds where the picture really is).

import type { DrawColor, DrawTool } from "./limits";
import { MAX_STROKE_POINTS } from "./limits";

/** [x, y] on the 0-1 plane. */
export type Point = [number, number];

/** An arrow is [tail, head]; a box is two opposite corners; a freehand line is its points in order. */
export interface Shape {
  tool: DrawTool;
  color: DrawColor;
  points: Point[];
}

export interface Drawing {
  shapes: Shape[];
}

export const DRAW_COLOR_HEX: Record<DrawColor, string> = {
  red: "#ff4d4f",
  yellow: "#ffd43b",
  green: "#40c057",
  blue: "#4dabf7",
  white: "#ffffff",
};

/** Where a rectangle sits, in CSS pixels of its container. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Where object-contain shows a `mediaWidth` x `mediaHeight` picture inside a `boxWidth` x `boxHeight`
 * element: scaled to fit, centred, with bars on two sides. Before the video knows its size (0 x 0) the
 * whole element is the best guess.
 */
export function contentBox(
  boxWidth: number,
  boxHeight: number,
  mediaWidth: number,
  mediaHeight: number,
): Rect {
  if (!(mediaWidth > 0 && mediaHeight > 0 && boxWidth > 0 && boxHeight > 0)) {
    return { left: 0, top: 0, width: Math.max(0, boxWidth), height: Math.max(0, boxHeight) };
  }
  const scale = Math.min(boxWidth / mediaWidth, boxHeight / mediaHeight);
  const width = mediaWidth * scale;
  const height = mediaHeight * scale;
  return { left: (boxWidth - width) / 2, top: (boxHeight - height) / 2, width, height };
}

/** Four decimals: a tenth of a pixel on a 4K frame, and short JSON. */
export const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/**
 * A pointer position (relative to the same container as `picture`) on the plane: outside the picture it
 * is pulled to the nearest edge, so a stroke that runs onto a bar stays on the frame.
 */
export function toPlane(x: number, y: number, picture: Rect): Point {
  if (picture.width <= 0 || picture.height <= 0) return [0, 0];
  return [
    round4(clamp01((x - picture.left) / picture.width)),
    round4(clamp01((y - picture.top) / picture.height)),
  ];
}

/** A point of the plane in pixels of `picture`'s own box (an SVG laid exactly over the picture). */
export function fromPlane([x, y]: Point, picture: Pick<Rect, "width" | "height">): [number, number] {
  return [x * picture.width, y * picture.height];
}

/** Closer than this to the last point, a freehand point adds nothing but bytes. */
const MIN_STEP = 0.004;

/**
 * The freehand line with `p` added: skipped when it is too close to the last point, and not added once the
 * line holds MAX_STROKE_POINTS (the line simply stops growing).
 */
export function addStrokePoint(points: Point[], p: Point): Point[] {
  const last = points[points.length - 1];
  if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_STEP) return points;
  if (points.length >= MAX_STROKE_POINTS) return points;
  return [...points, p];
}

/** Smaller than this (a fraction of the frame), an arrow or box is a slip of the finger, not a note. */
const MIN_SIZE = 0.01;

/** Whether a finished shape says something: a tap makes no arrow, box or line. */
export function isMeaningful(shape: Shape): boolean {
  const [a, b] = shape.points;
  if (!a || !b) return false;
  if (shape.tool === "pen") {
    return shape.points.some((p) => Math.hypot(p[0] - a[0], p[1] - a[1]) >= MIN_SIZE);
  }
  if (shape.tool === "box") return Math.abs(b[0] - a[0]) >= MIN_SIZE && Math.abs(b[1] - a[1]) >= MIN_SIZE;
  return Math.hypot(b[0] - a[0], b[1] - a[1]) >= MIN_SIZE;
}
