import "server-only";
import { isApiToken, userForToken } from "@/lib/accounts/tokens";
import { errorResponse } from "@/lib/http/errors";
import { getRuntime } from "@/lib/server/runtime";
import { type Actor, type MemberActor, type MemberRole, unauthorized } from "./actor";
import { bearerOf, cookieValue, SESSION_COOKIES } from "./paths";

// Who is asking (lib/auth/actor.ts), from a request's headers: a personal API token sent as
// `Authorization: Bearer <token>`, or better-auth's session cookie. Both are checked against the database,
// and the answer is remembered for a few seconds by lib/auth/actor-cache.ts, which forgets it the moment
// a token is revoked, a session ends, a member is removed or a role changes: those take effect on the next
// request. Guests (share links) are resolved by their own routes (lib/share), never here:
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
    const key = `t:${bearer}`;
    const known = rt.actors.get(key);
    if (known) return known;
    const epoch = rt.actors.epoch;
    const user = await userForToken(rt.db.prisma, bearer);
    if (!user) return null;
    const actor: MemberActor = {
      kind: "member",
      id: user.id,
      role: user.role,
      name: user.name,
      email: user.email,
      via: "token",
    };
    rt.actors.remember(key, actor, epoch);
    return actor;
  }
  const cookies = SESSION_COOKIES.map((name) => cookieValue(headers.get("cookie"), name) ?? "");
  if (!cookies.some(Boolean)) return null;
  const rt = await getRuntime();
  // The signed value itself is the key: only a cookie that passed better-auth's check once is ever found.
  const key = `c:${cookies.join("|")}`;
  const known = rt.actors.get(key);
  if (known) return known;
  const epoch = rt.actors.epoch;
  const found = await rt.auth.api.getSession({ headers });
  if (!found) return null;
  const user = found.user as typeof found.user & { role?: MemberRole; disabledAt?: Date | null };
  if (user.disabledAt || !user.role) return null;
  const actor: MemberActor = {
    kind: "member",
    id: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    via: "session",
    sessionId: found.session.id,
  };
  rt.actors.remember(key, actor, epoch, new Date(found.session.expiresAt));
  return actor;
}

/** The answer to an API request that is not signed in. */
export function unauthorizedResponse(): Response {
  return errorResponse(unauthorized());
}
