import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { access, constants, mkdir, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isMediaKey, type MediaExtension, mediaKey } from "./keys";
import {
  type ByteRange,
  type LocalFile,
  type MediaStore,
  removeStale,
  STALE_TEMP_MS,
  type StoredFile,
  withLocalFileOf,
} from "./storage";

/** Hashes and counts what flows through. */
export function hashingCounter() {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  return { stream, done: () => ({ sha256: hash.digest("hex"), bytes }) };
}

export function toNodeReadable(source: ReadableStream<Uint8Array> | Readable): Readable {
  return source instanceof Readable
    ? source
    : Readable.fromWeb(source as import("node:stream/web").ReadableStream);
}

/**
 * Copies `source` into the new file `file` while hashing; removes the file when anything fails (only once
 * its stream has closed, so a late open or write cannot recreate it after the rm).
 */
export async function writeHashed(
  source: ReadableStream<Uint8Array> | Readable,
  file: string,
): Promise<{ sha256: string; bytes: number }> {
  const counter = hashingCounter();
  const out = createWriteStream(file, { flags: "wx" });
  try {
    await pipeline(toNodeReadable(source), counter.stream, out);
    return counter.done();
  } catch (err) {
    if (!out.closed) await once(out, "close").catch(() => undefined);
    await rm(file, { force: true });
    throw err;
  }
}

/**
 * Content-addressed files under one folder (the default driver). Writes go to a temp file in the same
 * folder and are renamed into place, so a reader never sees a partial file under a final key.
 */
export class LocalMediaStore implements MediaStore {
  readonly driver = "local" as const;
  readonly tmpDir: string;
  readonly cacheDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, ".tmp");
    this.cacheDir = path.join(root, ".variants");
  }

  async init() {
    await mkdir(this.tmpDir, { recursive: true });
    await this.clearStaleTemp();
  }

  clearStaleTemp(now = Date.now()): Promise<number> {
    return removeStale(this.tmpDir, STALE_TEMP_MS, { now });
  }

  /** Absolute path of a key; throws for anything that is not a media key. Local driver only. */
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
    if (await this.exists(key)) {
      // Renewed, as a write would: the purge spares a file written within its grace, and a clip about to
      // name this file must not lose it to the purge of another clip that had it.
      const now = new Date();
      await utimes(target, now, now).catch(() => undefined);
      return { key, sha256, bytes: data.byteLength };
    }
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

  async putStream(source: ReadableStream<Uint8Array> | Readable, ext: MediaExtension): Promise<StoredFile> {
    const tmp = await this.tempPath();
    const { sha256, bytes } = await writeHashed(source, tmp);
    return this.moveIn(tmp, sha256, bytes, ext);
  }

  async putFile(file: string, ext: MediaExtension): Promise<StoredFile> {
    try {
      const { sha256, bytes } = await hashFile(file);
      // A rename only works within one file system: move the file next to its target first.
      const tmp = await this.tempPath();
      await rename(file, tmp).catch(async () => {
        await pipeline(createReadStream(file), createWriteStream(tmp, { flags: "wx" }));
      });
      return await this.moveIn(tmp, sha256, bytes, ext);
    } finally {
      await rm(file, { force: true });
    }
  }

  private async moveIn(tmp: string, sha256: string, bytes: number, ext: MediaExtension): Promise<StoredFile> {
    try {
      const key = mediaKey(sha256, ext);
      const target = this.pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
      return { key, sha256, bytes };
    } finally {
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

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const stream = createReadStream(
      this.pathOf(key),
      range ? { start: range.start, end: range.end } : undefined,
    );
    // Fail here (a missing file) rather than in the middle of a response.
    await once(stream, "open");
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Keys live in two-letter folders named after their first two characters (see `pathOf`). */
  async *list(): AsyncIterable<string> {
    const shards = await readdir(this.root, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return [];
      throw err;
    });
    for (const shard of shards) {
      if (!shard.isDirectory() || !/^[a-f0-9]{2}$/.test(shard.name)) continue;
      for (const entry of await readdir(path.join(this.root, shard.name), { withFileTypes: true })) {
        if (entry.isFile() && isMediaKey(entry.name) && entry.name.startsWith(shard.name)) yield entry.name;
      }
    }
  }

  async tempPath(suffix = ""): Promise<string> {
    await mkdir(this.tmpDir, { recursive: true });
    return path.join(this.tmpDir, `${randomUUID()}${suffix}`);
  }

  /** The stored file itself: no copy, nothing to release. */
  async localFile(key: string): Promise<LocalFile> {
    return { path: this.pathOf(key), release: async () => undefined };
  }

  withLocalFile<T>(key: string, fn: (file: string) => Promise<T>): Promise<T> {
    return withLocalFileOf(this, key, fn);
  }

  async presignGet(): Promise<string | null> {
    return null;
  }

  async checkWritable(): Promise<void> {
    await access(this.root, constants.W_OK);
  }
}

export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const counter = hashingCounter();
  await pipeline(createReadStream(file), counter.stream, async (source) => {
    for await (const _ of source);
  });
  return counter.done();
}
