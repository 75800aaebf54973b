// Concurrent uploads against a real studio process, and a check of what they left on disk: every stored
// file hashed against its content-address key, and nothing left in the store's scratch folder.
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { type AuthHeaders, type UploadedAsset, uploadImage } from "./studio-http";

/** A PNG of noise, stored uncompressed: `bytes` large, and no two seeds alike. */
export async function noisePng(targetBytes: number): Promise<Buffer> {
  const width = 1400;
  const height = Math.ceil(targetBytes / (width * 3));
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0, adaptiveFiltering: false })
    .toBuffer();
}

export interface UploadOutcome {
  status: number;
  ms: number;
  asset?: UploadedAsset;
  error?: unknown;
  /** sha256 of the bytes sent. */
  sent: string;
}

export interface UploadsResult {
  distinct: UploadOutcome[];
  same: UploadOutcome[];
  seconds: { distinct: number; same: number };
  media: MediaCheck;
}

export interface MediaCheck {
  /** Stored file keys (`<sha256>.<ext>`), by sha256. */
  files: Map<string, string[]>;
  /** Files whose bytes do not hash to their key. */
  corrupted: string[];
  /** Files left in the store's scratch folder. */
  leftovers: string[];
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Hashes every stored file under `<dataDir>/media` against its content-address key. */
export async function checkMedia(dataDir: string): Promise<MediaCheck> {
  const root = path.join(dataDir, "media");
  const files = new Map<string, string[]>();
  const corrupted: string[] = [];
  let leftovers: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    if (entry.name === ".tmp") {
      leftovers = await readdir(dir);
      continue;
    }
    for (const name of await readdir(dir)) {
      const [hash] = name.split(".");
      const list = files.get(hash as string) ?? [];
      list.push(name);
      files.set(hash as string, list);
      if (sha256(await readFile(path.join(dir, name))) !== hash) corrupted.push(name);
    }
  }
  return { files, corrupted, leftovers };
}

export async function runUploads(options: {
  base: string;
  dataDir: string;
  distinct: number;
  same: number;
  bytesEach: number;
  /** Signs each upload in (a session cookie or a bearer token). */
  auth?: AuthHeaders;
  log?: (message: string) => void;
}): Promise<UploadsResult> {
  const log = options.log ?? (() => {});
  const images = await Promise.all(
    Array.from({ length: options.distinct + 1 }, () => noisePng(options.bytesEach)),
  );
  log(`${images.length} images of ${(images[0]!.length / 1024 / 1024).toFixed(1)} MB made`);
  const shared = images.pop() as Buffer;

  let t0 = performance.now();
  const distinct = await Promise.all(
    images.map(async (img, i) => ({
      ...(await uploadImage(options.base, img, `distinct-${i}.png`, "image/png", options.auth ?? {})),
      sent: sha256(img),
    })),
  );
  const distinctSeconds = (performance.now() - t0) / 1000;
  log(`${images.length} distinct uploads at once: ${distinctSeconds.toFixed(1)} s`);
  t0 = performance.now();
  const same = await Promise.all(
    Array.from({ length: options.same }, async (_, i) => ({
      ...(await uploadImage(options.base, shared, `same-${i}.png`, "image/png", options.auth ?? {})),
      sent: sha256(shared),
    })),
  );
  const sameSeconds = (performance.now() - t0) / 1000;
  log(`${options.same} uploads of one image at once: ${sameSeconds.toFixed(1)} s`);
  return {
    distinct,
    same,
    seconds: { distinct: distinctSeconds, same: sameSeconds },
    media: await checkMedia(options.dataDir),
  };
}
