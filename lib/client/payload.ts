import type { AspectRatio } from "@/lib/generations/schema";

// The request body the provider receives for this draft (fal's reference-to-video input), for the
// composer's Payload view. Image URLs are the studio's stored copies; the server hands the provider its
// own upload of the same bytes at submit time.

export interface ProviderPayload {
  prompt: string;
  image_urls: string[];
  aspect_ratio: AspectRatio;
  duration: number;
}

export interface PayloadReference {
  name: string;
  /** Absolute or root-relative URL of the stored image; null while it uploads. */
  url: string | null;
}

export function buildPayload(
  input: { prompt: string; aspectRatio: AspectRatio; duration: number; references: PayloadReference[] },
  origin = "",
): ProviderPayload {
  return {
    prompt: input.prompt,
    image_urls: input.references.map((r, i) =>
      r.url ? new URL(r.url, origin || "http://localhost").href : `(reference ${i} is still uploading)`,
    ),
    aspect_ratio: input.aspectRatio,
    duration: Math.round(input.duration),
  };
}

export function formatPayload(payload: ProviderPayload): string {
  return JSON.stringify(payload, null, 2);
}
