import "server-only";
import { getIP } from "better-auth/api";
import type { GuestActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/http/errors";
import { getRuntime, type Runtime } from "@/lib/server/runtime";
import { type GuestCookie, guestCookieValues, verifyGuestCookie } from "./cookie";
import { findShareLink, linkPermissions, linkStatus } from "./links";
import { countShareRequest, type ShareBucket } from "./rate-limit";
import { type ShareScope, scopeOf } from "./scope";

// The one place a share link's guest is resolved. Every guest page and route (app/r, app/api/r) calls
// resolveGuest; the studio's own pages, routes and actions never do (lib/auth/session.ts resolves members
// only), so a link and its cookie open nothing of the studio.

export type ShareLinkRecord = NonNullable<Awaited<ReturnType<typeof findShareLink>>>;

interface Resolved {
  link: ShareLinkRecord;
  /** The client address the request was counted under (as better-auth's sign-in throttling sees it). */
  ip: string;
  /** The guest's cookie for this link, when the browser holds a valid one. */
  cookie: GuestCookie | null;
  /** The studio's cookie-signing secret. */
  secret: string;
  rt: Runtime;
}

export type GuestResolution =
  /** The link has a password this browser has not given. */
  | (Resolved & { state: "password" })
  /** Past the password (or none): the guest has still to give a name. */
  | (Resolved & { state: "name" })
  | (Resolved & { state: "ready"; cookie: GuestCookie; actor: GuestActor; scope: ShareScope });

/** A guest through the link's gate: who they are, the link, and what it covers. */
export type ReadyGuest = Extract<GuestResolution, { state: "ready" }>;

/** For a link that no longer works: what happened, without saying more than the link's holder may know. */
function unusable(link: ShareLinkRecord): AppError | null {
  const status = linkStatus(link);
  if (status === "revoked" || link.createdBy.disabledAt) {
    return new AppError(
      "link_revoked",
      "This review link was turned off by the studio. Ask the person who shared it for a new one.",
      410,
    );
  }
  if (status === "expired") {
    return new AppError(
      "link_expired",
      `This review link expired on ${link.expiresAt.toUTCString()}. Ask the person who shared it for a new one.`,
      410,
    );
  }
  return null;
}

export const LINK_NOT_FOUND =
  "This review link does not exist. Check that it was copied whole, or ask the person who shared it for a new one.";

/** How often a link's lastUsedAt is written at most. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * The guest behind a request to a share link's page or route: the link must exist (looked up by the
 * hash of its secret), not be revoked or expired, and its creator still be on the team; the request is
 * counted against the link's rate limit (per link and client address, `bucket` "read" unless said);
 * then the guest's signed cookie says whether they gave the password and a name. Throws 404 for an
 * unknown link, 410 for one that stopped working, 429 past the rate limit.
 */
export async function resolveGuest(
  request: Request,
  token: string,
  options: { bucket?: ShareBucket } = {},
): Promise<GuestResolution> {
  const rt = await getRuntime();
  const prisma = rt.db.prisma;
  const link = await findShareLink(prisma, token);
  if (!link) throw new AppError("link_not_found", LINK_NOT_FOUND, 404);
  const refused = unusable(link);
  if (refused) throw refused;

  const ip = getIP(request, rt.auth.options) ?? "unknown";
  await countShareRequest(prisma, options.bucket ?? "read", `${link.id}:${ip}`);
  const now = Date.now();
  if (!link.lastUsedAt || now - link.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
    void prisma.shareLink
      .update({ where: { id: link.id }, data: { lastUsedAt: new Date(now) } })
      .catch(() => {});
  }

  const secret = rt.auth.options.secret;
  if (!secret) throw new Error("the studio has no auth secret to sign guest cookies with");
  const cookie =
    guestCookieValues(request.headers.get("cookie"))
      .map((value) => verifyGuestCookie(secret, value, link.id, now))
      .find((c) => c !== null) ?? null;
  const base = { link, ip, cookie, secret, rt };
  if (link.passwordHash && !cookie?.passwordOk) return { ...base, state: "password" };
  if (!cookie?.name) return { ...base, state: "name" };
  const actor: GuestActor = {
    kind: "guest",
    id: `guest:${link.id}:${cookie.visitorId}`,
    role: "guest",
    name: cookie.name,
    via: "share-link",
    linkId: link.id,
    permissions: linkPermissions(link),
  };
  return { ...base, state: "ready", cookie, actor, scope: scopeOf(prisma, link) };
}
