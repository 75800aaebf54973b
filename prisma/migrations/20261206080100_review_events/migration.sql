-- CreateTable
CREATE TABLE "ReviewEvent" (
    "id" TEXT NOT NULL,
    "generationId" TEXT,
    "characterId" TEXT,
    "actorUserId" TEXT,
    "actorName" TEXT NOT NULL,
    "actorKind" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "from" JSONB,
    "to" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewEvent_generationId_createdAt_id_idx" ON "ReviewEvent"("generationId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ReviewEvent_characterId_createdAt_id_idx" ON "ReviewEvent"("characterId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ReviewEvent_actorUserId_idx" ON "ReviewEvent"("actorUserId");

-- AddForeignKey
ALTER TABLE "ReviewEvent" ADD CONSTRAINT "ReviewEvent_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewEvent" ADD CONSTRAINT "ReviewEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- An event is about one clip or one character: a rule the Prisma schema cannot state, so the database holds it.
ALTER TABLE "ReviewEvent" ADD CONSTRAINT "ReviewEvent_one_subject" CHECK (num_nonnulls("generationId", "characterId") = 1);
