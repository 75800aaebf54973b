import { cleanLabel, MAX_LABEL_CHARS, MAX_REFERENCES } from "@/lib/generations/limits";
import { formatBytes } from "./format";
import { UPLOAD_MAX_BYTES } from "./upload";

/** The largest image file the browser is asked to decode and scale down. */
export const DECODE_MAX_BYTES = 200 * 1024 * 1024;

import type { ImageLimit } from "./versions";

// The browser's checks on a dropped, chosen or pasted file, before anything changes. The server checks
// again by content; these give the message at once and naming the file.

const TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);
const EXTENSIONS = /\.(png|jpe?g|webp)$/i;

export interface FileLike {
  name: string;
  size: number;
  type: string;
}

/** The file's name as a person would recognise it (pasted screenshots have none). */
export function displayName(file: FileLike): string {
  return file.name || "The pasted image";
}

/** "a clip takes at most 5 reference images", naming the version (and one that takes more) where there is a choice. */
export function imageLimitWords(limit: ImageLimit): string {
  const more = limit.more ? `; ${limit.more.label} takes up to ${limit.more.max}` : "";
  return `${limit.version ?? "a clip"} takes at most ${limit.max} reference images${more}`;
}

/**
 * Why this file cannot be a reference, or null, before it is decoded: no slot left, too big to open,
 * empty, not an image type. What is sent is checked again after scaling (`stillTooLarge`).
 */
export function refusal(
  file: FileLike,
  slotsLeft: number,
  limit: ImageLimit = { max: MAX_REFERENCES },
): string | null {
  const name = displayName(file);
  if (slotsLeft <= 0) return `${name} was not added: ${imageLimitWords(limit)}.`;
  // Larger than the server stores is fine here: the browser scales it down first (prepareImage) and the
  // limit is checked on what is sent. Only a file too big to open in a browser tab is refused by its size.
  if (file.size > DECODE_MAX_BYTES) {
    return `${name} was not added: it is ${formatBytes(file.size)}; the studio can scale down images of up to ${formatBytes(DECODE_MAX_BYTES)} before upload.`;
  }
  if (file.size === 0) return `${name} was not added: the file is empty (0 bytes).`;
  const typed = file.type ? TYPES.has(file.type) : EXTENSIONS.test(file.name);
  if (!typed) {
    const what = file.type ? ` (${file.type})` : "";
    return `${name} was not added: it is not a PNG, JPEG or WebP image${what}.`;
  }
  return null;
}

export function undecodable(file: FileLike): string {
  return `${displayName(file)} was not added: it cannot be read as an image. Use a PNG, JPEG or WebP image.`;
}

/** The default short name: the file name without its extension, cleaned, at most 40 characters. */
export function defaultReferenceName(fileName: string): string {
  const base = cleanLabel(fileName.replace(/\.[A-Za-z0-9]{1,5}$/, "")) || cleanLabel(fileName) || "image";
  return base.length > MAX_LABEL_CHARS ? base.slice(0, MAX_LABEL_CHARS).trimEnd() : base;
}

/**
 * A pasted image's name: the browser calls every clipboard image "image.png" (or nothing), so each gets
 * "pasted 1", "pasted 2", ... instead: the first number no reference in the draft (or one still being
 * added, in `taken` too) has, so chips and @ mentions stay unambiguous. A pasted file with a real name
 * (copied from a file manager) keeps it.
 */
export function pastedName(fileName: string, taken: Iterable<string>): string | null {
  if (fileName && !/^image\.[a-z0-9]{1,5}$/i.test(fileName)) return null;
  const used = new Set(Array.from(taken, (n) => n.toLowerCase()));
  let n = 1;
  while (used.has(`pasted ${n}`)) n++;
  return `pasted ${n}`;
}

/** A name as typed: cleaned and cut to 40 characters; empty stays empty (the editor shows a fallback). */
export function cleanReferenceName(name: string): string {
  return cleanLabel(name).slice(0, MAX_LABEL_CHARS).trimEnd();
}

// ---- Reference videos ----------------------------------------------------------------------------------

const VIDEO_TYPES = new Set(["video/mp4", "video/quicktime", "video/webm"]);
const VIDEO_EXTENSIONS = /\.(mp4|m4v|mov|webm)$/i;

/** Files that say they are videos (by type, or by name when the browser gives no type). */
export function looksLikeVideo(file: FileLike): boolean {
  return file.type ? file.type.startsWith("video/") : VIDEO_EXTENSIONS.test(file.name);
}

/** What the chosen version takes in videos, and how refusals name it. */
export interface VideoLimit {
  /** The version's name ("Omni Flash 1.2"). */
  version: string;
  /** null where the version takes no videos. */
  videos: { max: number; maxSeconds: number; maxBytes: number } | null;
  /** The newest version of the provider that takes videos, where this one takes none. */
  alternative?: { label: string; max: number; maxSeconds: number };
}

const seconds = (n: number) => `${Number(n.toFixed(1))} s`;

/** "Omni Flash 1.0 takes no reference videos: pick Omni Flash 1.2 (up to 3 videos of at most 3 s each)." */
export function noVideosWords(limit: VideoLimit): string {
  const alt = limit.alternative;
  const pick = alt
    ? `pick ${alt.label} (up to ${alt.max} videos of at most ${seconds(alt.maxSeconds)} each)`
    : "pick a version that takes videos";
  return `${limit.version} takes no reference videos; it takes images only: ${pick}`;
}

/**
 * Why this video cannot be a reference, or null: the version takes none, no slot left, too large, empty,
 * or not an MP4, MOV or WebM. Its length is checked after (it needs the file's metadata), and its content
 * by the server.
 */
export function videoRefusal(file: FileLike, slotsLeft: number, limit: VideoLimit): string | null {
  const name = displayName(file);
  const videos = limit.videos;
  if (!videos) return `${name} was not added: ${noVideosWords(limit)}.`;
  if (slotsLeft <= 0)
    return `${name} was not added: ${limit.version} takes at most ${videos.max} reference videos.`;
  if (file.size > videos.maxBytes) {
    return `${name} was not added: it is ${formatBytes(file.size)} and reference videos can be at most ${formatBytes(videos.maxBytes)}.`;
  }
  if (file.size === 0) return `${name} was not added: the file is empty (0 bytes).`;
  const typed = file.type ? VIDEO_TYPES.has(file.type) : VIDEO_EXTENSIONS.test(file.name);
  if (!typed) {
    const what = file.type ? ` (${file.type})` : "";
    return `${name} was not added: it is not an MP4, MOV or WebM video${what}.`;
  }
  return null;
}

/** After scaling down: a file still over what the server stores (a huge PNG of noise), or null. */
export function stillTooLarge(
  file: FileLike,
  sent: { size: number },
  size: { width: number; height: number },
) {
  if (sent.size <= UPLOAD_MAX_BYTES) return null;
  return `${displayName(file)} was not added: even scaled to ${size.width}x${size.height} it is ${formatBytes(sent.size)}, and reference images can be at most 20 MB.`;
}
