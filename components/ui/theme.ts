"use client";

import { useLayoutEffect, useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY, type Theme } from "./theme-script";

// The theme lives on <html> (class "light" or "dark"); this module reads and changes it. A choice is stored
// only while it differs from the system's, so flipping back to the system's theme follows the system again.

const CHANGE_EVENT = "omni-theme-change";
const systemQuery = () => window.matchMedia("(prefers-color-scheme: light)");

function systemTheme(): Theme {
  return systemQuery().matches ? "light" : "dark";
}

function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === "light" || value === "dark" ? value : null;
  } catch {
    return null;
  }
}

function apply(theme: Theme) {
  const root = document.documentElement;
  root.classList.remove("light", "dark");
  root.classList.add(theme);
  root.style.colorScheme = theme;
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function currentTheme(): Theme {
  return document.documentElement.classList.contains("light") ? "light" : "dark";
}

export function setTheme(theme: Theme) {
  try {
    if (theme === systemTheme()) localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Private mode without storage: the choice lasts for this page.
  }
  apply(theme);
}

function subscribe(onChange: () => void) {
  const query = systemQuery();
  const onSystem = () => {
    if (!storedTheme()) apply(systemTheme());
  };
  // Another tab changed the choice.
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY) apply(storedTheme() ?? systemTheme());
  };
  query.addEventListener("change", onSystem);
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    query.removeEventListener("change", onSystem);
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

/**
 * Sets the stored (or system) theme when the inline script in <head> has not: a page Next renders only in
 * the browser (after a server error) never ran it.
 */
export function useEnsureTheme() {
  useLayoutEffect(() => {
    const root = document.documentElement;
    if (!root.classList.contains("light") && !root.classList.contains("dark")) {
      apply(storedTheme() ?? systemTheme());
    }
  }, []);
}

/** The theme in use, or null while server rendering (the server cannot know it). */
export function useTheme(): Theme | null {
  return useSyncExternalStore(subscribe, currentTheme, () => null);
}
