import { type NextRequest, NextResponse } from "next/server";
import { isPublicPath, resolveActor, unauthorizedResponse } from "@/lib/auth/session";
import { getConfig } from "@/lib/config/env";

// When STUDIO_ACCESS_TOKEN is set, every page, route, action and media file needs the session cookie or
// the token as a bearer token: checked here, or by the route itself for uploads and media (accessRefusal;
// see the matcher). fal's webhook stays open: its own signature guards it. This is the first line only:
// server actions check the caller again themselves (lib/http/server-action.ts), so a matcher change
// cannot open them. The token comes from the validated configuration; the proxy runs on Node.js (Next
// 16's default for proxy.ts), where it can read it.
export async function proxy(request: NextRequest) {
  if (!getConfig().accessToken) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  if (await resolveActor(() => request.headers)) return NextResponse.next();

  const wantsPage =
    request.method === "GET" && !pathname.startsWith("/api/") && !request.headers.has("next-action");
  if (wantsPage) {
    // nextUrl carries the host the browser used (the Host header), unlike a route handler's request.url.
    const login = request.nextUrl.clone();
    login.pathname = "/login";
    login.search = `?${new URLSearchParams({ next: `${pathname}${search}` })}`;
    return NextResponse.redirect(login);
  }
  return unauthorizedResponse();
}

export const config = {
  // Everything, including API routes, except:
  // - the build's static assets, which are public (isPublicPath) and make up most requests of a first
  //   visit: running the proxy for each of them cost the server a few ms a file while the page loaded;
  // - /api/uploads, which checks access itself before it reads the body: Next.js copies a request body
  //   for the proxy as it arrives, so 50 uploads of 5 MB at once held copies of all of them;
  // - /api/media/*, which checks access itself: a first visit asks for about 40 images (posters,
  //   thumbnails, backdrops), and the proxy's turn cost each of them a few ms of the server's time while
  //   the page's scripts waited in the same queue.
  matcher: ["/((?!_next/static/|api/uploads$|api/media/).*)"],
};
