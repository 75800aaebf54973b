// The player's keyboard shortcuts as data: which key does what, and when a key is left to the page. Pure,
// so the mapping is unit-tested (player-keys.test.ts); lib/client/use-player-shortcuts.ts wires it to the
// window and the players.

export type PlayerAction =
  | { kind: "toggle" }
  | { kind: "seek"; by: number }
  | { kind: "frame"; by: 1 | -1 }
  | { kind: "comment" }
  | { kind: "prevComment" }
  | { kind: "nextComment" }
  | { kind: "prevClip" }
  | { kind: "nextClip" }
  | { kind: "help" };

export type ActionKind = PlayerAction["kind"];

/** What of a keyboard event the mapping reads (a KeyboardEvent has all of it). */
export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
}

/** J and L step this far; with Shift, SHIFT_SEEK_SEC. */
export const SEEK_SEC = 1;
export const SHIFT_SEEK_SEC = 5;
/** `,` and `.` step one frame at the clip's rate; clips do not say theirs, and the model makes 24 fps. */
export const DEFAULT_FPS = 24;

/**
 * The action a key asks for, or null. Keys held with Ctrl, Cmd or Alt belong to the browser and the
 * system (Ctrl+K, Cmd+L, Ctrl+Enter...); Shift only widens J and L, and types `?`.
 */
export function actionForKey(e: KeyInput): PlayerAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  // The key as typed: Shift+J is "J", Caps Lock "J" too, so the step reads Shift itself.
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const step = e.shiftKey ? SHIFT_SEEK_SEC : SEEK_SEC;
  switch (key) {
    case " ":
    case "k":
      return e.shiftKey ? null : { kind: "toggle" };
    case "j":
      return { kind: "seek", by: -step };
    case "l":
      return { kind: "seek", by: step };
    case ",":
      return e.shiftKey ? null : { kind: "frame", by: -1 };
    case ".":
      return e.shiftKey ? null : { kind: "frame", by: 1 };
    case "c":
      return e.shiftKey ? null : { kind: "comment" };
    case "ArrowLeft":
      return e.shiftKey ? null : { kind: "prevComment" };
    case "ArrowRight":
      return e.shiftKey ? null : { kind: "nextComment" };
    case "[":
      return { kind: "prevClip" };
    case "]":
      return { kind: "nextClip" };
    case "?":
      return { kind: "help" };
    default:
      return null;
  }
}

/** What the focused element does with keys of its own. */
export interface FocusInfo {
  /** Typing goes there: an input, a textarea, a select, an editable element. */
  text: boolean;
  /** Space and Enter press it: a button, a link, a summary, a checkbox-like control. */
  pressable: boolean;
  /** It moves with the arrow keys: a radio group, tabs, a menu, a listbox, a slider, a toolbar. */
  arrows: boolean;
}

/** The part of an Element that focusInfo reads. */
export interface ElementLike {
  tagName: string;
  isContentEditable?: boolean;
  getAttribute(name: string): string | null;
  closest?(selector: string): unknown;
}

const PRESSABLE_ROLES = new Set([
  "button",
  "link",
  "checkbox",
  "switch",
  "menuitem",
  "option",
  "radio",
  "tab",
]);
const ARROW_WIDGETS =
  '[role="radiogroup"],[role="tablist"],[role="menu"],[role="menubar"],[role="listbox"],[role="slider"],[role="toolbar"],[role="grid"],[role="tree"]';

export function focusInfo(el: ElementLike | null | undefined): FocusInfo {
  if (!el) return { text: false, pressable: false, arrows: false };
  const tag = el.tagName.toLowerCase();
  const role = el.getAttribute("role");
  const text =
    tag === "input" ||
    tag === "textarea" ||
    tag === "select" ||
    el.isContentEditable === true ||
    role === "textbox" ||
    role === "combobox" ||
    role === "searchbox";
  const pressable =
    tag === "button" || tag === "a" || tag === "summary" || (role !== null && PRESSABLE_ROLES.has(role));
  const arrows = Boolean(el.closest?.(ARROW_WIDGETS));
  return { text, pressable, arrows };
}

/**
 * Whether the page takes the key for the player. Never from a text field (Space, K and J are letters
 * there). Space on a focused button or link still presses it, and arrows still move inside a widget
 * that uses them; the other keys mean nothing to those, so they work from there too.
 */
export function takesKey(action: PlayerAction, focus: FocusInfo, key: string): boolean {
  if (focus.text) return false;
  if (key === " " && focus.pressable) return false;
  if ((action.kind === "prevComment" || action.kind === "nextComment") && focus.arrows) return false;
  return true;
}

/** Where a step of `by` seconds lands, kept inside the clip (its end is its last frame, not past it). */
export function steppedTime(time: number, by: number, duration: number): number {
  const end = Number.isFinite(duration) && duration > 0 ? duration : Number.POSITIVE_INFINITY;
  return Math.min(end, Math.max(0, time + by));
}

/**
 * One frame from `time` at `fps`: onto the next (or previous) frame boundary, so repeated presses walk
 * frame by frame even from a time between two frames. The result sits a hair inside the frame, so the
 * browser shows that frame and not the one before it.
 */
export function frameStep(time: number, dir: 1 | -1, fps: number, duration: number): number {
  const rate = fps > 0 ? fps : DEFAULT_FPS;
  const frame = Math.floor(time * rate + 1e-3);
  const target = Math.max(0, frame + dir);
  const at = target === 0 ? 0 : (target + 0.01) / rate;
  return steppedTime(at, 0, duration);
}

/** What the overlay lists: each line's keys, what they do, and the action that needs a handler. */
export interface ShortcutLine {
  keys: string[];
  what: string;
  /** The line shows only when the page handles this (a page without comments has no comment keys). */
  needs?: ActionKind;
}

export const SHORTCUT_LINES: readonly ShortcutLine[] = [
  { keys: ["Space", "K"], what: "Play or pause" },
  { keys: ["J", "L"], what: "Back or forward 1 second" },
  { keys: ["Shift+J", "Shift+L"], what: "Back or forward 5 seconds" },
  { keys: [",", "."], what: "Previous or next frame (pauses)" },
  { keys: ["C"], what: "Comment at the current time", needs: "comment" },
  { keys: ["←", "→"], what: "Previous or next comment", needs: "nextComment" },
  { keys: ["[", "]"], what: "Previous or next clip", needs: "nextClip" },
  { keys: ["?"], what: "Show these shortcuts" },
];
