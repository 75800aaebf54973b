"use client";

import { useSyncExternalStore } from "react";

// The two clips picked for compare, shared by every card in the gallery (and kept across a reload).
const KEY = "omni-studio:compare:v1";
let picked: string[] = [];
let loaded = false;
const listeners = new Set<() => void>();

function load() {
  if (loaded || typeof window === "undefined") return;
  loaded = true;
  try {
    const raw = JSON.parse(window.sessionStorage.getItem(KEY) ?? "[]");
    if (Array.isArray(raw)) picked = raw.filter((x): x is string => typeof x === "string").slice(-2);
  } catch {
    picked = [];
  }
}

function set(next: string[]) {
  picked = next;
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage disabled: the pick still lives in the page.
  }
  for (const l of listeners) l();
}

/** Adds a clip (the oldest pick drops out past two) or removes it. */
export function toggleCompare(id: string) {
  load();
  set(picked.includes(id) ? picked.filter((x) => x !== id) : [...picked, id].slice(-2));
}

export const clearCompare = () => set([]);

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
