import "server-only";
import { getConfig } from "@/lib/config/env";
import { AppError, errorResponse } from "./errors";

// Browsers send Origin with every cross-site POST, and a page on another site (or another port of this
// one) may send a simple form or fetch POST without asking first. A state-changing route answers only
// its own pages: a request whose Origin names another site is refused. Requests without Origin (curl,
// scripts, server-to-server) carry no browser's cookies on someone else's behalf, so they pass.

/** The host (name:port) the client addressed, as Next.js sees it behind a proxy or not. */
function requestHost(headers: Headers): string | null {
  return headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
}

/** Whether the request's Origin, when it sends one, is this studio's own. */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and anything unreadable
  }
  const publicBaseUrl = getConfig().publicBaseUrl;
  if (publicBaseUrl && from.origin === new URL(publicBaseUrl).origin) return true;
  return from.host === requestHost(request.headers);
}

/**
 * The origins better-auth accepts for its own state-changing routes: the same rule as sameOrigin, the
 * configured public address and the one the request was addressed to.
 */
export function trustedOrigins(request?: Request): string[] {
  const origins: string[] = [];
  const publicBaseUrl = getConfig().publicBaseUrl;
  if (publicBaseUrl) origins.push(new URL(publicBaseUrl).origin);
  const host = request ? requestHost(request.headers) : null;
  // sameOrigin compares hosts only (a TLS proxy may not say which scheme the browser used).
  if (host) origins.push(`http://${host}`, `https://${host}`);
  return origins;
}

/** The 403 for a state-changing request sent by another site's page. */
export function foreignOriginResponse(): Response {
  return errorResponse(
    new AppError(
      "foreign_origin",
      "This request came from a page on another site (its Origin header is not this studio's), so it was refused. Use the studio's own pages, or send the request without an Origin header from a script.",
      403,
    ),
  );
}
