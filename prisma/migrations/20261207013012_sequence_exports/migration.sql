-- CreateTable
CREATE TABLE "SequenceExport" (
    "id" TEXT NOT NULL,
    "sequenceId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "plan" JSONB NOT NULL,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "videoKey" TEXT,
    "posterKey" TEXT,
    "bytes" INTEGER,
    "durationSec" DOUBLE PRECISION,
    "width" INTEGER,
    "height" INTEGER,
    "fps" INTEGER,
    "chapters" JSONB,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "SequenceExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SequenceExport_status_createdAt_idx" ON "SequenceExport"("status", "createdAt");

-- CreateIndex
CREATE INDEX "SequenceExport_sequenceId_createdAt_idx" ON "SequenceExport"("sequenceId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "SequenceExport" ADD CONSTRAINT "SequenceExport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SequenceExport" ADD CONSTRAINT "SequenceExport_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "Sequence"("id") ON DELETE CASCADE ON UPDATE CASCADE;
