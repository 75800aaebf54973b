-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "modelVersion" TEXT,
ADD COLUMN     "resolution" TEXT;
