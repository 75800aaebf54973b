"use client";

import { useSyncExternalStore } from "react";
import { MAX_COMPARE } from "@/lib/review/compare-ids";

// The clips picked for compare (up to four), shared by every card in the gallery and kept across a reload
// of the tab. Opening compare uses them up: they are cleared when the user leaves that compare.
const KEY = "omni-studio:compare:v1";
let picked: string[] = [];
let loaded = false;
const listeners = new Set<() => void>();

/** Picks as stored: strings only, the newest four. Anything else reads as no pick. */
export function readPicks(raw: string | null): string[] {
  try {
    const value = JSON.parse(raw ?? "[]");
    return Array.isArray(value)
      ? value.filter((x): x is string => typeof x === "string").slice(-MAX_COMPARE)
      : [];
  } catch {
    return [];
  }
}

/** Adds a clip (past four the oldest pick drops out) or, when picked already, removes it. */
export function togglePick(picks: readonly string[], id: string): string[] {
  return picks.includes(id) ? picks.filter((x) => x !== id) : [...picks, id].slice(-MAX_COMPARE);
}

/** After leaving a compare: the picks it used are gone; picks it did not show stay. */
export function picksAfterCompare(picks: readonly string[], compared: readonly string[]): string[] {
  return picks.every((id) => compared.includes(id)) ? [] : [...picks];
}

function load() {
  if (loaded || typeof window === "undefined") return;
  loaded = true;
  try {
    picked = readPicks(window.sessionStorage.getItem(KEY));
  } catch {
    picked = [];
  }
}

function set(next: string[]) {
  if (next.length === picked.length && next.every((id, i) => id === picked[i])) return;
  picked = next;
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage disabled: the pick still lives in the page.
  }
  for (const l of listeners) l();
}

export function toggleCompare(id: string) {
  load();
  set(togglePick(picked, id));
}

export const clearCompare = () => set([]);

/** Called as the user leaves the compare of `ids`: the picks that opened it are used up. */
export function leaveCompare(ids: readonly string[]) {
  load();
  set(picksAfterCompare(picked, ids));
}

const EMPTY: string[] = [];
export function useCompareSelection(): string[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => {
      load();
      return picked;
    },
    () => EMPTY,
  );
}
