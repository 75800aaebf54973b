import { type NextRequest, NextResponse } from "next/server";
import { unauthorized } from "@/lib/auth/actor";
import { bearerOf, hasSessionCookie, isPublicPath } from "@/lib/auth/paths";
import { errorResponse } from "@/lib/http/errors";

// The first, cheap look at every page and route: a request with neither a session cookie nor a bearer
// token is turned away here (a page to the sign-in page, an API call with 401) without touching the
// database. It is only the first line: every page, route and server action resolves the caller and checks
// the role itself (lib/http/route.ts, lib/http/server-action.ts, lib/auth/page.ts), so a matcher change
// cannot open anything. Public paths (sign-in, setup, invitations, share links, fal's signed webhook) pass.
export function proxy(request: NextRequest) {
  return named(answer(request));
}

/**
 * With several instances behind a proxy (deploy/nginx.conf), STUDIO_INSTANCE names this one on every
 * answer the proxy sees, so an operator (and the cluster tests) can tell which instance served a request.
 * Read per request, not at build time: one build serves every instance.
 */
function named(response: Response): Response {
  const instance = process.env.STUDIO_INSTANCE;
  if (instance) response.headers.set("X-Studio-Instance", instance);
  return response;
}

function answer(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  if (hasSessionCookie(request.headers.get("cookie")) || bearerOf(request.headers.get("authorization"))) {
    return NextResponse.next();
  }
  const wantsPage =
    request.method === "GET" && !pathname.startsWith("/api/") && !request.headers.has("next-action");
  if (wantsPage) {
    // nextUrl carries the host the browser used (the Host header), unlike a route handler's request.url.
    const login = request.nextUrl.clone();
    login.pathname = "/login";
    login.search =
      pathname === "/" && !search ? "" : `?${new URLSearchParams({ next: `${pathname}${search}` })}`;
    return NextResponse.redirect(login);
  }
  return errorResponse(unauthorized());
}

export const config = {
  // Everything, including API routes, except:
  // - the build's static assets, which are public (isPublicPath) and make up most requests of a first
  //   visit: running the proxy for each of them cost the server a few ms a file while the page loaded;
  // - /api/uploads, which checks the caller itself before it reads the body: Next.js copies a request
  //   body for the proxy as it arrives, so 50 uploads of 5 MB at once held copies of all of them;
  // - /api/media/*, which checks the caller itself: a first visit asks for about 40 images (posters,
  //   thumbnails, backdrops), and the proxy's turn cost each of them a few ms of the server's time while
  //   the page's scripts waited in the same queue.
  matcher: ["/((?!_next/static/|api/uploads$|api/media/).*)"],
};
