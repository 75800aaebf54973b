import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/http/errors";

// Requests through a share link are counted per link and client address in fixed one-minute windows, in
// the database, so the limits hold across instances (as better-auth's sign-in limits do). better-auth's
// limiter only guards its own routes, so this is a small counter of our own; it shares better-auth's
// RateLimit table (keys here start with "share:", better-auth's are "<ip>|<path>", so they never meet).
// A row's lastRequest holds the start of its window: better-auth prunes rows whose lastRequest is older
// than its longest window (60 s or more), which for ours is only ever a window that has ended.

export const SHARE_WINDOW_MS = 60_000;

/** What one client may do through one link per minute. */
export const SHARE_LIMITS = {
  /** Pages, API reads and media (a page of a gallery view asks for a few dozen posters and thumbnails). */
  read: 600,
  /** Comments and review changes. */
  write: 30,
  /** Password attempts from one address... */
  password: 5,
  /** ...and from all addresses together, on one link. */
  passwordPerLink: 30,
} as const;
export type ShareBucket = keyof typeof SHARE_LIMITS;

/**
 * Counts one request against `bucket` for `subject` (link id, and the client address where it is per
 * address); throws a 429 saying when to come back once the window's allowance is spent.
 */
export async function countShareRequest(
  prisma: Db,
  bucket: ShareBucket,
  subject: string,
  now = Date.now(),
): Promise<void> {
  const windowStart = Math.floor(now / SHARE_WINDOW_MS) * SHARE_WINDOW_MS;
  const key = `share:${bucket}:${subject}`;
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimit" ("id", "key", "count", "lastRequest")
    VALUES (${randomUUID()}, ${key}, 1, ${BigInt(windowStart)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."lastRequest" = ${BigInt(windowStart)} THEN "RateLimit"."count" + 1 ELSE 1 END,
      "lastRequest" = ${BigInt(windowStart)}
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 0);
  if (count > SHARE_LIMITS[bucket]) {
    const retryAfter = Math.max(1, Math.ceil((windowStart + SHARE_WINDOW_MS - now) / 1000));
    throw new AppError(
      "rate_limited",
      bucket === "password" || bucket === "passwordPerLink"
        ? `Too many password attempts on this link. Try again in ${retryAfter} s.`
        : `Too many requests through this link. Try again in ${retryAfter} s.`,
      429,
      undefined,
      { "Retry-After": String(retryAfter) },
    );
  }
}
