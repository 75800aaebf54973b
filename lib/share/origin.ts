import "server-only";
import { getConfig } from "@/lib/config/env";

/**
 * The studio's address for a link a member copies: the configured public address (PUBLIC_BASE_URL), or
 * the one the member's browser used.
 */
export function studioOrigin(request: Request): string {
  const configured = getConfig().publicBaseUrl;
  if (configured) return new URL(configured).origin;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const url = new URL(request.url);
  return host ? `${proto || url.protocol.replace(":", "")}://${host}` : url.origin;
}
