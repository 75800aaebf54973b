import "server-only";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { MEDIA_EXTENSIONS, type MediaExtension } from "./keys";
import type { MediaStore } from "./storage";

// Smaller copies of stored images for places that show them small (gallery cards show a 640-wide poster
// at about 450 px). Made on first request from the content-addressed original and kept next to it, so a
// key plus a width always names the same bytes. Only a few widths exist, so no one can fill the disk by
// asking for every width.

export const VARIANT_WIDTHS = [480] as const;
export type VariantWidth = (typeof VARIANT_WIDTHS)[number];

export function isVariantWidth(w: number): w is VariantWidth {
  return (VARIANT_WIDTHS as readonly number[]).includes(w);
}

const IMAGE = /^([a-f0-9]{64})\.(png|jpg|webp)$/;

export function isImageKey(key: string): boolean {
  return IMAGE.test(key);
}

export interface VariantFile {
  path: string;
  size: number;
  contentType: string;
}

const made = new Map<string, Promise<VariantFile>>();

/**
 * The image `key` scaled to `width` (never enlarged): WebP q60 or MozJPEG q65, whichever is smaller (grainy
 * frames compress far better as JPEG, smooth ones as WebP), or the original when neither is smaller.
 */
export function imageVariant(store: MediaStore, key: string, width: VariantWidth): Promise<VariantFile> {
  const m = IMAGE.exec(key);
  if (!m) throw new Error("not an image key");
  const base = path.join(store.root, ".variants", `${m[1]}-w${width}`);
  let pending = made.get(base);
  if (!pending) {
    pending = find(base).then((found) => found ?? make(store, key, base, width));
    made.set(base, pending);
    // Keep only the in-flight work (two cards asking at once make it once); then the file is found.
    void pending.finally(() => made.delete(base)).catch(() => undefined);
  }
  return pending;
}

async function find(base: string): Promise<VariantFile | null> {
  for (const ext of Object.keys(MEDIA_EXTENSIONS) as MediaExtension[]) {
    const file = `${base}.${ext}`;
    const s = await stat(file).catch(() => null);
    if (s?.isFile()) return { path: file, size: s.size, contentType: MEDIA_EXTENSIONS[ext] };
  }
  return null;
}

async function make(store: MediaStore, key: string, base: string, width: number): Promise<VariantFile> {
  const source = store.pathOf(key);
  const original = (await stat(source)).size;
  const resized = () => sharp(source).resize({ width, withoutEnlargement: true });
  const [webp, jpeg] = await Promise.all([
    resized().webp({ quality: 60 }).toBuffer(),
    resized().flatten({ background: "#000000" }).jpeg({ quality: 65, mozjpeg: true }).toBuffer(),
  ]);
  const best =
    webp.length <= jpeg.length ? { data: webp, ext: "webp" as const } : { data: jpeg, ext: "jpg" as const };
  const originalExt = IMAGE.exec(key)?.[2] as MediaExtension;
  const chosen = best.data.length < original ? best : { data: await readFile(source), ext: originalExt };
  const file = `${base}.${chosen.ext}`;
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = await store.tempPath();
  try {
    await writeFile(tmp, chosen.data);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
  return { path: file, size: chosen.data.length, contentType: MEDIA_EXTENSIONS[chosen.ext] };
}
