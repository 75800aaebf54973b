-- AlterTable
ALTER TABLE "Asset" ADD COLUMN     "frameAtSec" DOUBLE PRECISION,
ADD COLUMN     "frameOfId" TEXT;

-- CreateIndex
CREATE INDEX "Asset_frameOfId_idx" ON "Asset"("frameOfId");

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_frameOfId_fkey" FOREIGN KEY ("frameOfId") REFERENCES "Generation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
