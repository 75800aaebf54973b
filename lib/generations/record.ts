import type { GenerationDTO } from "./dto";

/** What a downloaded clip carries in its metadata, so the file explains itself anywhere. */
export function clipRecordTags(g: GenerationDTO): Record<string, string> {
  const record = {
    generator: "Omni Studio",
    id: g.id,
    provider: g.provider,
    model: g.modelId,
    requestId: g.requestId,
    prompt: g.prompt,
    duration: g.duration,
    aspectRatio: g.aspectRatio,
    seed: g.seed,
    thinkingLevel: g.thinkingLevel,
    references: g.references.map((r) => ({
      tag: `<IMAGE_REF_${r.position}>`,
      label: r.label,
      sha256: r.sha256,
    })),
    ...(g.referenceVideos?.length
      ? {
          referenceVideos: g.referenceVideos.map((r) => ({
            tag: `<VIDEO_REF_${r.position}>`,
            label: r.label,
            sha256: r.sha256,
          })),
        }
      : {}),
    createdAt: g.createdAt,
    preview: g.isPreview,
  };
  const tags: Record<string, string> = {
    title: g.prompt.slice(0, 120),
    description: g.prompt,
    comment: JSON.stringify(record),
    omni_prompt: g.prompt,
    omni_provider: g.provider,
    omni_model: g.modelId,
    omni_request_id: g.requestId ?? "",
    omni_generation_id: g.id,
    omni_duration: String(g.duration),
    omni_aspect_ratio: g.aspectRatio,
    omni_references: g.references.map((r) => r.sha256).join(","),
    omni_created_at: g.createdAt,
  };
  if (g.referenceVideos?.length)
    tags.omni_reference_videos = g.referenceVideos.map((r) => r.sha256).join(",");
  if (g.seed !== null) tags.omni_seed = String(g.seed);
  if (g.thinkingLevel) tags.omni_thinking_level = g.thinkingLevel;
  if (g.isPreview) tags.omni_preview = "true";
  return tags;
}
