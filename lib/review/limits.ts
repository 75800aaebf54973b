// Review vocabularies and limits: plain values, no validation library (see lib/generations/limits.ts).

export const REVIEW_STATUSES = ["pending", "approved", "changes_requested"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
/** How people read a review status: in the select, the activity trail and conflict messages. */
export const REVIEW_LABELS: Record<ReviewStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  changes_requested: "Changes requested",
};
export const MAX_COMMENT_CHARS = 2_000;
export const MAX_AUTHOR_CHARS = 40;

/** "0:03.2" style times, as the player and comments show them. */
export function formatClipTime(sec: number): string {
  const safe = Math.max(0, sec);
  const m = Math.floor(safe / 60);
  const s = safe - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, "0")}`;
}

/** Drawn notes on the frame (./drawing.ts): at most this many shapes, and points per freehand line. */
export const MAX_DRAWING_SHAPES = 20;
export const MAX_STROKE_POINTS = 500;
export const DRAW_TOOLS = ["arrow", "box", "pen"] as const;
export type DrawTool = (typeof DRAW_TOOLS)[number];
/** A small palette, by name: what is stored; the player picks the shade (./drawing.ts DRAW_COLOR_HEX). */
export const DRAW_COLORS = ["red", "yellow", "green", "blue", "white"] as const;
export type DrawColor = (typeof DRAW_COLORS)[number];
