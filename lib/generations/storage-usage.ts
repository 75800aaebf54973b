import "server-only";
import type { DbTx } from "@/lib/db/client";
import type { StorageUsage } from "./storage-usage-dto";

// What each project keeps in storage, for the Spend page: its clips' videos, the reference images and
// videos its clips used, and its sequences' exports. Files are content-addressed, so a file is counted
// once per project however many of its clips use it, and once in the studio's total however many projects
// do; a reference used by two projects counts in both. Posters, thumbnails and image variants (a few
// kilobytes each, sizes not recorded) are not counted. Deleted clips count until they are purged.

type Row = {
  id: string;
  name: string;
  archivedAt: Date | null;
  clips: bigint | number;
  videos: bigint | number;
  refs: bigint | number;
  exports: bigint | number;
};

export async function storageUsage(prisma: DbTx): Promise<StorageUsage> {
  const rows = await prisma.$queryRaw<Row[]>`
    WITH clip_files AS (
      SELECT DISTINCT "projectId", "videoKey", COALESCE("videoBytes", 0) AS bytes
      FROM "Generation" WHERE "videoKey" IS NOT NULL
    ), ref_files AS (
      SELECT g."projectId", a."id", a."bytes"
      FROM "GenerationReference" r
      JOIN "Generation" g ON g."id" = r."generationId" JOIN "Asset" a ON a."id" = r."assetId"
      UNION
      SELECT g."projectId", a."id", a."bytes"
      FROM "GenerationVideoReference" r
      JOIN "Generation" g ON g."id" = r."generationId" JOIN "Asset" a ON a."id" = r."assetId"
    ), export_files AS (
      SELECT DISTINCT s."projectId", e."videoKey", COALESCE(e."bytes", 0) AS bytes
      FROM "SequenceExport" e JOIN "Sequence" s ON s."id" = e."sequenceId"
      WHERE e."videoKey" IS NOT NULL
    )
    SELECT p."id", p."name", p."archivedAt",
      (SELECT COUNT(*) FROM "Generation" g WHERE g."projectId" = p."id") AS clips,
      (SELECT COALESCE(SUM(bytes), 0) FROM clip_files c WHERE c."projectId" = p."id") AS videos,
      (SELECT COALESCE(SUM(bytes), 0) FROM ref_files f WHERE f."projectId" = p."id") AS refs,
      (SELECT COALESCE(SUM(bytes), 0) FROM export_files x WHERE x."projectId" = p."id") AS exports
    FROM "Project" p
    ORDER BY p."createdAt", p."id"`;
  const [total] = await prisma.$queryRaw<{ bytes: bigint | number | null }[]>`
    SELECT
      (SELECT COALESCE(SUM(bytes), 0) FROM (
        SELECT DISTINCT "videoKey", COALESCE("videoBytes", 0) AS bytes FROM "Generation" WHERE "videoKey" IS NOT NULL
      ) v)
      + (SELECT COALESCE(SUM("bytes"), 0) FROM "Asset")
      + (SELECT COALESCE(SUM(bytes), 0) FROM (
        SELECT DISTINCT "videoKey", COALESCE("bytes", 0) AS bytes FROM "SequenceExport" WHERE "videoKey" IS NOT NULL
      ) x) AS bytes`;
  return {
    projects: rows.map((r) => {
      const [videoBytes, referenceBytes, exportBytes] = [r.videos, r.refs, r.exports].map(Number) as [
        number,
        number,
        number,
      ];
      return {
        projectId: r.id,
        name: r.name,
        archived: r.archivedAt !== null,
        clips: Number(r.clips),
        videoBytes,
        referenceBytes,
        exportBytes,
        totalBytes: videoBytes + referenceBytes + exportBytes,
      };
    }),
    totalBytes: Number(total?.bytes ?? 0),
  };
}
