import "server-only";
import { isApiToken, userForToken } from "@/lib/accounts/tokens";
import { errorResponse } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";
import { type Actor, type MemberRole, unauthorized } from "./actor";
import { bearerOf, hasSessionCookie } from "./paths";

// Who is asking (lib/auth/actor.ts), from a request's headers: a personal API token sent as
// `Authorization: Bearer <token>`, or better-auth's session cookie. Both are checked against the database
// on every request, so a revoked token, an ended session, a removed member or a changed role take effect
// on the next request. Guests (share links) are resolved by their own routes (lib/share), never here:
// the studio's own routes and pages stay closed to them.

/**
 * The member behind a request's headers, or null when it is not signed in (no cookie or token, or one
 * that is no longer valid). Takes a function so callers that may run outside a request read headers only
 * when needed.
 */
export async function resolveActor(readHeaders: () => Headers | Promise<Headers>): Promise<Actor | null> {
  const headers = await readHeaders();
  const bearer = bearerOf(headers.get("authorization"));
  if (bearer !== undefined) {
    if (!isApiToken(bearer)) return null;
    const rt = await getRuntime();
    const user = await userForToken(rt.db.prisma, bearer);
    if (!user) return null;
    return {
      kind: "member",
      id: user.id,
      role: user.role,
      name: user.name,
      email: user.email,
      via: "token",
    };
  }
  if (!hasSessionCookie(headers.get("cookie"))) return null;
  const rt = await getRuntime();
  const found = await rt.auth.api.getSession({ headers });
  if (!found) return null;
  const user = found.user as typeof found.user & { role?: MemberRole; disabledAt?: Date | null };
  if (user.disabledAt || !user.role) return null;
  return {
    kind: "member",
    id: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    via: "session",
    sessionId: found.session.id,
  };
}

/** The answer to an API request that is not signed in. */
export function unauthorizedResponse(): Response {
  return errorResponse(unauthorized());
}
