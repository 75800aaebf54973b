import "server-only";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { MEDIA_EXTENSIONS, type MediaExtension } from "./keys";
import type { MediaStore } from "./storage";

// Smaller copies of stored images for places that show them small (gallery cards show a 640-wide poster
// at about 450 px), and a tiny softened copy that stands in for a CSS blur behind a clip. Made on first
// request from the content-addressed original and kept in the store's local cache folder (`cacheDir`: next
// to the originals on the local driver, under the data directory on S3), so a key plus a variant always
// names the same bytes. They are not uploaded to the bucket: each is a few KB made in milliseconds from the
// original, so an instance that misses one rebuilds it rather than paying a bucket round trip per card. Only a few variants exist, so no one can fill the disk by asking for every width.

export const VARIANT_WIDTHS = [480] as const;
export type VariantWidth = (typeof VARIANT_WIDTHS)[number];

/**
 * `?variant=backdrop`: 48 px wide, blurred, about 1 KB. Scaled up behind a portrait clip or a card with no
 * video it looks like the 40 px CSS blur it replaces, at none of the cost: that filter, redrawn for every
 * card in software rendering, held up a 2-core machine's first paint and hydration by about 100 ms.
 */
export const BACKDROP_WIDTH = 48;
export type Variant = VariantWidth | "backdrop";

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
export function imageVariant(store: MediaStore, key: string, variant: Variant): Promise<VariantFile> {
  const m = IMAGE.exec(key);
  if (!m) throw new Error("not an image key");
  const base = path.join(store.cacheDir, `${m[1]}-${variant === "backdrop" ? "backdrop" : `w${variant}`}`);
  let pending = made.get(base);
  if (!pending) {
    pending = find(base).then(
      (found) => found ?? store.withLocalFile(key, (source) => make(store, source, key, base, variant)),
    );
    made.set(base, pending);
    // Keep only the in-flight work (two cards asking at once make it once); then the file is found.
    void pending.finally(() => made.delete(base)).catch(() => undefined);
  }
  return pending;
}

async function find(base: string): Promise<VariantFile | null> {
  for (const ext of Object.keys(MEDIA_EXTENSIONS) as MediaExtension[]) {
    const file = `${base}.${ext}`;
    const s = await stat(/*turbopackIgnore: true*/ file).catch(() => null);
    if (s?.isFile()) return { path: file, size: s.size, contentType: MEDIA_EXTENSIONS[ext] };
  }
  return null;
}

async function make(
  store: MediaStore,
  source: string,
  key: string,
  base: string,
  variant: Variant,
): Promise<VariantFile> {
  const original = (await stat(source)).size;
  const resized = () =>
    variant === "backdrop"
      ? sharp(source).resize({ width: BACKDROP_WIDTH }).blur(1.2)
      : sharp(source).resize({ width: variant, withoutEnlargement: true });
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

/**
 * Removes this instance's variants made of `key` (its original was removed); none made is not an error.
 * Another instance's cache may keep its copies until that instance restarts; they are never served, since
 * the media route asks first whether anything still uses the original.
 */
export async function dropVariants(store: MediaStore, key: string): Promise<void> {
  const m = IMAGE.exec(key);
  if (!m) return;
  const dir = store.cacheDir;
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith(`${m[1]}-`)).map((n) => rm(path.join(dir, n), { force: true })),
  );
}
