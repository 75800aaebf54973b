"use client";

import { type RefObject, useEffect, useRef } from "react";
import { filesOf } from "./editor-core";

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === "INPUT" || target.tagName === "TEXTAREA";
}

/**
 * Pasting an image anywhere on the page adds it as a reference while the composer is on screen; pastes
 * into fields are left to them (the prompt handles its own).
 */
export function useDocumentPaste(
  container: RefObject<HTMLElement | null>,
  onFiles: (files: File[], options: { pasted: true }) => void,
) {
  const visible = useRef(true);
  const handler = useRef(onFiles);
  handler.current = onFiles;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new IntersectionObserver((entries) => {
      visible.current = entries.some((e) => e.isIntersecting);
    });
    observer.observe(el);
    const onPaste = (event: ClipboardEvent) => {
      if (event.defaultPrevented || !visible.current || isEditable(event.target)) return;
      const files = filesOf(event.clipboardData);
      if (files.length === 0) return;
      event.preventDefault();
      handler.current(files, { pasted: true });
    };
    document.addEventListener("paste", onPaste);
    return () => {
      observer.disconnect();
      document.removeEventListener("paste", onPaste);
    };
  }, [container]);
}
