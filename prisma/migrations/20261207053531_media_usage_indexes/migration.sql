-- CreateIndex
CREATE INDEX "Asset_mediaKey_idx" ON "Asset"("mediaKey");

-- CreateIndex
CREATE INDEX "Asset_posterKey_idx" ON "Asset"("posterKey");

-- CreateIndex
CREATE INDEX "Generation_hoverKey_idx" ON "Generation"("hoverKey");

-- CreateIndex
CREATE INDEX "SequenceExport_videoKey_idx" ON "SequenceExport"("videoKey");

-- CreateIndex
CREATE INDEX "SequenceExport_posterKey_idx" ON "SequenceExport"("posterKey");
