-- AlterTable
ALTER TABLE "Character" ADD COLUMN     "mainAssetId" TEXT,
ADD COLUMN     "voiceNote" TEXT NOT NULL DEFAULT '';
