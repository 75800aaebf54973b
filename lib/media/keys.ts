// Media keys are content addresses: `<sha256>.<ext>`. Anything else is refused before touching the disk,
// which is what keeps the media route inside its folder.

export const MEDIA_EXTENSIONS = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  mp4: "video/mp4",
  // Reference videos kept as they were uploaded (lib/uploads/ingest-video.ts).
  mov: "video/quicktime",
  webm: "video/webm",
} as const;
export type MediaExtension = keyof typeof MEDIA_EXTENSIONS;

const KEY = /^([a-f0-9]{64})\.(png|jpg|webp|mp4|mov|webm)$/;

export function isMediaKey(key: string): boolean {
  return KEY.test(key);
}

export function mediaKey(sha256: string, ext: MediaExtension): string {
  const key = `${sha256}.${ext}`;
  if (!KEY.test(key)) throw new Error(`not a media key: ${key}`);
  return key;
}

export function mediaContentType(key: string): string {
  const m = KEY.exec(key);
  if (!m) throw new Error(`not a media key: ${key}`);
  return MEDIA_EXTENSIONS[m[2] as MediaExtension];
}

/** The URL the browser uses for a stored file. */
export function mediaUrl(key: string): string {
  return `/api/media/${key}`;
}

/**
 * A stored image's tiny softened copy (lib/media/variants.ts), for the blurred fill behind a portrait
 * clip or a card with no video: drawn scaled up, it needs no CSS blur.
 */
export function backdropUrl(imageUrl: string): string {
  return `${imageUrl}?variant=backdrop`;
}
