-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "projectId" TEXT,
ADD COLUMN     "shotId" TEXT;

-- AlterTable
ALTER TABLE "ReviewEvent" ADD COLUMN     "sequenceId" TEXT;

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sequence" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "aspectRatio" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Sequence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shot" (
    "id" TEXT NOT NULL,
    "sequenceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "content" JSONB NOT NULL DEFAULT '{}',
    "cameraNote" TEXT NOT NULL DEFAULT '',
    "dialogue" TEXT NOT NULL DEFAULT '',
    "chosenGenerationId" TEXT,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Sequence_projectId_createdAt_idx" ON "Sequence"("projectId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Shot_sequenceId_position_idx" ON "Shot"("sequenceId", "position");

-- CreateIndex
CREATE INDEX "Shot_chosenGenerationId_idx" ON "Shot"("chosenGenerationId");

-- CreateIndex
CREATE INDEX "Generation_projectId_createdAt_idx" ON "Generation"("projectId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Generation_shotId_idx" ON "Generation"("shotId");

-- CreateIndex
CREATE INDEX "ReviewEvent_sequenceId_createdAt_id_idx" ON "ReviewEvent"("sequenceId", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "Generation" ADD CONSTRAINT "Generation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Generation" ADD CONSTRAINT "Generation_shotId_fkey" FOREIGN KEY ("shotId") REFERENCES "Shot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sequence" ADD CONSTRAINT "Sequence_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sequence" ADD CONSTRAINT "Sequence_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shot" ADD CONSTRAINT "Shot_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "Sequence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shot" ADD CONSTRAINT "Shot_chosenGenerationId_fkey" FOREIGN KEY ("chosenGenerationId") REFERENCES "Generation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Data: the first project, and every existing clip in it (lib/projects/first.ts keeps it existing).
INSERT INTO "Project" ("id", "name", "createdAt", "updatedAt")
VALUES ('first-project', 'First project', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
ON CONFLICT ("id") DO NOTHING;
UPDATE "Generation" SET "projectId" = 'first-project' WHERE "projectId" IS NULL;

-- A sequence's events are a third kind of subject: still exactly one per event.
ALTER TABLE "ReviewEvent" DROP CONSTRAINT "ReviewEvent_one_subject";
ALTER TABLE "ReviewEvent" ADD CONSTRAINT "ReviewEvent_one_subject" CHECK (num_nonnulls("generationId", "characterId", "sequenceId") = 1);
