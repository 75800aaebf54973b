-- CreateTable
CREATE TABLE "AssetFace" (
    "assetId" TEXT NOT NULL,
    "descriptor" JSONB,
    "model" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssetFace_pkey" PRIMARY KEY ("assetId")
);

-- CreateTable
CREATE TABLE "ClipIdentity" (
    "generationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "clipDoneAt" TIMESTAMP(3) NOT NULL,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "result" JSONB,
    "error" TEXT,
    "scoredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClipIdentity_pkey" PRIMARY KEY ("generationId")
);

-- CreateIndex
CREATE INDEX "ClipIdentity_status_clipDoneAt_idx" ON "ClipIdentity"("status", "clipDoneAt" DESC);

-- AddForeignKey
ALTER TABLE "AssetFace" ADD CONSTRAINT "AssetFace_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClipIdentity" ADD CONSTRAINT "ClipIdentity_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
