"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import {
  COLLAPSED_COOKIE,
  cookieString,
  DENSITY_COOKIE,
  type Density,
  normalizeCollapsed,
  parseDensity,
  readCookie,
  withCollapsed,
} from "./layout-prefs";

const CHANGE_EVENT = "omni-gallery-layout";

function subscribe(onChange: () => void) {
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}

function write(name: string, value: string) {
  // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server page too
  document.cookie = cookieString(name, value);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

const readDensity = () => parseDensity(readCookie(document.cookie, DENSITY_COOKIE));
const readCollapsed = () => normalizeCollapsed(readCookie(document.cookie, COLLAPSED_COOKIE));

export interface LayoutPrefs {
  density: Density;
  /** Collapsed take groups' ids, as normalizeCollapsed writes them ("id1.id2"). */
  collapsed: string;
}

/**
 * The gallery's density and collapsed groups. While hydrating, the values the server rendered with (read
 * from the same cookies); then the cookies themselves, so a stale server render corrects itself. Both
 * snapshots are strings, so equal values never re-render.
 */
export function useLayoutPrefs(server: LayoutPrefs) {
  const density = useSyncExternalStore(subscribe, readDensity, () => server.density);
  const raw = useSyncExternalStore(subscribe, readCollapsed, () => server.collapsed);
  const collapsed = useMemo(() => new Set(raw ? raw.split(".") : []), [raw]);
  const setDensity = useCallback((next: Density) => {
    write(DENSITY_COOKIE, next === "comfortable" ? "" : next);
  }, []);
  const setCollapsed = useCallback((groupId: string, value: boolean) => {
    write(COLLAPSED_COOKIE, withCollapsed(readCollapsed(), groupId, value));
  }, []);
  return { density, collapsed, setDensity, setCollapsed };
}
