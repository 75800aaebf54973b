// What the proxy (proxy.ts) may read: plain functions on paths and headers, with no server module behind
// them, so the proxy's bundle stays small. lib/auth/session.ts does the real check.

/** better-auth's session cookie (lib/auth/auth.ts COOKIE_PREFIX): plain on http, __Secure- on https. */
export const SESSION_COOKIES = ["omni.session_token", "__Secure-omni.session_token"];

/** The value of a cookie in a Cookie header. */
export function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether the request carries a session cookie at all (the proxy's cheap first look). */
export function hasSessionCookie(cookieHeader: string | null): boolean {
  return SESSION_COOKIES.some((name) => Boolean(cookieValue(cookieHeader, name)));
}

/** The bearer token of an Authorization header, if it has one. */
export function bearerOf(header: string | null): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
}

/**
 * Paths reachable without signing in: the sign-in, setup, invitation and password-reset pages,
 * better-auth's routes, share links (their routes check the link), fal's signed webhook, and the build's
 * assets.
 */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname === "/setup" ||
    pathname.startsWith("/invite/") ||
    pathname === "/reset-password" ||
    pathname.startsWith("/api/auth/") ||
    pathname === "/api/setup" ||
    pathname === "/api/health" ||
    pathname === "/api/webhooks/fal" ||
    pathname.startsWith("/r/") ||
    pathname.startsWith("/api/r/") ||
    pathname.startsWith("/_next/static/") ||
    pathname === "/favicon.ico" ||
    pathname === "/icon.svg"
  );
}

const NOWHERE = "http://studio.invalid";

/**
 * Where to go after signing in: only a path on this site. Control characters are refused outright
 * (browsers drop a tab or newline, so "/\t/host" reads as "//host"), and the path must resolve to this
 * origin, which rules out "//host", "/\\host" and "https://host".
 */
export function safeNext(next: string | null | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  if (!next?.startsWith("/") || /[\u0000-\u001f\u007f-\u009f]/.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, NOWHERE);
  } catch {
    return "/";
  }
  if (url.origin !== NOWHERE) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
