import type { TextRange } from "./prompt-model";

// The prompt's own undo stack. The editor cancels the browser's edits (it rebuilds its DOM from the
// string), so the browser's undo cannot be used; and tags must be renumbered inside the stack too when
// references move, or an undo would bring back a tag that points at another image.

export interface PromptSnapshot {
  prompt: string;
  selection: TextRange;
}

/** Typing and deleting are grouped into one undo step while they continue in place. */
export type EditKind = "type" | "delete" | "other";

export interface PromptHistory {
  past: PromptSnapshot[];
  future: PromptSnapshot[];
  /** The last edit, to decide whether the next one joins its undo step. */
  last: { kind: EditKind; at: number; caret: number } | null;
}

export const HISTORY_LIMIT = 200;
export const GROUP_WINDOW_MS = 1_000;

export const emptyHistory = (): PromptHistory => ({ past: [], future: [], last: null });

/** Records `before` as an undo step, unless this edit continues the previous one. */
export function recordEdit(
  history: PromptHistory,
  before: PromptSnapshot,
  after: TextRange,
  kind: EditKind,
  at: number,
): PromptHistory {
  const last = history.last;
  const continues =
    kind !== "other" &&
    last !== null &&
    last.kind === kind &&
    at - last.at < GROUP_WINDOW_MS &&
    before.selection.start === last.caret &&
    before.selection.end === last.caret;
  const past = continues ? history.past : [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, future: [], last: { kind, at, caret: after.end } };
}

export function undo(history: PromptHistory, current: PromptSnapshot) {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    snapshot: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], last: null },
  };
}

export function redo(history: PromptHistory, current: PromptSnapshot) {
  const next = history.future[0];
  if (!next) return null;
  return {
    snapshot: next,
    history: { past: [...history.past, current], future: history.future.slice(1), last: null },
  };
}

/** Rewrites every stored prompt (e.g. to renumber tags), keeping selections inside the new text. */
export function mapHistory(history: PromptHistory, fn: (prompt: string) => string): PromptHistory {
  const map = (s: PromptSnapshot): PromptSnapshot => {
    const prompt = fn(s.prompt);
    const clamp = (n: number) => Math.min(n, prompt.length);
    return { prompt, selection: { start: clamp(s.selection.start), end: clamp(s.selection.end) } };
  };
  return { past: history.past.map(map), future: history.future.map(map), last: null };
}
