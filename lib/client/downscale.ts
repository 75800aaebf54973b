// Scales very large photos down in the browser before upload: a 720p video needs no more than a 2048 px
// long edge, and a phone photo of 12+ MP uploads several times faster at that size.

export const DOWNSCALE_LONG_EDGE = 2048;
export const JPEG_QUALITY = 0.9;

export interface Size {
  width: number;
  height: number;
}

/** The size that fits `max` on the long edge, keeping the aspect; null when the image already fits. */
export function downscaledSize({ width, height }: Size, max = DOWNSCALE_LONG_EDGE): Size | null {
  const long = Math.max(width, height);
  if (long <= max || width <= 0 || height <= 0) return null;
  const scale = max / long;
  return {
    width: Math.max(1, width >= height ? max : Math.round(width * scale)),
    height: Math.max(1, height > width ? max : Math.round(height * scale)),
  };
}

/** JPEG unless the image has transparency (then PNG, which keeps it). */
export function outputType(hasAlpha: boolean): "image/png" | "image/jpeg" {
  return hasAlpha ? "image/png" : "image/jpeg";
}

/** `photo.HEIC.png` -> `photo.HEIC.jpg` when the type changes; the name otherwise stays. */
export function renamedFor(name: string, type: string): string {
  const ext = type === "image/png" ? ".png" : ".jpg";
  if (type === "image/jpeg" && /\.jpe?g$/i.test(name)) return name;
  if (type === "image/png" && /\.png$/i.test(name)) return name;
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, "");
  return `${base || "image"}${ext}`;
}

/** True when any pixel is not fully opaque (RGBA bytes). */
export function hasTransparency(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i]! < 255) return true;
  return false;
}

export interface PreparedImage {
  file: File;
  /** Size as decoded, after EXIF orientation. */
  original: Size;
  /** Set when the image was scaled down. */
  scaled: Size | null;
}

type Canvas2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function makeCanvas(size: Size): { ctx: Canvas2D; toBlob: (type: string) => Promise<Blob> } {
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(size.width, size.height);
    const ctx = canvas.getContext("2d");
    if (ctx) return { ctx, toBlob: (type) => canvas.convertToBlob({ type, quality: JPEG_QUALITY }) };
  }
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw images.");
  return {
    ctx,
    toBlob: (type) =>
      new Promise((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("Could not encode."))), type, JPEG_QUALITY),
      ),
  };
}

/**
 * Decodes the file (proving it is an image the browser can read) and, when its long edge passes 2048 px
 * or the file is larger than `maxBytes` (what the server stores), redraws it (at most 2048 px, EXIF
 * orientation applied) and encodes it again. Small images within the limit are returned as they are.
 * Throws when the file cannot be decoded; `onDecoded` runs once it is known to be an image, before any
 * scaling. The result may still be over `maxBytes` (a huge PNG of noise): the caller checks.
 */
export async function prepareImage(
  file: File,
  onDecoded?: (size: Size) => void,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<PreparedImage> {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  try {
    const original = { width: bitmap.width, height: bitmap.height };
    onDecoded?.(original);
    const scaled = downscaledSize(original) ?? (file.size > maxBytes ? original : null);
    if (!scaled) return { file, original, scaled: null };
    const { ctx, toBlob } = makeCanvas(scaled);
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(bitmap, 0, 0, scaled.width, scaled.height);
    const alpha =
      file.type !== "image/jpeg" && hasTransparency(ctx.getImageData(0, 0, scaled.width, scaled.height).data);
    const type = outputType(alpha);
    const blob = await toBlob(type);
    const out = new File([blob], renamedFor(file.name, type), { type, lastModified: file.lastModified });
    return { file: out, original, scaled };
  } finally {
    bitmap.close();
  }
}
