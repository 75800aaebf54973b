import "server-only";
import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import type { DbTx } from "@/lib/db/client";
import type { Asset } from "@/lib/db/generated/client";
import type { AssetDTO } from "@/lib/generations/dto";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { type MediaExtension, mediaUrl } from "@/lib/media/keys";
import type { MediaStore } from "@/lib/media/storage";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Far above any real photo (a 100 MP camera), far below a decompression bomb. */
export const MAX_INPUT_PIXELS = 120_000_000;
export const THUMB_EDGE = 320;

const FORMATS: Record<string, { mime: string; ext: MediaExtension; label: string }> = {
  png: { mime: "image/png", ext: "png", label: "PNG" },
  jpeg: { mime: "image/jpeg", ext: "jpg", label: "JPEG" },
  webp: { mime: "image/webp", ext: "webp", label: "WebP" },
};

const FORMAT_NAMES: Record<string, string> = {
  gif: "a GIF image",
  svg: "an SVG image",
  heif: "a HEIC/HEIF image",
  avif: "an AVIF image",
  tiff: "a TIFF image",
  pdf: "a PDF document",
  jp2: "a JPEG 2000 image",
};

/** Keeps a file name displayable: no path, no control or bidi characters, bounded length. */
export function cleanFileName(name: string | undefined | null, fallback = "image"): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  const short = cleaned.length > 120 ? `${cleaned.slice(0, 100)}…${cleaned.slice(-19)}` : cleaned;
  return short || fallback;
}

export function toAssetDTO(asset: Asset): AssetDTO {
  return {
    id: asset.id,
    sha256: asset.sha256,
    mime: asset.mime,
    width: asset.width,
    height: asset.height,
    bytes: asset.bytes,
    name: asset.originalName,
    url: mediaUrl(asset.mediaKey),
    thumbUrl: mediaUrl(asset.thumbKey),
    kind: asset.kind,
    ...(asset.kind === "video"
      ? {
          video: {
            durationSec: asset.durationSec ?? 0,
            hasAudio: asset.hasAudio ?? false,
            posterUrl: mediaUrl(asset.posterKey ?? asset.thumbKey),
          },
        }
      : {}),
    ...(asset.frameOfId ? { frameOf: { generationId: asset.frameOfId, atSec: asset.frameAtSec ?? 0 } } : {}),
  };
}

/**
 * Checks an uploaded image by its content (never its name), stores the original and a thumbnail, and
 * returns the asset. The same bytes always give the same asset.
 */
export async function ingestImage(
  db: DbTx,
  store: MediaStore,
  upload: { bytes: Uint8Array; fileName: string },
): Promise<{ asset: AssetDTO; created: boolean }> {
  const name = cleanFileName(upload.fileName);
  if (upload.bytes.byteLength === 0) {
    throw new AppError("empty_file", `${name} is empty (0 bytes). Choose a PNG, JPEG or WebP image.`, 400);
  }
  if (upload.bytes.byteLength > MAX_UPLOAD_BYTES) {
    throw new AppError(
      "file_too_large",
      `${name} is ${(upload.bytes.byteLength / 1024 / 1024).toFixed(1)} MB; reference images can be at most 20 MB.`,
      413,
    );
  }

  // The same bytes again (a second upload, another device): the asset exists and its files were checked
  // when it was made, so answer without decoding the image again.
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  const known = await db.asset.findUnique({ where: { sha256 } });
  if (known && (await store.exists(known.mediaKey)) && (await store.exists(known.thumbKey))) {
    return { asset: toAssetDTO(known), created: false };
  }

  let meta: Metadata;
  try {
    meta = await sharp(upload.bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError(
      "unsupported_type",
      `${name} is not an image or video we can read. Use a PNG, JPEG or WebP image, or an MP4, MOV or WebM video.`,
      415,
    );
  }
  const format = meta.format ? FORMATS[meta.format] : undefined;
  if (!format) {
    const what = (meta.format && FORMAT_NAMES[meta.format]) ?? `a ${String(meta.format).toUpperCase()} file`;
    throw new AppError(
      "unsupported_type",
      `${name} is ${what}. Use a PNG, JPEG or WebP image, or an MP4, MOV or WebM video.`,
      415,
    );
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (width * height > MAX_INPUT_PIXELS) {
    throw new AppError(
      "image_too_large",
      `${name} is ${width}×${height} pixels; images can have at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels.`,
      422,
    );
  }

  let thumb: Buffer;
  try {
    // Decoding the whole image (for the thumbnail) is what proves the file is intact.
    thumb = await sharp(upload.bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize(THUMB_EDGE, THUMB_EDGE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
  } catch {
    throw new AppError(
      "undecodable_image",
      `${name} looks like a ${format.label} but cannot be decoded (it may be truncated or corrupt). Export it again and retry.`,
      422,
    );
  }

  const original = await store.putBuffer(upload.bytes, format.ext);
  const existing = await db.asset.findUnique({ where: { sha256: original.sha256 } });
  if (existing) return { asset: toAssetDTO(existing), created: false };
  const thumbFile = await store.putBuffer(thumb, "webp");
  try {
    const asset = await db.asset.create({
      data: {
        id: newId(),
        sha256: original.sha256,
        mime: format.mime,
        width,
        height,
        bytes: original.bytes,
        originalName: name,
        mediaKey: original.key,
        thumbKey: thumbFile.key,
      },
    });
    return { asset: toAssetDTO(asset), created: true };
  } catch (err) {
    // Two uploads of the same bytes at once: the other one created it first.
    const raced = await db.asset.findUnique({ where: { sha256: original.sha256 } });
    if (raced) return { asset: toAssetDTO(raced), created: false };
    throw err;
  }
}
