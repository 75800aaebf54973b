-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "draftOfId" TEXT;
