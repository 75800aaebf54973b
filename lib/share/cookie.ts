import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// What a guest's browser keeps for one share link: who they said they are and whether they gave the
// link's password, in an httpOnly cookie signed with the studio's auth secret (HMAC-SHA256, with a key of
// its own derived from the secret), so it cannot be forged or moved to another link. It is scoped to the
// link's two paths (/r/<token> and /api/r/<token>): the studio's own pages and routes never receive it,
// and never look for it.

export const GUEST_COOKIE = "omni.guest";
/** A guest stays known this long at most (and never past the link's expiry). */
export const GUEST_COOKIE_DAYS = 30;

export interface GuestCookie {
  linkId: string;
  /** Random, made when the browser first passes the link's gate: tells this guest's comments apart. */
  visitorId: string;
  /** The name the guest gave; null until they give one. */
  name: string | null;
  /** Whether they gave the link's password (true on a link without one). */
  passwordOk: boolean;
  /** Expiry, ms since the epoch. */
  exp: number;
}

export function newVisitorId(): string {
  return randomBytes(12).toString("base64url");
}

const keyFor = (secret: string) =>
  createHmac("sha256", secret).update("omni-studio share-link guest v1").digest();

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", keyFor(secret)).update(payload).digest();
}

export function signGuestCookie(secret: string, cookie: GuestCookie): string {
  const payload = Buffer.from(
    JSON.stringify({
      l: cookie.linkId,
      v: cookie.visitorId,
      n: cookie.name,
      p: cookie.passwordOk,
      e: cookie.exp,
    }),
  ).toString("base64url");
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

/** The cookie's content when its signature is good, it is for this link and it has not expired. */
export function verifyGuestCookie(
  secret: string,
  value: string,
  linkId: string,
  now = Date.now(),
): GuestCookie | null {
  const dot = value.indexOf(".");
  if (dot <= 0) return null;
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64url");
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const { l, v, n, p, e } = (data ?? {}) as Record<string, unknown>;
  if (l !== linkId || typeof v !== "string" || typeof p !== "boolean" || typeof e !== "number") return null;
  if (n !== null && typeof n !== "string") return null;
  if (e <= now) return null;
  return { linkId: l, visitorId: v, name: n, passwordOk: p, exp: e };
}

/** Every value the Cookie header carries under the guest cookie's name (a browser may send more than one). */
export function guestCookieValues(cookieHeader: string | null): string[] {
  const values: string[] = [];
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === GUEST_COOKIE) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/** Set-Cookie values for the link's page and its API (a cookie has one path, so two cookies). */
export function guestSetCookies(token: string, value: string, expires: Date, secure: boolean): string[] {
  const attributes = [
    `Expires=${expires.toUTCString()}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
  return [`/r/${token}`, `/api/r/${token}`].map(
    (path) => `${GUEST_COOKIE}=${value}; Path=${path}; ${attributes}`,
  );
}

/** Whether the browser reached the studio over https (directly, or through a proxy that says so). */
export function isSecureRequest(request: Request): boolean {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return proto ? proto === "https" : new URL(request.url).protocol === "https:";
}
