// Shared by the inline script in app/layout.tsx (runs before paint, so there is no flash of the wrong
// theme) and components/ui/theme.ts (the toggle). Plain module: a server component imports the string.

export const THEME_STORAGE_KEY = "omni-theme";
export type Theme = "light" | "dark";

/**
 * Applies the stored choice, or the system's when there is none. Kept tiny and dependency-free: it is
 * inlined into every page's <head>.
 */
export const themeScript = `(function(){try{var k=${JSON.stringify(THEME_STORAGE_KEY)};var s=localStorage.getItem(k);var t=s==="light"||s==="dark"?s:(matchMedia("(prefers-color-scheme: light)").matches?"light":"dark");var e=document.documentElement;e.classList.remove("light","dark");e.classList.add(t);e.style.colorScheme=t;}catch(_){}})();`;
