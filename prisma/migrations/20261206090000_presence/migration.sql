-- CreateTable
CREATE TABLE "Presence" (
    "generationId" TEXT NOT NULL,
    "tabId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Presence_pkey" PRIMARY KEY ("generationId","tabId")
);

-- CreateIndex
CREATE INDEX "Presence_generationId_lastSeenAt_idx" ON "Presence"("generationId", "lastSeenAt");
