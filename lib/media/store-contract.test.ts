import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3, type TestS3 } from "@/test/support/s3";
import { LocalMediaStore } from "./local-store";
import { S3MediaStore } from "./s3-store";
import type { MediaStore } from "./storage";

// One contract, both drivers: the local folder and S3 (a real s3rver on a free port).

let s3: TestS3;
let dir: string;
beforeAll(async () => {
  s3 = await startS3();
  dir = await mkdtemp(path.join(os.tmpdir(), "omni-contract-"));
});
afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString();
}

async function keysOf(store: MediaStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.list()) keys.push(key);
  return keys.sort();
}

const drivers: Array<[string, () => Promise<MediaStore>]> = [
  ["local", async () => new LocalMediaStore(await mkdtemp(path.join(dir, "local-")))],
  [
    "s3",
    async () =>
      s3.store(await mkdtemp(path.join(dir, "s3-")), { prefix: `${path.basename(dir)}-${Math.random()}/` }),
  ],
];

describe.each(drivers)("MediaStore contract: %s", (_name, make) => {
  let store: MediaStore;
  beforeAll(async () => {
    store = await make();
    await store.init();
  });
  const tempEmpty = async () => expect(await readdir(store.tmpDir)).toEqual([]);

  it("stores by content: buffer and stream of the same bytes give one key", async () => {
    const a = await store.putBuffer(Buffer.from("same bytes"), "png");
    const b = await store.putStream(Readable.from([Buffer.from("same "), Buffer.from("bytes")]), "png");
    expect(b).toEqual(a);
    expect(a.key).toBe(`${createHash("sha256").update("same bytes").digest("hex")}.png`);
    expect(a.bytes).toBe(10);
    const s = await store.stat(a.key);
    expect(s?.size).toBe(10);
    expect(s?.mtime).toBeInstanceOf(Date);
    await tempEmpty();
  });

  it("renews a stored file's time when the same bytes are put again (the purge's grace counts from it)", async () => {
    const bytes = Buffer.from(`renewed ${Math.random()}`);
    const { key } = await store.putBuffer(bytes, "webp");
    const first = (await store.stat(key))!.mtime.getTime();
    // Last-Modified has whole seconds on S3.
    await new Promise((r) => setTimeout(r, 1_100));
    await store.putBuffer(bytes, "webp");
    expect((await store.stat(key))!.mtime.getTime()).toBeGreaterThan(first);
    await new Promise((r) => setTimeout(r, 1_100));
    const again = (await store.stat(key))!.mtime.getTime();
    await store.putStream(Readable.from([bytes]), "webp");
    expect((await store.stat(key))!.mtime.getTime()).toBeGreaterThan(again);
    await tempEmpty();
  });

  it("lists the stored media keys and nothing else (temp files, caches)", async () => {
    const own = await make();
    await own.init();
    expect(await keysOf(own)).toEqual([]);
    const a = await own.putBuffer(Buffer.from("listed a"), "png");
    const b = await own.putBuffer(Buffer.from("listed b"), "mp4");
    await writeFile(await own.tempPath(), "scratch");
    await mkdir(own.cacheDir, { recursive: true });
    await writeFile(path.join(own.cacheDir, `${a.key}.thumb.webp`), "variant");
    expect(await keysOf(own)).toEqual([a.key, b.key].sort());
    await own.delete(a.key);
    expect(await keysOf(own)).toEqual([b.key]);
  });

  it("reads whole files and byte ranges", async () => {
    const { key } = await store.putBuffer(Buffer.from("0123456789abcdef"), "webp");
    expect(await text(await store.read(key))).toBe("0123456789abcdef");
    expect(await text(await store.read(key, { start: 2, end: 5 }))).toBe("2345");
    expect(await text(await store.read(key, { start: 15, end: 15 }))).toBe("f");
  });

  it("answers null for missing keys and forgets deleted ones", async () => {
    const { key } = await store.putBuffer(Buffer.from("to delete"), "jpg");
    expect(await store.exists(key)).toBe(true);
    await store.delete(key);
    expect(await store.exists(key)).toBe(false);
    expect(await store.stat(key)).toBeNull();
    expect(await store.stat(`${"0".repeat(64)}.png`)).toBeNull();
    await store.delete(key); // twice is fine
  });

  it("takes a local file with putFile and hands it back with localFile, leaving no temp file", async () => {
    const file = await store.tempPath(".mp4");
    await writeFile(file, "a rendered video");
    const stored = await store.putFile(file, "mp4");
    await expect(stat(file)).rejects.toThrow();
    const seen = await store.withLocalFile(stored.key, async (p) => readFile(p, "utf8"));
    expect(seen).toBe("a rendered video");
    const f = await store.localFile(stored.key);
    expect(await readFile(f.path, "utf8")).toBe("a rendered video");
    await f.release();
    await f.release();
    await expect(
      store.withLocalFile(stored.key, async () => Promise.reject(new Error("ffmpeg failed"))),
    ).rejects.toThrow("ffmpeg failed");
    await tempEmpty();
  });

  it("leaves no temp file when a source breaks mid-stream", async () => {
    async function* breaking() {
      yield Buffer.alloc(64 * 1024, 1);
      throw new Error("connection reset");
    }
    await expect(store.putStream(Readable.from(breaking()), "mp4")).rejects.toThrow("connection reset");
    await tempEmpty();
  });

  it("stores a file over 5 MB byte-exact (multipart on S3)", async () => {
    const data = randomBytes(12 * 1024 * 1024 + 123);
    const file = await store.tempPath();
    await writeFile(file, data);
    const stored = await store.putFile(file, "mp4");
    expect(stored.bytes).toBe(data.length);
    expect((await store.stat(stored.key))?.size).toBe(data.length);
    const back = await store.withLocalFile(stored.key, (p) => readFile(p));
    expect(back.equals(data)).toBe(true);
    const tail = await store.read(stored.key, { start: data.length - 10, end: data.length - 1 });
    const chunks: Buffer[] = [];
    for await (const c of tail) chunks.push(Buffer.from(c));
    expect(Buffer.concat(chunks).equals(data.subarray(data.length - 10))).toBe(true);
    await tempEmpty();
  }, 60_000);

  it("hands out presigned GET URLs on S3 only; an expired one is refused", async () => {
    const { key } = await store.putBuffer(Buffer.from("presigned bytes"), "png");
    const url = await store.presignGet(key, { expiresInSec: 300 });
    if (store.driver === "local") {
      expect(url).toBeNull();
      return;
    }
    expect(url).toContain("X-Amz-Signature=");
    const ok = await fetch(url!);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/png");
    expect(await ok.text()).toBe("presigned bytes");
    const ranged = await fetch(url!, { headers: { Range: "bytes=0-8" } });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe("presigned");
    const short = await store.presignGet(key, { expiresInSec: 1 });
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await fetch(short!);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("expired");
  });
});

// s3rver cannot page ListObjectsV2 on Node 17+ (its continuation tokens use DES, which OpenSSL 3 dropped),
// so the paging is checked against answers shaped like S3's.
it("S3 lists every key across ListObjectsV2 pages, under its prefix only", async () => {
  const store = s3.store(await mkdtemp(path.join(dir, "s3-pages-")), { prefix: "pages/" });
  const key = (n: number) => `${String(n).repeat(64)}.png`;
  const pages = [
    {
      Contents: [{ Key: `pages/${key(1)}` }, { Key: "pages/notes.txt" }],
      IsTruncated: true,
      NextContinuationToken: "t1",
    },
    { Contents: [{ Key: `pages/${key(2)}` }], IsTruncated: true, NextContinuationToken: "t2" },
    { Contents: [{ Key: `pages/${key(3)}` }], IsTruncated: false },
  ];
  const asked: Array<Record<string, unknown>> = [];
  (store.client as unknown as { send: (c: { input: Record<string, unknown> }) => Promise<unknown> }).send =
    async (command) => {
      asked.push(command.input);
      return pages[asked.length - 1];
    };
  expect(await keysOf(store)).toEqual([key(1), key(2), key(3)]);
  expect(asked.map((a) => [a.Prefix, a.ContinuationToken])).toEqual([
    ["pages/", undefined],
    ["pages/", "t1"],
    ["pages/", "t2"],
  ]);
});

it("the S3 multipart upload really used several parts", async () => {
  const store = s3.store(await mkdtemp(path.join(dir, "parts-")));
  await store.init();
  const seen: string[] = [];
  store.client.middlewareStack.add(
    (next, context) => async (args) => {
      seen.push(context.commandName ?? "");
      return next(args);
    },
    { step: "initialize" },
  );
  const file = await store.tempPath();
  await writeFile(file, randomBytes(11 * 1024 * 1024));
  await store.putFile(file, "mp4");
  expect(seen.filter((c) => c === "UploadPartCommand")).toHaveLength(3);
  expect(seen).toContain("CreateMultipartUploadCommand");
  expect(seen).toContain("CompleteMultipartUploadCommand");
  expect(store).toBeInstanceOf(S3MediaStore);
});
