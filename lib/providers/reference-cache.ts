import "server-only";
import type { Db } from "@/lib/db/client";
import type { ReferenceUrlCache } from "./fal";

/** Remembers where a provider holds a copy of an asset, until shortly before that copy expires. */
export function dbReferenceUrlCache(prisma: Db, provider: string): ReferenceUrlCache {
  return {
    async get(assetId) {
      const row = await prisma.providerUpload.findUnique({
        where: { assetId_provider: { assetId, provider } },
      });
      // A margin so a URL does not expire while the provider is still fetching it.
      if (!row || row.expiresAt.getTime() < Date.now() + 60 * 60_000) return undefined;
      return row.url;
    },
    async set(assetId, url, expiresAt) {
      await prisma.providerUpload.upsert({
        where: { assetId_provider: { assetId, provider } },
        create: { assetId, provider, url, expiresAt },
        update: { url, expiresAt, createdAt: new Date() },
      });
    },
  };
}
