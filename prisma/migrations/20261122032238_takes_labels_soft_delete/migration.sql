-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "retryOfId" TEXT,
ADD COLUMN     "takeCount" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "takeGroupId" TEXT,
ADD COLUMN     "takeIndex" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "GenerationReference" ADD COLUMN     "label" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Generation_takeGroupId_idx" ON "Generation"("takeGroupId");
