import "server-only";
import type { Db } from "@/lib/db/client";
import type { ReferenceUrlCache } from "./fal";

/** A URL must stay valid this long after we hand it out, so it does not expire while the provider fetches it. */
const EXPIRY_MARGIN_MS = 60 * 60_000;
/**
 * How long this process trusts what it last read or wrote without asking the database again. Short, so a
 * URL another instance found stale (and expired in the database) is dropped here soon too.
 */
const MEMORY_TTL_MS = 10 * 60_000;

/**
 * Remembers where a provider holds a copy of an asset, until shortly before that copy expires. The
 * database is the record (shared by every instance); a small in-process layer in front of it keeps a
 * lookup off the database on the way to every submit.
 */
export function dbReferenceUrlCache(prisma: Db, provider: string): ReferenceUrlCache {
  const memory = new Map<string, { url: string; expiresAt: number; readAt: number }>();
  const usable = (expiresAt: number) => expiresAt >= Date.now() + EXPIRY_MARGIN_MS;
  return {
    async get(assetId) {
      const hit = memory.get(assetId);
      if (hit && Date.now() - hit.readAt < MEMORY_TTL_MS)
        return hit.url && usable(hit.expiresAt) ? hit.url : undefined;
      const row = await prisma.providerUpload.findUnique({
        where: { assetId_provider: { assetId, provider } },
      });
      if (!row) return undefined;
      memory.set(assetId, { url: row.url, expiresAt: row.expiresAt.getTime(), readAt: Date.now() });
      return row.url && usable(row.expiresAt.getTime()) ? row.url : undefined;
    },
    async set(assetId, url, expiresAt) {
      memory.delete(assetId);
      await prisma.providerUpload.upsert({
        where: { assetId_provider: { assetId, provider } },
        create: { assetId, provider, url, expiresAt },
        update: { url, expiresAt, createdAt: new Date() },
      });
      memory.set(assetId, { url, expiresAt: expiresAt.getTime(), readAt: Date.now() });
    },
  };
}
