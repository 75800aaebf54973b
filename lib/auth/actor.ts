import { AppError } from "@/lib/http/errors";

// Who is asking, and what they may do. Today the studio has one shared access token
// (STUDIO_ACCESS_TOKEN): whoever holds it, through the session cookie or as a bearer token, is the
// studio's owner, and an open studio (no token) lets everyone be (resolveActor in ./session.ts). The next
// step adds people with accounts and roles: resolveActor then reads a user session and returns that
// person's id and role, and every route and action that asks for a role keeps working unchanged.

/** From least to most allowed: a guest reads, a reviewer comments and rates, an editor makes and deletes. */
export const ROLES = ["guest", "reviewer", "editor", "owner"] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  /** Stable id of the person (today one id for everyone who holds the token). */
  id: string;
  role: Role;
  /** How the request proved it: no token needed, the session cookie, or the bearer token. */
  via: "open" | "session" | "bearer";
}

export function hasRole(actor: Actor, required: Role): boolean {
  return ROLES.indexOf(actor.role) >= ROLES.indexOf(required);
}

/** For a request without the session cookie or the token. */
export function unauthorized(): AppError {
  return new AppError(
    "unauthorized",
    "Sign in to the studio, or send the access token as a bearer token.",
    401,
    undefined,
    { "WWW-Authenticate": 'Bearer realm="omni-studio"' },
  );
}

/** For an actor whose role is below what the action needs. */
export function forbidden(required: Role): AppError {
  return new AppError(
    "forbidden",
    `This needs the ${required} role or higher; ask the studio's owner for access.`,
    403,
  );
}
