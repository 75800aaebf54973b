-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "seed" INTEGER,
ADD COLUMN     "thinkingLevel" TEXT;
