import "server-only";
import { lstat, readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import type { MediaExtension } from "./keys";

// Where media lives: a folder under the data directory (lib/media/local-store.ts, the default) or an
// S3-compatible bucket (lib/media/s3-store.ts), chosen by STORAGE_URL (lib/config/env.ts). Callers see only
// this interface. Work that needs a file on this machine (ffmpeg, sharp) goes through `localFile` /
// `withLocalFile`: the stored file itself on the local driver, a temporary download on S3 that is removed
// on release. Outputs are written to `tempPath()` and stored with `putFile`, which takes the file away.

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

export interface LocalFile {
  /** An absolute path on this machine, readable until `release`. */
  path: string;
  /** Removes the temporary copy (S3); nothing on the local driver. Safe to call twice. */
  release(): Promise<void>;
}

export interface MediaStore {
  readonly driver: "local" | "s3";
  /** Scratch folder on this machine; files older than STALE_TEMP_MS are removed at start. */
  readonly tmpDir: string;
  /** Local folder for derived copies that can always be rebuilt from the store (image variants). */
  readonly cacheDir: string;
  init(): Promise<void>;
  /** Removes temp files (and folders) untouched for STALE_TEMP_MS; returns how many went. */
  clearStaleTemp(now?: number): Promise<number>;
  putBuffer(data: Uint8Array, ext: MediaExtension): Promise<StoredFile>;
  /** Streams into storage while hashing; the key is known only at the end. */
  putStream(source: ReadableStream<Uint8Array> | Readable, ext: MediaExtension): Promise<StoredFile>;
  /** Stores a local file (e.g. an ffmpeg output) and takes it: afterwards `file` no longer exists. */
  putFile(file: string, ext: MediaExtension): Promise<StoredFile>;
  stat(key: string): Promise<{ size: number; mtime: Date } | null>;
  exists(key: string): Promise<boolean>;
  read(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Every stored media key (not temp files, caches or variants), in no particular order. */
  list(): AsyncIterable<string>;
  /** A path for scratch work (e.g. a render) in `tmpDir`, cleaned by the caller. */
  tempPath(suffix?: string): Promise<string>;
  /** The stored file as a local path until `release()` (always call it, in a `finally`). */
  localFile(key: string): Promise<LocalFile>;
  /** `fn` with a local path of the stored file; a temporary copy is removed afterwards, whatever happens. */
  withLocalFile<T>(key: string, fn: (file: string) => Promise<T>): Promise<T>;
  /** A URL the browser may GET for `expiresInSec`, or null when this driver cannot hand one out. */
  presignGet(key: string, options: { expiresInSec: number; contentType?: string }): Promise<string | null>;
  /** Throws when the store cannot be written (health checks). */
  checkWritable(): Promise<void>;
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

/** `withLocalFile` in terms of `localFile`, for both drivers. */
export async function withLocalFileOf<T>(
  store: Pick<MediaStore, "localFile">,
  key: string,
  fn: (file: string) => Promise<T>,
): Promise<T> {
  const file = await store.localFile(key);
  try {
    return await fn(file.path);
  } finally {
    await file.release();
  }
}

/** `fn` with local paths of several stored files (`fileOf(key)`); temporary copies go afterwards. */
export async function withLocalFiles<T>(
  store: Pick<MediaStore, "localFile">,
  keys: readonly string[],
  fn: (fileOf: (key: string) => string) => Promise<T>,
): Promise<T> {
  const held = new Map<string, LocalFile>();
  const fileOf = (key: string) => {
    const file = held.get(key);
    if (!file) throw new Error(`media key ${key} was not asked for`);
    return file.path;
  };
  try {
    for (const key of keys) if (!held.has(key)) held.set(key, await store.localFile(key));
    return await fn(fileOf);
  } finally {
    await Promise.all([...held.values()].map((f) => f.release()));
  }
}
