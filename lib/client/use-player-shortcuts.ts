"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  type ActionKind,
  actionForKey,
  DEFAULT_FPS,
  focusInfo,
  frameStep,
  type PlayerAction,
  SHORTCUT_LINES,
  type ShortcutLine,
  steppedTime,
  takesKey,
} from "./player-keys";

export interface PlayerShortcutOptions {
  /**
   * The players the keys drive, read on each key press. With several (compare), Space plays or pauses
   * them all together and J, L, `,` and `.` step each of them by the same amount.
   */
  videos: () => readonly (HTMLVideoElement | null | undefined)[];
  /** Frames per second for `,` and `.` (DEFAULT_FPS when the clip does not say). */
  fps?: number;
  /** C: comment at the current time. */
  onComment?: () => void;
  /** ← and →: the previous and next comment. */
  onPrevComment?: () => void;
  onNextComment?: () => void;
  /** [ and ]: the previous and next clip. */
  onPrevClip?: () => void;
  onNextClip?: () => void;
  /** False while something else owns the player (drawing on a still frame): the keys do nothing. */
  enabled?: boolean;
}

export interface PlayerShortcuts {
  helpOpen: boolean;
  openHelp: () => void;
  closeHelp: () => void;
  /** The overlay's lines: the player's keys, and those the page gave a handler for. */
  lines: ShortcutLine[];
}

/** Plays every player if none plays, else pauses them all (compare's players move as one). */
function toggle(videos: HTMLVideoElement[]) {
  if (videos.some((v) => !v.paused && !v.ended)) {
    for (const v of videos) v.pause();
    return;
  }
  for (const v of videos) {
    if (v.ended) v.currentTime = 0;
    void v.play().catch(() => undefined);
  }
}

/**
 * The player's keyboard shortcuts on the window: Space/K, J/L (Shift: 5 s), `,`/`.`, and those the page
 * handles (C, ←/→, [/]); `?` opens the list. A key is left alone when Ctrl, Cmd or Alt is held, when
 * typing in a field, when a dialog is open, and Space when a button or link has focus (it presses it).
 */
export function usePlayerShortcuts(options: PlayerShortcutOptions): PlayerShortcuts {
  const [helpOpen, setHelpOpen] = useState(false);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const run = (action: PlayerAction): boolean => {
      const o = latest.current;
      const videos = o.videos().filter((v): v is HTMLVideoElement => Boolean(v));
      switch (action.kind) {
        case "help":
          setHelpOpen(true);
          return true;
        case "toggle":
          if (videos.length === 0) return false;
          toggle(videos);
          return true;
        case "seek":
          if (videos.length === 0) return false;
          for (const v of videos) v.currentTime = steppedTime(v.currentTime, action.by, v.duration);
          return true;
        case "frame":
          if (videos.length === 0) return false;
          for (const v of videos) {
            v.pause();
            v.currentTime = frameStep(v.currentTime, action.by, o.fps ?? DEFAULT_FPS, v.duration);
          }
          return true;
        default: {
          const handler = {
            comment: o.onComment,
            prevComment: o.onPrevComment,
            nextComment: o.onNextComment,
            prevClip: o.onPrevClip,
            nextClip: o.onNextClip,
          }[action.kind];
          if (!handler) return false;
          handler();
          return true;
        }
      }
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || latest.current.enabled === false) return;
      const action = actionForKey(e);
      if (!action) return;
      // A modal dialog owns the keyboard (and this overlay is one).
      if (document.querySelector("dialog[open]")) return;
      const focused = document.activeElement;
      if (!takesKey(action, focusInfo(focused), e.key)) return;
      // Holding a key repeats seeks and frame steps; the rest happen once per press.
      if (e.repeat && action.kind !== "seek" && action.kind !== "frame") {
        e.preventDefault();
        return;
      }
      if (run(action)) {
        e.preventDefault();
        taken.add(e.key);
      }
    };
    // A focused <video controls> acts on Space as it comes up (Chromium), before the event bubbles
    // here: a key taken on its way down is taken on its way up too, in the capture phase, or the player
    // would toggle right back.
    const taken = new Set<string>();
    const onKeyUp = (e: KeyboardEvent) => {
      if (taken.delete(e.key)) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("keyup", onKeyUp, true);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("keyup", onKeyUp, true);
    };
  }, []);

  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const handled: Partial<Record<ActionKind, boolean>> = {
    comment: Boolean(options.onComment),
    nextComment: Boolean(options.onNextComment || options.onPrevComment),
    nextClip: Boolean(options.onNextClip || options.onPrevClip),
  };
  const lines = SHORTCUT_LINES.filter((l) => !l.needs || handled[l.needs]);
  return { helpOpen, openHelp, closeHelp, lines };
}
