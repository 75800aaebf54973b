"use client";

import { useCallback, useSyncExternalStore } from "react";

// Until the studio has accounts, a person names themselves once; the name and a generated id are kept in
// this browser, and comments carry both (the id decides who may edit or delete a comment).
const KEY = "omni-studio:author:v1";

export interface Author {
  authorId: string;
  authorName: string;
}

const listeners = new Set<() => void>();
let cached: { raw: string | null; value: Author | null } = { raw: null, value: null };

function read(): Author | null {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    return cached.value;
  }
  if (raw === cached.raw) return cached.value;
  let value: Author | null = null;
  try {
    const parsed = JSON.parse(raw ?? "null") as Partial<Author> | null;
    if (parsed && typeof parsed.authorId === "string" && typeof parsed.authorName === "string")
      value = { authorId: parsed.authorId, authorName: parsed.authorName };
  } catch {
    value = null;
  }
  cached = { raw, value };
  return value;
}

function newAuthorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `a${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The display name and id of this browser's person; `setName` keeps the id across renames. */
export function useAuthor() {
  const author = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      window.addEventListener("storage", l);
      return () => {
        listeners.delete(l);
        window.removeEventListener("storage", l);
      };
    },
    read,
    () => null,
  );
  const setName = useCallback((authorName: string) => {
    const next = { authorId: read()?.authorId ?? newAuthorId(), authorName: authorName.trim() };
    try {
      window.localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      cached = { raw: JSON.stringify(next), value: next };
    }
    for (const l of listeners) l();
  }, []);
  return { author, setName };
}

/** The id used to ask which comments are mine, made on first need so reads can say `mine` before naming. */
export function viewerId(author: Author | null): string | null {
  return author?.authorId ?? null;
}
