"use client";

import { type RefObject, useCallback, useEffect, useState } from "react";
import type { Shape } from "@/lib/review/drawing";
import type { DrawColor, DrawTool } from "@/lib/review/limits";

// What the clip page's review parts share: the player (its drawing layer) and the comments below it.
// Lives in ClipDetail, so both see the same draft, drawing mode and selected comment.

export interface CommentDraft {
  body: string;
  /** The in point; null while no comment is being written. */
  atSec: number | null;
  /** The out point of a range comment. */
  endSec: number | null;
  shapes: Shape[];
}

const EMPTY: CommentDraft = { body: "", atSec: null, endSec: null, shapes: [] };

export function useReviewState() {
  const [draft, setDraft] = useState<CommentDraft>(EMPTY);
  /** The comment picked in the list or on the timeline: its drawing shows when the player is there. */
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** Drawing on the frame (the layer over the video takes the pointer). */
  const [drawing, setDrawing] = useState(false);
  const [tool, setTool] = useState<DrawTool>("arrow");
  const [color, setColor] = useState<DrawColor>("red");
  /** Resolved threads show in the list and on the timeline (and ← → visit them) only when asked for. */
  const [showResolved, setShowResolved] = useState(false);

  const patchDraft = useCallback((patch: Partial<CommentDraft>) => setDraft((d) => ({ ...d, ...patch })), []);
  const addShape = useCallback(
    (shape: Shape) => setDraft((d) => ({ ...d, shapes: [...d.shapes, shape] })),
    [],
  );
  const undoShape = useCallback(() => setDraft((d) => ({ ...d, shapes: d.shapes.slice(0, -1) })), []);
  const resetDraft = useCallback(() => {
    setDraft(EMPTY);
    setDrawing(false);
  }, []);

  return {
    draft,
    patchDraft,
    addShape,
    undoShape,
    resetDraft,
    selectedId,
    setSelectedId,
    drawing,
    setDrawing,
    tool,
    setTool,
    color,
    setColor,
    showResolved,
    setShowResolved,
  };
}

export type ReviewState = ReturnType<typeof useReviewState>;

/** Close enough to a comment's moment to show its drawing (a seek lands within a frame or two). */
export const AT_FRAME = 0.06;

/** The player's time while it is paused; null while it plays (drawings show on a still frame only). */
export function usePausedAt(video: RefObject<HTMLVideoElement | null>): number | null {
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const sync = () => setAt(el.paused && !el.seeking ? el.currentTime : null);
    const events = ["play", "playing", "pause", "seeking", "seeked", "loadedmetadata", "ended"] as const;
    for (const e of events) el.addEventListener(e, sync);
    sync();
    return () => {
      for (const e of events) el.removeEventListener(e, sync);
    };
  }, [video]);
  return at;
}

/** Pauses the player at `at` (the drawing layer and the comment list agree on where "here" is). */
export function seekTo(video: HTMLVideoElement | null, at: number) {
  if (!video) return;
  video.pause();
  video.currentTime = at;
}

/** Selects a comment and pauses the player on its moment, where its drawing shows. */
export function selectComment(
  video: HTMLVideoElement | null,
  review: ReviewState,
  c: { id: string; atSec: number },
) {
  review.setDrawing(false);
  review.setSelectedId(c.id);
  seekTo(video, c.atSec);
}

/**
 * Opens the composer at the player's time (paused there), or moves an open draft there: its text is
 * never replaced. The composer's box takes the focus.
 */
export function commentHere(video: HTMLVideoElement | null, review: ReviewState, fallback: number) {
  video?.pause();
  review.setDrawing(false);
  review.patchDraft({ atSec: currentTenth(video, fallback) });
  requestAnimationFrame(() => document.getElementById(COMPOSER_ID)?.focus());
}

/** The composer's text box (comment-composer.tsx). */
export const COMPOSER_ID = "comment-composer-text";

/** The player's time, to a tenth of a second (as comments keep it). */
export const currentTenth = (video: HTMLVideoElement | null, fallback: number) =>
  Math.round((video?.currentTime ?? fallback) * 10) / 10;
