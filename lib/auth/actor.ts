import { AppError } from "@/lib/http/errors";

// Who is asking, and what they may do. Every request resolves to an actor (lib/auth/session.ts
// resolveActor): a member signed in with a session cookie or a personal API token, or a guest holding a
// share link. Routes and actions ask for the least role they need (lib/http/server-action.ts, lib/http/route.ts);
// what a guest may do is narrowed further by its link's permissions.

/** From least to most allowed: a guest follows a link, a reviewer comments and rates, an editor makes and
 * deletes, an admin runs the team, the owner owns the studio. */
export const ROLES = ["guest", "reviewer", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];
/** The roles a member account can have (guests have no account). */
export const MEMBER_ROLES = ["reviewer", "editor", "admin", "owner"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** What a share link lets its guest do, beyond viewing what it shares. */
export const LINK_PERMISSIONS = ["comment", "review", "download"] as const;
export type LinkPermission = (typeof LINK_PERMISSIONS)[number];

export interface MemberActor {
  kind: "member";
  /** The user's id. */
  id: string;
  role: MemberRole;
  name: string;
  email: string;
  /** How the request proved it: the session cookie, or a personal API token. */
  via: "session" | "token";
  /** The session's id (sign-out, presence), for a session. */
  sessionId?: string;
}

export interface GuestActor {
  kind: "guest";
  /** `guest:<link id>:<visitor id>`: stable for one browser on one link. */
  id: string;
  role: "guest";
  /** The name the guest gave (kept on their comments, marked as guest). */
  name: string;
  via: "share-link";
  linkId: string;
  permissions: readonly LinkPermission[];
}

export type Actor = MemberActor | GuestActor;

export function hasRole(actor: Actor, required: Role): boolean {
  return ROLES.indexOf(actor.role) >= ROLES.indexOf(required);
}

export function isMember(actor: Actor): actor is MemberActor {
  return actor.kind === "member";
}

/** For a request that is not signed in. */
export function unauthorized(): AppError {
  return new AppError(
    "unauthorized",
    "Sign in to the studio, or send a personal API token as `Authorization: Bearer <token>`.",
    401,
    undefined,
    { "WWW-Authenticate": 'Bearer realm="omni-studio"' },
  );
}

/** For an actor whose role is below what the action needs. */
export function forbidden(required: Role): AppError {
  return new AppError(
    "forbidden",
    `This needs the ${required} role or higher; ask the studio's owner or an admin for access.`,
    403,
  );
}
