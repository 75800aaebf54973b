"use client";

import { type RefObject, useCallback, useRef, useState } from "react";
import { filterByWords, nameHasWords } from "@/lib/client/character-mention";
import { filterByName, type MentionQuery, mentionAt } from "@/lib/client/prompt-model";
import type { EditorCore } from "./editor-core";
import type { ChipInfo } from "./editor-dom";
import { caretPoint, readSelection } from "./editor-dom";

export type MentionState = MentionQuery & { left: number; top: number; lineTop: number };

/** A saved character as the `@` menu lists it. */
export interface MentionCharacter {
  id: string;
  name: string;
  thumbUrl: string | null;
}

/**
 * The @ menu's state: open while the caret ends an `@word` in the focused prompt (unless Escape
 * dismissed that one), positioned under the `@`, with the references filtered by the word, then the
 * characters whose names hold its words. Positions run over both: references first, then characters.
 */
export function useMention<C extends MentionCharacter>(
  core: EditorCore,
  frame: RefObject<HTMLElement | null>,
  chips: readonly ChipInfo[],
  characters: readonly C[] = [],
) {
  const [mention, setMention] = useState<MentionState | null>(null);
  const [active, setActive] = useState(0);
  const current = useRef<MentionState | null>(null);
  const dismissedAt = useRef<number | null>(null);
  // Read by refresh between renders: a query with spaces stays open only while it starts one of these
  // names, or holds the words of a character's.
  const names = useRef<string[]>([]);
  names.current = chips.map((c) => c.name);
  const characterNames = useRef<string[]>([]);
  characterNames.current = characters.map((c) => c.name);

  const set = useCallback((next: MentionState | null) => {
    current.current = next;
    setMention(next);
  }, []);

  const refresh = useCallback(() => {
    const el = core.root.current;
    const value = core.value.current;
    const sel = el && document.activeElement === el ? readSelection(el, value) : null;
    const keepOpen = (q: string) => characterNames.current.some((n) => nameHasWords(n, q));
    const found = sel && sel.start === sel.end ? mentionAt(value, sel.end, names.current, keepOpen) : null;
    if (!found) dismissedAt.current = null;
    if (!found || found.start === dismissedAt.current || !el || !frame.current) return set(null);
    const previous = current.current;
    if (!previous || previous.query !== found.query || previous.start !== found.start) setActive(0);
    set({ ...found, ...caretPoint(el, found.start, frame.current) });
  }, [core, frame, set]);

  /** Escape: close, and stay closed for this `@` while the caret stays in its word. */
  const dismiss = useCallback(() => {
    dismissedAt.current = current.current?.start ?? null;
    set(null);
  }, [set]);

  const close = useCallback(() => set(null), [set]);

  const options = mention ? filterByName(chips, mention.query).map(({ item }) => item) : [];
  const people = mention ? filterByWords(characters, mention.query) : [];
  const count = options.length + people.length;
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const move = (step: 1 | -1) => setActive((a) => (a + step + count) % count);

  return {
    mention,
    options,
    characters: people,
    count,
    active: activeIndex,
    setActive,
    move,
    refresh,
    dismiss,
    close,
  };
}
