import "server-only";
import { getConfig } from "@/lib/config/env";
import { errorResponse } from "@/lib/http/errors";
import { type Actor, unauthorized } from "./actor";

// A shared access token guards the whole studio when STUDIO_ACCESS_TOKEN is set. People sign in once
// and get a signed, HTTP-only session cookie; scripts send the token as a bearer token.
// Signing uses Web Crypto; the token comes from the validated configuration (server-only, like the proxy).

export const SESSION_COOKIE = "omni_session";
export const SESSION_DAYS = 30;

const enc = new TextEncoder();

async function hmacKey(token: string): Promise<CryptoKey> {
  // Derive the signing key from the token: changing the token signs everyone out.
  const material = await crypto.subtle.digest("SHA-256", enc.encode(`omni-studio-session:${token}`));
  return crypto.subtle.importKey("raw", material, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

const b64url = (buf: ArrayBuffer) => Buffer.from(buf).toString("base64url");

/** Compares two strings in time independent of where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = enc.encode(a);
  const y = enc.encode(b);
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

export async function signSession(token: string, now = Date.now()): Promise<string> {
  const expires = now + SESSION_DAYS * 86_400_000;
  const payload = `v1.${expires}`;
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(token), enc.encode(payload));
  return `${payload}.${b64url(sig)}`;
}

export async function verifySession(
  token: string,
  cookie: string | undefined,
  now = Date.now(),
): Promise<boolean> {
  if (!cookie) return false;
  const m = /^v1\.(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
  if (!m) return false;
  if (Number(m[1]) < now) return false;
  const expected = b64url(await crypto.subtle.sign("HMAC", await hmacKey(token), enc.encode(`v1.${m[1]}`)));
  return safeEqual(expected, m[2]!);
}

export function bearerOk(token: string, header: string | null): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return Boolean(m && safeEqual(m[1]!.trim(), token));
}

/** The session cookie's value in a Cookie header, if there is one. */
export function sessionCookieOf(cookieHeader: string | null): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

// Interim, until accounts land: the token holder (or everyone, in an open studio) acts as one owner.
const TOKEN_HOLDER = { kind: "member", id: "studio", role: "owner", name: "Studio", email: "" } as const;

/**
 * The actor behind a request's headers (see ./actor.ts), or null when the studio asks for the token and
 * the request carries neither the cookie nor the token. Takes a function, so an open studio never reads
 * the headers (a server action called outside a request, as in tests, has none).
 */
export async function resolveActor(readHeaders: () => Headers | Promise<Headers>): Promise<Actor | null> {
  const token = getConfig().accessToken;
  if (!token) return { ...TOKEN_HOLDER, via: "session" };
  const headers = await readHeaders();
  if (bearerOk(token, headers.get("authorization"))) return { ...TOKEN_HOLDER, via: "token" };
  if (await verifySession(token, sessionCookieOf(headers.get("cookie")))) {
    return { ...TOKEN_HOLDER, via: "session" };
  }
  return null;
}

/**
 * For routes outside the access proxy (see proxy.ts) that check access themselves: the 401 to answer
 * with, or null when the studio is open or the request carries the cookie or the token.
 */
export async function accessRefusal(headers: Headers): Promise<Response | null> {
  return (await resolveActor(() => headers)) ? null : unauthorizedResponse();
}

/** The answer to an API request without the session cookie or the token. */
export function unauthorizedResponse(): Response {
  return errorResponse(unauthorized());
}

/** Paths reachable without signing in: the sign-in page itself, its assets, and fal's signed webhook. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname === "/api/login" ||
    pathname === "/api/webhooks/fal" ||
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
