import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, type ReadStream } from "node:fs";
import { lstat, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isMediaKey, type MediaExtension, mediaKey } from "./keys";

export interface StoredFile {
  key: string;
  sha256: string;
  bytes: number;
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * Temp files older than this are leftovers of a process killed mid-write (a kill while a clip was
 * "saving"). Not every temp file at start: with several instances on PostgreSQL sharing one media folder,
 * a fresh one may be another live instance's write in progress. A live write keeps its file's mtime
 * current, and a finished scratch file (a download being sent) stays readable once unlinked, so an hour
 * is far past anything alive.
 */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/** Removes the entries of `dir` (files or folders) untouched for `maxAgeMs` that `match`; returns how many. */
export async function removeStale(
  dir: string,
  maxAgeMs: number,
  { now = Date.now(), match = () => true }: { now?: number; match?: (name: string) => boolean } = {},
): Promise<number> {
  let removed = 0;
  for (const name of (await readdir(dir)).filter(match)) {
    const entry = path.join(dir, name);
    const s = await lstat(entry).catch(() => null);
    if (!s || now - s.mtimeMs < maxAgeMs) continue;
    await rm(entry, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/**
 * Content-addressed files under one folder. Writes go to a temp file in the same folder and are renamed
 * into place, so a reader never sees a partial file under a final key.
 */
export class MediaStore {
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, ".tmp");
  }

  async init() {
    await mkdir(this.tmpDir, { recursive: true });
    await this.clearStaleTemp();
  }

  /** Removes temp files (and folders) untouched for STALE_TEMP_MS; returns how many went. */
  clearStaleTemp(now = Date.now()): Promise<number> {
    return removeStale(this.tmpDir, STALE_TEMP_MS, { now });
  }

  /** Absolute path of a key; throws for anything that is not a media key. */
  pathOf(key: string): string {
    if (!isMediaKey(key)) throw new Error("invalid media key");
    const full = path.join(this.root, key.slice(0, 2), key);
    // Defense in depth: the key pattern already excludes separators and dots-only names.
    if (!full.startsWith(this.root + path.sep)) throw new Error("invalid media key");
    return full;
  }

  async putBuffer(data: Uint8Array, ext: MediaExtension): Promise<StoredFile> {
    const sha256 = createHash("sha256").update(data).digest("hex");
    const key = mediaKey(sha256, ext);
    const target = this.pathOf(key);
    if (await this.exists(key)) return { key, sha256, bytes: data.byteLength };
    const tmp = await this.tempPath();
    try {
      await writeFile(tmp, data);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
    } finally {
      await rm(tmp, { force: true });
    }
    return { key, sha256, bytes: data.byteLength };
  }

  /** Streams into storage while hashing; the key is known only at the end. */
  async putStream(source: ReadableStream<Uint8Array> | Readable, ext: MediaExtension): Promise<StoredFile> {
    const tmp = await this.tempPath();
    const hash = createHash("sha256");
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      },
    });
    const input =
      source instanceof Readable
        ? source
        : Readable.fromWeb(source as import("node:stream/web").ReadableStream);
    const out = createWriteStream(tmp, { flags: "wx" });
    try {
      await pipeline(input, counter, out);
      const sha256 = hash.digest("hex");
      const key = mediaKey(sha256, ext);
      const target = this.pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
      return { key, sha256, bytes };
    } finally {
      // Remove the temp file only once its stream has closed, so a late open or write cannot recreate it
      // after the rm (pipeline normally waits for the close already; this makes it explicit).
      if (!out.closed) await once(out, "close").catch(() => undefined);
      await rm(tmp, { force: true });
    }
  }

  async stat(key: string): Promise<{ size: number; mtime: Date } | null> {
    try {
      const s = await stat(this.pathOf(key));
      return s.isFile() ? { size: s.size, mtime: s.mtime } : null;
    } catch {
      return null;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  read(key: string, range?: ByteRange): ReadStream {
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : undefined);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** A path for scratch work (e.g. a render) that is cleaned by the caller. */
  async tempPath(suffix = ""): Promise<string> {
    await mkdir(this.tmpDir, { recursive: true });
    return path.join(this.tmpDir, `${randomUUID()}${suffix}`);
  }
}
