// How this browser lays out the gallery: its density and the take groups it collapsed. Kept in cookies,
// not localStorage: the server reads them (app/page.tsx) and renders the first page in the chosen layout,
// so the HTML is already right (no flash, nothing for hydration to disagree with). The theme can use
// localStorage and an inline script because it is one class that CSS alone applies; a density changes the
// markup and the virtualizer's row math, which a script before paint cannot redo. Plain module: the
// server page and the browser both import it.

export type Density = "comfortable" | "compact" | "list";

export const DENSITIES: ReadonlyArray<{ value: Density; label: string }> = [
  { value: "comfortable", label: "Comfortable" },
  { value: "compact", label: "Compact" },
  { value: "list", label: "List" },
];

export const DENSITY_COOKIE = "omni-density";
export const COLLAPSED_COOKIE = "omni-collapsed";

/** The newest collapsed groups kept (about 1.3 KB of cookie); older ones open again. */
export const MAX_COLLAPSED = 60;

const ID = /^[0-9a-z]{1,40}$/;

export function parseDensity(raw: string | null | undefined): Density {
  return raw === "compact" || raw === "list" ? raw : "comfortable";
}

/** The cookie's group ids, valid and unique, newest last, at most MAX_COLLAPSED: "id1.id2". */
export function normalizeCollapsed(raw: string | null | undefined): string {
  if (!raw) return "";
  const ids = [...new Set(raw.split(".").filter((id) => ID.test(id)))];
  return ids.slice(-MAX_COLLAPSED).join(".");
}

/** The collapsed list with `groupId` added (to the newest end) or removed. */
export function withCollapsed(raw: string, groupId: string, collapsed: boolean): string {
  const ids = raw ? raw.split(".").filter((id) => id !== groupId) : [];
  if (collapsed) ids.push(groupId);
  return normalizeCollapsed(ids.join("."));
}

/** A year, for the whole site (the gallery is on "/", and cookies cannot be scoped to one path only). */
export function cookieString(name: string, value: string): string {
  return value
    ? `${name}=${value}; Path=/; Max-Age=31536000; SameSite=Lax`
    : `${name}=; Path=/; Max-Age=0; SameSite=Lax`;
}

export function readCookie(cookie: string, name: string): string | null {
  for (const part of cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
