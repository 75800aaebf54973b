-- AlterEnum
-- Two enum values at once: PostgreSQL 12 and later (and PGlite) allow it, and neither is used in this migration.


ALTER TYPE "ShareLinkKind" ADD VALUE 'project';
ALTER TYPE "ShareLinkKind" ADD VALUE 'sequence';

-- AlterTable
ALTER TABLE "ShareLink" ADD COLUMN     "projectId" TEXT;

-- CreateIndex
CREATE INDEX "ShareLink_projectId_createdAt_idx" ON "ShareLink"("projectId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Existing links belong to the project of what they share: a clip's, or a take group's (its takes are
-- made together, in one project). Gallery views made before projects covered every project: null.
UPDATE "ShareLink" AS l SET "projectId" = g."projectId"
  FROM "Generation" AS g
  WHERE l."kind" = 'generation' AND g."id" = l."target";
UPDATE "ShareLink" AS l SET "projectId" = (
    SELECT g."projectId" FROM "Generation" AS g WHERE g."takeGroupId" = l."target" ORDER BY g."takeIndex" LIMIT 1
  )
  WHERE l."kind" = 'take_group';
