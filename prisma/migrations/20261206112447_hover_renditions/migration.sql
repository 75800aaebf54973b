-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "hoverKey" TEXT;
