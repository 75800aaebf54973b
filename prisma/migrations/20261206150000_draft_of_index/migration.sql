-- CreateIndex
CREATE INDEX "Generation_draftOfId_idx" ON "Generation"("draftOfId");
