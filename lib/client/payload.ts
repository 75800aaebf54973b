import type { AspectRatio, ProviderId, ThinkingLevel } from "@/lib/generations/limits";
import type { ModelProfile, Resolution } from "@/lib/models/profiles";

// The request body the provider receives for this draft, for the composer's Payload view: fal's
// reference-to-video input spelled as the chosen version's profile says (lib/providers/fal.ts
// requestBody spells it the same way; the preview engine is shown as fal's first version would get it),
// or AtlasCloud's flat body. Image URLs are the studio's stored copies; the server hands the provider its
// own upload of the same bytes at submit time.

/** fal's input: `image_urls` on every version so far; `resolution` from v1.1 on (the profile names both). */
export interface FalPayload {
  prompt: string;
  image_urls: string[];
  aspect_ratio: AspectRatio;
  duration: number;
  resolution?: string;
  [field: string]: unknown;
}

export interface AtlasPayload {
  model: string;
  prompt: string;
  images: string[];
  duration: number;
  aspect_ratio: AspectRatio;
  resolution: "720p";
  thinking_level: ThinkingLevel;
  seed: number;
}

export type ProviderPayload = FalPayload | AtlasPayload;

export interface PayloadReference {
  name: string;
  /** Absolute or root-relative URL of the stored image; null while it uploads. */
  url: string | null;
}

export interface PayloadInput {
  prompt: string;
  aspectRatio: AspectRatio;
  duration: number;
  references: PayloadReference[];
  /** Reference videos in `<VIDEO_REF_n>` order (none on versions that take none). */
  videos?: PayloadReference[];
  /** AtlasCloud only: the seed to send (absent = random, sent as -1) and the thinking level. */
  seed?: number;
  thinkingLevel?: ThinkingLevel;
}

/** The field the payload carries the images in: what the Payload view lists them under. */
export function imagesField(provider: ProviderId | undefined, version: ModelProfile | undefined): string {
  if (provider === "atlas") return "images";
  return provider === "fal" && version ? version.request.images : "image_urls";
}

/** The field the payload carries reference videos in, or null where the version takes none. */
export function videosField(
  provider: ProviderId | undefined,
  version: ModelProfile | undefined,
): string | null {
  if (provider === "atlas" || !version?.videos) return null;
  return provider === "fal" ? (version.request.videos ?? null) : "reference_video_urls";
}

export function buildPayload(
  input: PayloadInput,
  origin: string,
  provider: { id?: ProviderId; modelId?: string; version?: ModelProfile; resolution?: Resolution } = {},
): ProviderPayload {
  const urls = input.references.map((r, i) =>
    r.url ? new URL(r.url, origin).href : `(reference ${i} is still uploading)`,
  );
  const duration = Math.round(input.duration);
  const videoUrls = (input.videos ?? []).map((r, i) =>
    r.url ? new URL(r.url, origin).href : `(reference video ${i} is still uploading)`,
  );
  if (provider.id === "atlas") {
    return {
      model: provider.modelId ?? "google/gemini-omni-flash/reference-to-video",
      prompt: input.prompt,
      images: urls,
      duration,
      aspect_ratio: input.aspectRatio,
      resolution: "720p",
      thinking_level: input.thinkingLevel ?? "default",
      seed: input.seed ?? -1,
    };
  }
  const { version, resolution } = provider;
  if (provider.id !== "fal" || !version) {
    // The preview engine is shown as fal would get it: its first version's shape, and the newer versions'
    // video field when the draft holds videos.
    const body: FalPayload = {
      prompt: input.prompt,
      image_urls: urls,
      aspect_ratio: input.aspectRatio,
      duration,
    };
    if (videoUrls.length > 0 && version?.videos) body.reference_video_urls = videoUrls;
    return body;
  }
  // Field by field and in the order lib/providers/fal.ts falRequestBody builds it.
  const { request } = version;
  const body: Record<string, unknown> = {
    prompt: input.prompt,
    [request.images]: urls,
    aspect_ratio: input.aspectRatio,
    duration,
  };
  if (request.videos && videoUrls.length > 0) body[request.videos] = videoUrls;
  if (request.resolution && resolution)
    body[request.resolution.field] = request.resolution.values[resolution];
  return body as FalPayload;
}

export function formatPayload(payload: ProviderPayload): string {
  return JSON.stringify(payload, null, 2);
}
