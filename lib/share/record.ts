import type { GenerationDTO } from "@/lib/generations/dto";

/**
 * What a clip downloaded through a share link carries in its metadata: what it shows (the prompt, its
 * shape and length), not the studio's records (provider, model, request id, seed).
 */
export function guestRecordTags(g: GenerationDTO): Record<string, string> {
  return {
    title: g.prompt.slice(0, 120),
    description: g.prompt,
    comment: JSON.stringify({
      generator: "Omni Studio",
      prompt: g.prompt,
      duration: g.duration,
      aspectRatio: g.aspectRatio,
      createdAt: g.createdAt,
      preview: g.isPreview,
    }),
  };
}
