import { createWriteStream, existsSync, rmSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { LocalMediaStore } from "@/lib/media/local-store";
import { S3MediaStore } from "@/lib/media/s3-store";
import type { MediaStore } from "@/lib/media/storage";

// What tests read of a stored file (ffprobe, sharp): on the local driver the file itself; on S3 a copy
// downloaded once per key into a folder of this test process (removed when it exits), outside the store's
// temp folder, which tests expect to find empty.

const copies = path.join(os.tmpdir(), `omni-it-stored-${process.pid}`);
let cleanup = false;

/** A local path with the bytes stored under `key` (read-only: tests must not change it). */
export async function storedPath(store: MediaStore, key: string): Promise<string> {
  if (store instanceof LocalMediaStore) return store.pathOf(key);
  if (!cleanup) {
    cleanup = true;
    process.once("exit", () => rmSync(copies, { recursive: true, force: true }));
  }
  const file = path.join(copies, key);
  if (existsSync(file)) return file;
  await mkdir(copies, { recursive: true });
  const part = `${file}.${Math.random().toString(36).slice(2)}.part`;
  try {
    await pipeline(await store.read(key), createWriteStream(part));
    await rename(part, file);
  } finally {
    await rm(part, { force: true });
  }
  return file;
}

/** The names of every stored file (not temp files, not image variants), on either driver. */
export async function storedKeys(store: MediaStore): Promise<string[]> {
  if (store instanceof LocalMediaStore) {
    const out: string[] = [];
    for (const e of await readdir(store.root, { withFileTypes: true, recursive: true })) {
      if (e.isFile() && !e.parentPath.includes(".tmp") && !e.parentPath.includes(".variants"))
        out.push(e.name);
    }
    return out;
  }
  if (!(store instanceof S3MediaStore)) throw new Error(`storedKeys: unknown driver ${store.driver}`);
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await store.client.send(
      new ListObjectsV2Command({ Bucket: store.bucket, Prefix: store.prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) out.push(o.Key.slice(store.prefix.length));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}
