"use client";

import { type FocusEvent, useCallback, useEffect, useRef, useState } from "react";

const INTENT_MS = 120;

/**
 * True while the pointer rests on the element (after a short pause, so sweeping across the grid starts
 * no videos) or focus is inside it. Spread the handlers on the element.
 */
export function useHoverIntent() {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onPointerEnter = useCallback((event: { pointerType: string }) => {
    if (event.pointerType !== "mouse" && event.pointerType !== "pen") return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setHovered(true), INTENT_MS);
  }, []);
  const onPointerLeave = useCallback(() => {
    clearTimeout(timer.current);
    setHovered(false);
  }, []);
  const onFocus = useCallback(() => setFocused(true), []);
  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
  }, []);

  return { active: hovered || focused, handlers: { onPointerEnter, onPointerLeave, onFocus, onBlur } };
}
