import "server-only";
import type { LinkPermission } from "@/lib/auth/actor";
import { AppError, errorResponse } from "@/lib/http/errors";
import { foreignOriginResponse, sameOrigin } from "@/lib/http/origin";
import { type GuestResolution, type ReadyGuest, resolveGuest } from "./guest";
import { PERMISSION_LABELS } from "./limits";
import type { ShareBucket } from "./rate-limit";

// The share links' twin of apiRoute (lib/http/route.ts), for the guest routes under /api/r/<token>. The
// proxy lets /api/r/* through without a session (lib/auth/paths.ts isPublicPath): this checks the link.
// In order it:
//   1. refuses a state-changing request whose Origin is another site's (the guest's cookie would
//      otherwise let any page post in their name);
//   2. resolves the guest (lib/share/guest.ts resolveGuest: link, expiry, revocation, rate limit, cookie);
//   3. unless the route is part of the link's gate (password, name), answers 401 until the guest gave the
//      password and a name, and 403 when the link does not grant `permission`;
//   4. runs the handler, and turns anything thrown into `{ error: { code, message } }`.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface GuestRouteOptions {
  /** What the link must allow beyond viewing. */
  permission?: LinkPermission;
  /** Which rate limit the request counts against (default "read"). */
  bucket?: ShareBucket;
}

const WHAT: Record<LinkPermission, string> = {
  comment: "comment",
  review: "set a review status",
  download: "download",
};

/** The 403 of a link that does not grant `permission`; says what it does grant. */
export function notAllowed(permission: LinkPermission, granted: readonly LinkPermission[]): AppError {
  const allows = ["viewing", ...granted.map((p) => PERMISSION_LABELS[p].toLowerCase())].join(", ");
  return new AppError(
    "forbidden",
    `This review link does not let you ${WHAT[permission]}; it allows ${allows}. Ask the person who shared it if you need more.`,
    403,
  );
}

/** The 401 of a guest who has not passed the link's gate yet. */
export function gateClosed(state: "password" | "name"): AppError {
  return state === "password"
    ? new AppError(
        "password_required",
        "This review link asks for a password: enter it on the link's page.",
        401,
      )
    : new AppError(
        "name_required",
        "Give your name on the link's page first: the team sees it on what you do.",
        401,
      );
}

type Handler<P, G> = (request: Request, ctx: { guest: G; params: P }) => Promise<Response>;

function wrap<P extends { token: string }, G>(
  bucket: ShareBucket | undefined,
  check: (guest: GuestResolution) => G,
  handler: Handler<P, G>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      if (!SAFE_METHODS.has(request.method) && !sameOrigin(request)) return foreignOriginResponse();
      const params = (await context.params) as P;
      const resolved = await resolveGuest(request, params.token, { bucket });
      return await handler(request, { guest: check(resolved), params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** A route for a guest who is through the gate, with what the link allows them. */
export function guestRoute<P extends { token: string }>(
  options: GuestRouteOptions,
  handler: Handler<P, ReadyGuest>,
) {
  return wrap<P, ReadyGuest>(
    options.bucket,
    (guest) => {
      if (guest.state !== "ready") throw gateClosed(guest.state);
      if (options.permission && !guest.actor.permissions.includes(options.permission)) {
        throw notAllowed(options.permission, guest.actor.permissions);
      }
      return guest;
    },
    handler,
  );
}

/** A route of the link's gate (password, name): any state of a working link. */
export function guestGateRoute<P extends { token: string }>(
  options: { bucket?: ShareBucket },
  handler: Handler<P, GuestResolution>,
) {
  return wrap<P, GuestResolution>(options.bucket, (guest) => guest, handler);
}

/** JSON that no cache keeps: what a guest sees changes as the team works. */
export function guestJson(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", "private, no-store");
  return Response.json(body, { ...init, headers });
}
