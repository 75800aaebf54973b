import "server-only";
import { getConfig } from "@/lib/config/env";

/**
 * The studio's address for a link a member copies: the configured public address (PUBLIC_BASE_URL), or
 * the one the member's browser used (Host, or what a proxy says in X-Forwarded-Host/-Proto).
 */
export function studioOrigin(headers: Headers, requestUrl?: string): string {
  const configured = getConfig().publicBaseUrl;
  if (configured) return new URL(configured).origin;
  const fallback = requestUrl ? new URL(requestUrl) : null;
  const host =
    headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || fallback?.host;
  const proto =
    headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || fallback?.protocol.replace(":", "") || "http";
  return host ? `${proto}://${host}` : "";
}
