"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while React renders on the server and while it hydrates that HTML, true from then on (and at
 * once in anything rendered later in the browser). What depends on the browser's clock or time zone
 * renders only once this is true, so the server's HTML and the hydrating render always agree.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
