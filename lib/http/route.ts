import "server-only";
import { type Actor, forbidden, hasRole, type Role, unauthorized } from "@/lib/auth/actor";
import { resolveActor } from "@/lib/auth/session";
import { errorResponse } from "./errors";
import { foreignOriginResponse, sameOrigin } from "./origin";

// Every route handler of the studio goes through apiRoute, the routes' twin of serverAction
// (lib/http/server-action.ts). In order it:
//   1. refuses a state-changing request (anything but GET/HEAD/OPTIONS) whose Origin is another site's;
//   2. resolves the caller (lib/auth/session.ts resolveActor) and answers 401 when not signed in, 403 when
//      the role is below `role` (the message names the role needed);
//   3. runs the handler with the actor and the route's params, and turns anything thrown into the
//      studio's error shape `{ error: { code, message } }` (lib/http/errors.ts).
// The time step 2 took goes out as `Server-Timing: auth;dur=<ms>` (after the handler's own entries), so
// what signing in costs each request can be read from outside (the bench's auth rows, a browser's
// network tab) without a switch that turns the check off.
// Routes that are public by nature (fal's signed webhook, health, better-auth's own, share links for
// guests) do not use it; each says why in its file.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RouteContext<P> {
  actor: Actor;
  params: P;
}

export interface RouteOptions {
  /** The least role that may call it (lib/auth/actor.ts ROLES). */
  role: Role;
}

export function apiRoute<P = Record<string, never>>(
  options: RouteOptions,
  handler: (request: Request, ctx: RouteContext<P>) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      if (!SAFE_METHODS.has(request.method) && !sameOrigin(request)) return foreignOriginResponse();
      const authStarted = performance.now();
      const actor = await resolveActor(() => request.headers);
      const authMs = performance.now() - authStarted;
      if (!actor) throw unauthorized();
      if (!hasRole(actor, options.role)) throw forbidden(options.role);
      const params = ((await context?.params) ?? {}) as P;
      return withTiming(await handler(request, { actor, params }), `auth;dur=${authMs.toFixed(2)}`);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Adds an entry to the response's Server-Timing header, after any the handler set. */
function withTiming(response: Response, entry: string): Response {
  const existing = response.headers.get("server-timing");
  const value = existing ? `${existing}, ${entry}` : entry;
  try {
    response.headers.set("Server-Timing", value);
    return response;
  } catch {
    // A response with immutable headers (e.g. one passed through from fetch): a copy with the entry.
    const copy = new Response(response.body, response);
    copy.headers.set("Server-Timing", value);
    return copy;
  }
}
