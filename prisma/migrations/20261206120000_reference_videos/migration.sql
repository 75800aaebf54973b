-- CreateEnum
CREATE TYPE "AssetKind" AS ENUM ('image', 'video');

-- AlterTable
ALTER TABLE "Asset" ADD COLUMN     "durationSec" DOUBLE PRECISION,
ADD COLUMN     "hasAudio" BOOLEAN,
ADD COLUMN     "kind" "AssetKind" NOT NULL DEFAULT 'image',
ADD COLUMN     "posterKey" TEXT,
ADD COLUMN     "trimOf" TEXT;

-- AlterTable
ALTER TABLE "Character" ADD COLUMN     "videoAssetId" TEXT,
ADD COLUMN     "videoLabel" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "GenerationVideoReference" (
    "generationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "assetId" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "characterId" TEXT,

    CONSTRAINT "GenerationVideoReference_pkey" PRIMARY KEY ("generationId","position")
);

-- CreateIndex
CREATE INDEX "GenerationVideoReference_assetId_idx" ON "GenerationVideoReference"("assetId");

-- CreateIndex
CREATE INDEX "GenerationVideoReference_characterId_idx" ON "GenerationVideoReference"("characterId");

-- CreateIndex
CREATE UNIQUE INDEX "Asset_trimOf_key" ON "Asset"("trimOf");

-- CreateIndex
CREATE INDEX "Character_videoAssetId_idx" ON "Character"("videoAssetId");

-- AddForeignKey
ALTER TABLE "GenerationVideoReference" ADD CONSTRAINT "GenerationVideoReference_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationVideoReference" ADD CONSTRAINT "GenerationVideoReference_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationVideoReference" ADD CONSTRAINT "GenerationVideoReference_characterId_fkey" FOREIGN KEY ("characterId") REFERENCES "Character"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Character" ADD CONSTRAINT "Character_videoAssetId_fkey" FOREIGN KEY ("videoAssetId") REFERENCES "Asset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
