import "server-only";
import { verifyPassword } from "better-auth/crypto";
import { AppError } from "@/lib/http/errors";
import { parseInput } from "@/lib/validation/parse";
import {
  GUEST_COOKIE_DAYS,
  type GuestCookie,
  guestSetCookies,
  isSecureRequest,
  newVisitorId,
  signGuestCookie,
} from "./cookie";
import type { GuestResolution } from "./guest";
import { countShareRequest } from "./rate-limit";
import { guestNameSchema, guestPasswordSchema } from "./schema";

// The link's gate, before a guest sees anything: the password (when the link has one), then a name. Each
// step answers with the guest's signed cookie (./cookie.ts) for the link's two paths.

function cookieResponse(
  request: Request,
  guest: GuestResolution,
  token: string,
  next: GuestCookie,
): Response {
  const value = signGuestCookie(guest.secret, next);
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  for (const cookie of guestSetCookies(token, value, new Date(next.exp), isSecureRequest(request))) {
    headers.append("Set-Cookie", cookie);
  }
  return Response.json({ guest: { name: next.name }, passwordOk: next.passwordOk }, { headers });
}

/** The cookie this browser holds for the link, or a new one; never outliving the link. */
function baseCookie(guest: GuestResolution): GuestCookie {
  const exp = Math.min(guest.link.expiresAt.getTime(), Date.now() + GUEST_COOKIE_DAYS * 86_400_000);
  return guest.cookie
    ? { ...guest.cookie, exp }
    : {
        linkId: guest.link.id,
        visitorId: newVisitorId(),
        name: null,
        passwordOk: !guest.link.passwordHash,
        exp,
      };
}

/**
 * Checks the link's password (better-auth's scrypt verify). Attempts are limited per client address
 * (counted by resolveGuest in the "password" bucket) and per link from all addresses together.
 */
export async function submitPassword(
  request: Request,
  guest: GuestResolution,
  token: string,
  raw: unknown,
): Promise<Response> {
  await countShareRequest(guest.rt.db.prisma, "passwordPerLink", guest.link.id);
  const { password } = parseInput(guestPasswordSchema, raw);
  const hash = guest.link.passwordHash;
  if (hash && !(await verifyPassword({ hash, password }))) {
    throw new AppError(
      "wrong_password",
      "That password is not right for this link. Check it and try again.",
      401,
      {
        password: "does not match",
      },
    );
  }
  return cookieResponse(request, guest, token, { ...baseCookie(guest), passwordOk: true });
}

/** Keeps the name the guest gives (shown as "<name> (guest)" on what they do). */
export async function submitName(
  request: Request,
  guest: GuestResolution,
  token: string,
  raw: unknown,
): Promise<Response> {
  if (guest.state === "password") {
    throw new AppError("password_required", "Enter the link's password first.", 401);
  }
  const { name } = parseInput(guestNameSchema, raw);
  return cookieResponse(request, guest, token, { ...baseCookie(guest), passwordOk: true, name });
}
